using Metrology.Appointments.Models;
using Metrology.Core.Content;
using Metrology.Core.Data;
using Metrology.Core.Enterprises;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Appointments;

/// <summary>The appointments as reception and verification use them (<see cref="IAppointmentRecords"/>).</summary>
internal sealed class AppointmentRecords(TenantDbContext db, ContentManager contents, IEnterpriseDirectory enterprises, TimeProvider clock) : IAppointmentRecords
{
    private static readonly AppointmentState[] AtCounter = [AppointmentState.Confirmed, AppointmentState.Received, AppointmentState.Completed];

    public async Task<AppointmentInfo?> GetAsync(string id, CancellationToken ct = default) =>
        await contents.GetAsync(id, VersionOptions.Latest, ct) is { ContentType: AppointmentService.ContentType } item ? Info(item) : null;

    public async Task<IReadOnlyList<AppointmentInfo>> FindForCounterAsync(int? institutionId, string query, int take, CancellationToken ct = default)
    {
        query = query.Trim();
        if (query.Length == 0) return [];
        var rows = db.Set<AppointmentIndex>().AsNoTracking().Where(a => AtCounter.Contains(a.State));
        if (institutionId is { } institution) rows = rows.Where(a => a.InstitutionId == institution);
        IQueryable<AppointmentIndex> hits;
        if (query.Length == 5 && query.All(char.IsAsciiDigit)) hits = rows.Where(a => a.OpenDeliveryNumber == query || (a.DeliveryNumber == query && a.State != AppointmentState.Confirmed));
        else if (query.StartsWith("YJ", StringComparison.OrdinalIgnoreCase)) hits = rows.Where(a => a.Number == query.ToUpperInvariant());
        else
        {
            var named = await enterprises.IdsWhereNameContains(query).Take(50).ToListAsync(ct);
            var bySerial = db.Set<AppointmentLineIndex>().Where(l => l.SerialNumber == query).Select(l => l.AppointmentId);
            hits = rows.Where(a => named.Contains(a.EnterpriseId) || bySerial.Contains(a.ContentItemId));
        }
        var ids = await hits.OrderByDescending(a => a.CreatedUtc).Select(a => a.ContentItemId).Take(take).ToListAsync(ct);
        var found = new List<AppointmentInfo>();
        foreach (var id in ids)
            if (await contents.GetAsync(id, VersionOptions.Latest, ct) is { } item) found.Add(Info(item));
        return found;
    }

    public Task<int> CountAwaitingReceptionAsync(int? institutionId, CancellationToken ct = default) =>
        db.Set<AppointmentIndex>().AsNoTracking().Where(a => a.State == AppointmentState.Confirmed && (institutionId == null || a.InstitutionId == institutionId)).CountAsync(ct);

    public async Task<AppointmentInfo?> OpenForInstrumentAsync(string instrumentId, CancellationToken ct = default)
    {
        var id = await db.Set<AppointmentLineIndex>().AsNoTracking().Where(l => l.Open && l.InstrumentId == instrumentId).Select(l => l.AppointmentId).FirstOrDefaultAsync(ct);
        return id is null ? null : await GetAsync(id, ct);
    }

    public IQueryable<string> BookedInstrumentIds()
    {
        var received = db.Set<AppointmentIndex>().Where(a => a.State == AppointmentState.Received).Select(a => a.ContentItemId);
        return db.Set<AppointmentLineIndex>().AsNoTracking().Where(l => l.Open || received.Contains(l.AppointmentId)).Select(l => l.InstrumentId);
    }

    public async Task<string?> MarkReceivedAsync(string id, string? userName, CancellationToken ct = default)
    {
        if (await contents.GetAsync(id, VersionOptions.Latest, ct) is not { ContentType: AppointmentService.ContentType } item) return "约检单不存在。";
        var part = AppointmentPart.Of(item);
        if (part.State == AppointmentState.Received) return null;
        if (part.State != AppointmentState.Confirmed)
            return part.State switch
            {
                AppointmentState.Draft => "该约检单尚未提交：先约检，再送检。",
                AppointmentState.Submitted => "该约检单尚未被检定机构确认，不能接收。",
                AppointmentState.Completed => "该约检单已完成。",
                _ => "该约检单已取消或未被确认，不能接收。",
            };
        var received = part with { State = AppointmentState.Received, ReceivedUtc = clock.GetUtcNow().UtcDateTime, ReceivedBy = userName };
        received.WriteTo(item);
        var result = await contents.SaveAsync(item, true, userName, item.ContentItemVersionId, ct);
        return result.Succeeded ? null : string.Join("；", result.Errors.Select(e => e.Message));
    }

    public async Task MarkCompletedAsync(string id, string? userName, CancellationToken ct = default)
    {
        if (await contents.GetAsync(id, VersionOptions.Latest, ct) is not { ContentType: AppointmentService.ContentType } item) return;
        var part = AppointmentPart.Of(item);
        if (part.State != AppointmentState.Received) return;
        (part with { State = AppointmentState.Completed, CompletedUtc = clock.GetUtcNow().UtcDateTime }).WriteTo(item);
        await contents.SaveAsync(item, true, userName, item.ContentItemVersionId, ct);
    }

    private static AppointmentInfo Info(ContentItem item)
    {
        var p = AppointmentPart.Of(item);
        return new AppointmentInfo(item.ContentItemId, p.Number, p.Kind, p.State, p.EnterpriseId, p.InstitutionId, p.DeliveryNumber, p.Discipline,
            p.ConfirmedDate, p.TimeWindow, p.Address, p.ContactName, p.ContactPhone,
            p.Lines.Select(l => new AppointmentLineInfo(l.InstrumentId, l.Name, l.ModelSpec, l.SerialNumber, l.OwnNumber, l.CatalogCode)).ToList());
    }
}
