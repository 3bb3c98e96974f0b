using System.Security.Claims;
using Metrology.Core.Reference;

namespace Metrology.Verification;

/// <summary>The outcome of a reception or verification use case: the problems (key = "" for the whole, else the field) or none.</summary>
public sealed record WorkResult(IReadOnlyList<(string Key, string Message)> Errors)
{
    public static readonly WorkResult Ok = new([]);

    public bool Succeeded => Errors.Count == 0;

    public static WorkResult Fail(string message, string key = "") => new([(key, message)]);
}

/// <summary>Which institution's work a staff member sees: their own, or all for those who manage every institution; none when unassigned.</summary>
public sealed record StaffScope(bool All, int? InstitutionId)
{
    public bool Allows(int institutionId) => All || InstitutionId == institutionId;

    public bool None => !All && InstitutionId is null;

    public static async Task<StaffScope> OfAsync(IReferenceData reference, ClaimsPrincipal user, CancellationToken ct) =>
        new(await reference.MayManageAllInstitutionsAsync(user), await reference.InstitutionOfAsync(user, ct));
}

/// <summary>The words staff and enterprises read.</summary>
public static class VerificationLabels
{
    /// <summary>FAQ 1 of seed 004: why the counter refuses.</summary>
    public const string Rule = "先备案，再约检；先受理，再检定。";

    public static string Of(TaskState state) => state switch
    {
        TaskState.Waiting => "待检定",
        TaskState.Submitted => "待核验",
        TaskState.Checked => "待批准",
        _ => "已批准",
    };

    public static string Of(VerificationConclusion? conclusion) => conclusion switch
    {
        VerificationConclusion.Pass => "合格",
        VerificationConclusion.Fail => "不合格",
        _ => "",
    };

    public static string Lab(string? discipline) => discipline switch
    {
        "Electrical" => "电学室",
        "Mechanics" => "力学室",
        "Thermal" => "热工室",
        "Length" => "长度室",
        "MandatoryRoom" => "强检室",
        "Chemistry" => "化学室",
        _ => "检定室",
    };

    /// <summary>How the enterprise sees an instrument at the institute.</summary>
    public static string ForEnterprise(VerificationTask t, decimal owed) => t switch
    {
        { CollectedUtc: not null } => "已取回",
        { State: TaskState.Approved, WaitsForFees: true } when owed > 0 => $"已检定（{Of(t.Conclusion)}），待缴费",
        { State: TaskState.Approved } => t.AppointmentKind == AppointmentKind.OnSite ? $"已检定（{Of(t.Conclusion)}）" : $"已检定（{Of(t.Conclusion)}），可取回",
        { State: TaskState.Waiting } => "已接收，待检定",
        _ => "检定中",
    };

    public static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd") ?? "";

    public static string Local(DateTime utc, string timeZoneId)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var z) ? z : TimeZoneInfo.Utc;
        return TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone).ToString("yyyy-MM-dd HH:mm");
    }

    public static string Money(decimal amount) => amount.ToString("0.00");
}
