using Metrology.Core.Security;
using Microsoft.AspNetCore.Http;
using Metrology.Appointments.Models;
using Metrology.Core.Data;
using Metrology.Core.Instruments;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Appointments;

/// <summary>An instrument's booking steps for its history (约检: booked, confirmed).</summary>
internal sealed class AppointmentHistory(TenantDbContext db, IHttpContextAccessor http, PermissionService permissions) : IInstrumentHistorySource
{
    public async Task<IReadOnlyList<InstrumentHistoryEntry>> ForAsync(string instrumentId, bool forStaff, CancellationToken ct = default)
    {
        // Staff are led to the appointment only when they may see the institution's appointments.
        var link = !forStaff || http.HttpContext?.User is { } user && await permissions.HasAsync(user, Permissions.ConfirmAppointments);
        var rows = await db.Set<AppointmentLineIndex>().AsNoTracking().Where(l => l.InstrumentId == instrumentId)
            .Join(db.Set<AppointmentIndex>().AsNoTracking(), l => l.AppointmentId, a => a.ContentItemId, (l, a) => a)
            .Where(a => a.State != AppointmentState.Draft)
            .ToListAsync(ct);
        var entries = new List<InstrumentHistoryEntry>();
        foreach (var a in rows)
        {
            var url = !link ? null : forStaff ? $"/admin/appointments/{a.ContentItemId}" : $"/my/appointments/{a.ContentItemId}";
            var state = a.State is AppointmentState.Cancelled or AppointmentState.Declined ? $"（{AppointmentLabels.Of(a.State)}）" : "";
            entries.Add(new(a.SubmittedUtc ?? a.CreatedUtc, "约检", $"{AppointmentLabels.Of(a.Kind)} {a.DeliveryNumber ?? a.Number}{state}"
                + (a.ConfirmedDate is { } d ? $"，约定 {d:yyyy-MM-dd}" : ""), a.Number, url));
        }
        return entries;
    }
}
