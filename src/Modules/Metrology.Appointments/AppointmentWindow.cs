using Metrology.Appointments.Models;
using Metrology.Core.Instruments;
using Metrology.Core.Settings;

namespace Metrology.Appointments;

/// <summary>The booking window of the tenant's <see cref="AppointmentSettings"/>, for the library and filings (ADR 0010).</summary>
internal sealed class AppointmentWindow(DocumentStore documents) : IBookingWindowSource
{
    public async Task<BookingWindow?> WindowAsync(CancellationToken ct = default) =>
        (await documents.GetAsync<AppointmentSettings>(ct)).Window;
}
