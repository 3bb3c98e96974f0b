using Metrology.Core.Verification;

namespace Metrology.Certificates;

/// <summary>
/// Told by the Verification feature after its change has committed: an approved result makes the certificate (or failure
/// notice); an appointment's fees all paid releases the withheld ones at once.
/// </summary>
internal sealed class VerificationResultHandler(CertificateIssuer issuer, IVerificationResults results) : IVerificationResultHandler
{
    public async Task ApprovedAsync(ApprovedResult result, CancellationToken ct = default) =>
        await issuer.IssueAsync(result, result.Approver, ct);

    public async Task FeesPaidAsync(string appointmentId, CancellationToken ct = default)
    {
        var outstanding = await results.FeesOutstandingAsync(appointmentId, ct);
        if (outstanding > 0) return;
        await issuer.ReleaseAsync(appointmentId, outstanding, await results.ApprovedOfAppointmentAsync(appointmentId, ct), null, ct);
    }
}
