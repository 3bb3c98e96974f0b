namespace Metrology.Verification.Models;

/// <summary>A counter where instruments are received (seed 004 §四 3): its institution, name and address, and the department whose staff work there.</summary>
public sealed record ReceptionPoint
{
    public int InstitutionId { get; init; }
    public string Name { get; init; } = "";
    public string? Address { get; init; }

    /// <summary>Staff assigned to this department receive at this point only; staff of none of the points' departments choose.</summary>
    public string? Department { get; init; }
}

/// <summary>
/// Reception and verification settings of a tenant (document, set by the <c>VerificationSettings</c> recipe step): the reception
/// points, the turnaround (规定时间) in working days per lab discipline ("" = a lab without discipline), the holidays that are not
/// working days, and how many working days before the due date the lab head is warned.
/// </summary>
public sealed record VerificationSettings
{
    public List<ReceptionPoint> Points { get; init; } = [];
    public Dictionary<string, int> TurnaroundDays { get; init; } = [];
    public int DefaultTurnaroundDays { get; init; } = 10;
    public List<DateOnly> Holidays { get; init; } = [];
    public int WarnWorkingDaysBefore { get; init; } = 2;

    public int TurnaroundFor(string? discipline) => TurnaroundDays.TryGetValue(discipline ?? "", out var days) ? days : DefaultTurnaroundDays;
}
