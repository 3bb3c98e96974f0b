namespace Metrology.Core.Statistics;

/// <summary>A step of mandatory verification that the statistics count (one fact per instrument, or per appointment for <see cref="Booked"/>).</summary>
public enum ProcessStep
{
    FilingSubmitted = 1,
    FilingAccepted = 2,
    FilingRejected = 3,

    /// <summary>An appointment placed (a booking submitted, a self-delivery number given); <see cref="ProcessFact.Kind"/> = its kind.</summary>
    Booked = 4,

    Received = 5,

    /// <summary>A verification result approved; <see cref="ProcessFact.Passed"/>, <see cref="ProcessFact.TurnaroundDays"/> and <see cref="ProcessFact.Late"/> set.</summary>
    Verified = 6,

    CertificateIssued = 7,
}

/// <summary>
/// One thing that happened, with what the statistics break it down by: the institution, the day (local), the
/// instrument's region (所属地代码), catalog item and usage (1–4).
/// </summary>
public sealed record ProcessFact(ProcessStep Step, int InstitutionId, int EnterpriseId, string? InstrumentId, DateOnly Day,
    string? RegionCode = null, string? CatalogCode = null, int? Usage = null, int? Kind = null, bool? Passed = null, int? TurnaroundDays = null, bool? Late = null);

/// <summary>
/// Where the process modules record their steps for the statistics (implemented by the Statistics feature; does nothing
/// where it is not enabled). Call it inside the change's transaction (an index handler, a unit of work): the fact is
/// saved with the change and only with it.
/// </summary>
public interface IProcessFacts
{
    void Record(ProcessFact fact);
}
