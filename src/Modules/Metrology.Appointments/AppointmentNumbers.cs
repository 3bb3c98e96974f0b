using System.Security.Cryptography;
using Metrology.Appointments.Models;
using Metrology.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Appointments;

/// <summary>委托单号 (YJ + year + sequence) and the 5-digit 自助送检编号, which is random so that it cannot be guessed from the previous one.</summary>
internal static class AppointmentNumbers
{
    public static async Task<string> NextAsync(TenantDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var prefix = $"YJ{clock.GetLocalNow().Year}";
        var last = await db.Set<AppointmentIndex>().AsNoTracking().Where(f => f.Number.StartsWith(prefix))
            .OrderByDescending(f => f.Number).Select(f => f.Number).FirstOrDefaultAsync(ct);
        var next = last is not null && int.TryParse(last[prefix.Length..], out var n) ? n + 1 : 1;
        return $"{prefix}{next:D6}";
    }

    /// <summary>A random number in 10000–99999 that no open appointment holds now; the unique index settles a race, and the caller retries.</summary>
    public static async Task<string> DeliveryAsync(TenantDbContext db, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var candidate = RandomNumberGenerator.GetInt32(10000, 100000).ToString();
            if (attempt >= 20 || !await db.Set<AppointmentIndex>().AnyAsync(a => a.OpenDeliveryNumber == candidate, ct)) return candidate;
        }
    }
}
