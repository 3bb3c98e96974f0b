namespace Metrology.Core.Verification;

/// <summary>检定结论.</summary>
public enum VerificationConclusion
{
    /// <summary>合格.</summary>
    Pass = 1,

    /// <summary>不合格: a failure notice (检定结果通知书) instead of a certificate.</summary>
    Fail = 2,
}

/// <summary>
/// A verification result approved by the third person (检定 → 核验 → 批准): everything a certificate or a failure notice
/// states (DOMAIN.md, "The certificate"). <c>ResultId</c> is stable; <c>FeesOutstanding</c> is what the enterprise still owes
/// on the appointment when the result says the electronic certificate waits for payment, else 0.
/// </summary>
public sealed record ApprovedResult(
    string ResultId, string InstrumentId, int EnterpriseId, int InstitutionId, string AppointmentId, string AppointmentNumber,
    string InstrumentName, string ModelSpec, string SerialNumber, string? OwnNumber, string? Manufacturer, string? MeasuringRange,
    string? CatalogCode, string Regulation, string? Standards, string? Temperature, string? Humidity,
    VerificationConclusion Conclusion, string? AccuracyClass, string? FailedItems,
    DateOnly VerifiedOn, DateOnly? ValidUntil, string Verifier, string Checker, string Approver, DateTime ApprovedUtc,
    bool WaitsForFees, decimal FeesOutstanding);

/// <summary>The approved results, as the certificate feature reads them (implemented by the Verification feature).</summary>
public interface IVerificationResults
{
    Task<ApprovedResult?> GetApprovedAsync(string resultId, CancellationToken ct = default);

    /// <summary>The approved results of an appointment (for release once its fees are paid).</summary>
    Task<IReadOnlyList<ApprovedResult>> ApprovedOfAppointmentAsync(string appointmentId, CancellationToken ct = default);

    /// <summary>What the enterprise still owes on the appointment (0 when all its fees are paid).</summary>
    Task<decimal> FeesOutstandingAsync(string appointmentId, CancellationToken ct = default);
}

/// <summary>
/// Told by the Verification feature, after the change has committed, when a result is approved and when an appointment's
/// fees are all paid; the certificate feature implements it (register as scoped). Only the enabled features' handlers run.
/// </summary>
public interface IVerificationResultHandler
{
    Task ApprovedAsync(ApprovedResult result, CancellationToken ct = default);

    Task FeesPaidAsync(string appointmentId, CancellationToken ct = default);
}
