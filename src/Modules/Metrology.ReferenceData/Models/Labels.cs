namespace Metrology.ReferenceData.Models;

/// <summary>The Chinese words for the codes, as the seeds and the Excel template use them.</summary>
public static class Labels
{
    public static string Of(ControlMarking m) => m switch { ControlMarking.P => "P", ControlMarking.V => "V", _ => "P+V" };

    public static ControlMarking? ParseMarking(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        "P" => ControlMarking.P,
        "V" => ControlMarking.V,
        "P+V" or "PV" => ControlMarking.PV,
        _ => null,
    };

    public static string Of(VerificationMode m) => m switch
    {
        VerificationMode.Periodic => "周期检定",
        VerificationMode.FirstOnlyScrap => "只作首次强制检定，失准报废",
        _ => "只作首次强制检定，限期使用，到期轮换",
    };

    public static readonly IReadOnlyList<(int Code, string Name)> Usages =
        [(1, "安全防护"), (2, "医疗卫生"), (3, "环境监测"), (4, "贸易结算")];

    public static Usage UsageOf(int code) => (Usage)(1 << (code - 1));

    public static IEnumerable<int> CodesOf(Usage usages) => Usages.Select(u => u.Code).Where(c => usages.HasFlag(UsageOf(c)));

    public static string Of(Usage usages) => string.Join("、", Usages.Where(u => usages.HasFlag(UsageOf(u.Code))).Select(u => u.Name));

    public static readonly IReadOnlyList<(DepartmentDuty Duty, string Name)> Duties =
    [
        (DepartmentDuty.RegistrationReview, "注册审核"),
        (DepartmentDuty.FilingReview, "备案审核"),
        (DepartmentDuty.BookingConfirmation, "约检确认"),
        (DepartmentDuty.CounterReception, "收件登记"),
        (DepartmentDuty.OnSiteVerification, "现场检定"),
    ];

    public static string Of(DepartmentDuty duties) => string.Join("、", Duties.Where(d => duties.HasFlag(d.Duty)).Select(d => d.Name));

    public static string Of(Discipline d) => d switch
    {
        Discipline.Electrical => "电学",
        Discipline.Mechanics => "力学",
        Discipline.Thermal => "热工",
        Discipline.Length => "长度",
        Discipline.MandatoryRoom => "强检室",
        Discipline.Chemistry => "化学",
        _ => "—",
    };
}
