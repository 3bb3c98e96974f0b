using Metrology.Appointments.Models;
using Metrology.Core.Instruments;
using Metrology.Core.Settings;
using Metrology.Core.Tenants;
using Microsoft.Extensions.Caching.Memory;

namespace Metrology.Appointments;

/// <summary>
/// The booking window of the tenant's <see cref="AppointmentSettings"/>, for the library and filings (ADR 0010). Read on
/// every page of the library: cached per tenant for 30 s, emptied when a settings document is saved (<see cref="DocumentStore"/>).
/// </summary>
internal sealed class AppointmentWindow(DocumentStore documents, IMemoryCache cache, TenantContext tenant, TenantCaches caches) : IBookingWindowSource
{
    public async Task<BookingWindow?> WindowAsync(CancellationToken ct = default)
    {
        var key = "booking-window:" + tenant.Tenant.Name;
        if (cache.TryGetValue(key, out BookingWindow? window)) return window;
        var token = caches.Token(tenant.Tenant.Name);
        window = (await documents.GetAsync<AppointmentSettings>(ct)).Window;
        using var entry = cache.CreateEntry(key);
        entry.Value = window;
        entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(30);
        entry.AddExpirationToken(token);
        return window;
    }
}
