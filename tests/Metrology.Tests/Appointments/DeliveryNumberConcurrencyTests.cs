using Metrology.Appointments;
using Metrology.Core.Appointments;
using Metrology.Core.Data;
using Metrology.Core.Tenants;
using Metrology.Tests.Filings;
using Metrology.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Appointments;

/// <summary>
/// Many self-deliveries created at the same moment, each in its own scope and connection as separate requests would be:
/// the unique indexes settle every race, so each gets its own 5-digit number and its own 委托单号. On SQLite always,
/// on PostgreSQL when METROLOGY_TEST_POSTGRES names a server.
/// </summary>
public sealed class DeliveryNumberConcurrencyTests(SiteFactory sqlite, PostgresSiteFactory postgres)
{
    private const string Gas = "13900000001";

    [Theory]
    [MemberData(nameof(Providers.Available), MemberType = typeof(Providers))]
    public async Task Appointments_created_at_the_same_moment_never_get_the_same_delivery_number(string provider)
    {
        var site = await FilingSite.CreateAsync(provider == nameof(DatabaseProvider.Postgres) ? postgres : sqlite, "CqRace", "chongqing");
        var institution = await site.InTenantAsync(s => s.GetRequiredService<TenantDbContext>().Set<Metrology.ReferenceData.Models.Institution>()
            .Where(i => i.Name == "第四分院").Select(i => i.Id).FirstAsync());
        const int count = 16;
        var ids = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => Task.Run(() => site.AsEnterpriseAsync(Gas, async (s, e) =>
        {
            var (id, result) = await s.CreateAsync(e, AppointmentKind.SelfDelivery, institution, null, "t");
            Assert.True(result.Succeeded, string.Join("；", result.Errors.Select(x => x.Message)));
            return id!;
        }))));
        var created = (await site.AppointmentsAsync()).Where(a => ids.Contains(a.ContentItemId)).ToList();
        Assert.Equal(count, created.Count);
        Assert.Equal(count, created.Select(a => a.DeliveryNumber).Distinct().Count());
        Assert.Equal(count, created.Select(a => a.Number).Distinct().Count());
        Assert.All(created, a => Assert.Matches("^[1-9][0-9]{4}$", a.DeliveryNumber));
    }
}
