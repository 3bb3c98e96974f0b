using Metrology.Core.Data;
using Metrology.Core.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Metrology.Verification;

/// <summary>
/// The approved results as the certificate feature reads them (<see cref="IVerificationResults"/>), and the telling of its handlers
/// after an approval or the last payment has committed. A handler's failure is logged: the approval stands. Handlers are
/// resolved when they are told, not injected: a handler reads the results back through <see cref="IVerificationResults"/>,
/// and injecting each into the other is a cycle the container cannot see through the factory (it recursed without end).
/// </summary>
public sealed class VerificationResults(TenantDbContext db, IServiceProvider services, FeatureFilter features,
    ILogger<VerificationResults> logger) : IVerificationResults
{
    private IEnumerable<IVerificationResultHandler> Handlers => features.Enabled(services.GetServices<IVerificationResultHandler>());

    private IQueryable<VerificationTask> Approved => db.Set<VerificationTask>().AsNoTracking().Where(t => t.State == TaskState.Approved);

    public async Task<ApprovedResult?> GetApprovedAsync(string resultId, CancellationToken ct = default) =>
        await Approved.FirstOrDefaultAsync(t => t.Id == resultId, ct) is { } t ? Result(t, await FeesOutstandingAsync(t.AppointmentId, ct)) : null;

    public async Task<IReadOnlyList<ApprovedResult>> ApprovedOfAppointmentAsync(string appointmentId, CancellationToken ct = default)
    {
        var tasks = await Approved.Where(t => t.AppointmentId == appointmentId).OrderBy(t => t.ApprovedUtc).ToListAsync(ct);
        var owed = await FeesOutstandingAsync(appointmentId, ct);
        return tasks.Select(t => Result(t, owed)).ToList();
    }

    public async Task<decimal> FeesOutstandingAsync(string appointmentId, CancellationToken ct = default) =>
        (await db.Set<AppointmentFee>().AsNoTracking().Where(f => f.AppointmentId == appointmentId && f.PaidUtc == null).Select(f => f.AmountCents).ToListAsync(ct)).Sum() / 100m;

    internal static ApprovedResult Result(VerificationTask t, decimal owed) => new(
        t.Id, t.InstrumentId, t.EnterpriseId, t.InstitutionId, t.AppointmentId, t.AppointmentNumber, t.InstrumentName, t.ModelSpec, t.SerialNumber,
        t.OwnNumber, t.Manufacturer, null, t.CatalogCode, t.Regulation ?? "", t.Standards, t.Temperature, t.Humidity, t.Conclusion ?? VerificationConclusion.Fail,
        t.AccuracyClass, t.FailedItems, t.VerifiedOn ?? DateOnly.FromDateTime(t.ApprovedUtc ?? t.ReceivedUtc), t.ValidUntil, t.Verifier ?? "", t.Checker ?? "",
        t.Approver ?? "", t.ApprovedUtc ?? t.ReceivedUtc, t.WaitsForFees, t.WaitsForFees ? owed : 0);

    internal async Task ApprovedAsync(string resultId, CancellationToken ct)
    {
        if (await GetApprovedAsync(resultId, ct) is not { } result) return;
        foreach (var handler in Handlers)
        {
            try { await handler.ApprovedAsync(result, ct); }
            catch (Exception e) when (e is not OperationCanceledException) { logger.LogError(e, "Handler {Handler} failed for approved result {Result}", handler.GetType().Name, resultId); }
        }
    }

    internal async Task FeesPaidAsync(string appointmentId, CancellationToken ct)
    {
        foreach (var handler in Handlers)
        {
            try { await handler.FeesPaidAsync(appointmentId, ct); }
            catch (Exception e) when (e is not OperationCanceledException) { logger.LogError(e, "Handler {Handler} failed for paid appointment {Appointment}", handler.GetType().Name, appointmentId); }
        }
    }
}
