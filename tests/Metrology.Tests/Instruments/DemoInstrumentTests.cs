using Metrology.Core.Data;
using Metrology.Core.Tenants;
using Metrology.Instruments.Models;
using Metrology.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Instruments;

/// <summary>The Chongqing recipe's demo instruments go through the library's rules; filed ones are due from the setup day.</summary>
public sealed class DemoInstrumentTests(SiteFactory site)
{
    [Fact]
    public async Task The_recipe_files_its_demo_instruments_with_the_branch_and_due_dates_from_the_setup_day()
    {
        var tenant = await site.CreateTenantAsync("Demo", "chongqing");
        List<InstrumentIndex> rows = [];
        await site.Services.GetRequiredService<TenantScopes>().RunAsync(tenant, async s =>
        {
            // The instrument maker's (13900000003) are Verification's demo, received at the counter.
            var db = s.GetRequiredService<TenantDbContext>();
            var maker = await db.Set<Metrology.Enterprises.Models.Enterprise>().Where(e => e.ContactMobile == "13900000003").Select(e => e.Id).SingleAsync();
            rows = await db.Set<InstrumentIndex>().AsNoTracking().Where(i => i.EnterpriseId != maker).OrderBy(i => i.SerialNumber).ToListAsync();
        });
        var by = rows.ToDictionary(r => r.SerialNumber);
        Assert.Equal(["CQB2024-0702", "CQG2024-1001", "CQG2024-1002", "CQG2024-1003", "CQJ2022-0503", "CQJ2023-0501", "CQJ2023-0502", "CQY2022-0317"], rows.Select(r => r.SerialNumber));
        // Filed by the Instruments step with a due date, or through the demo filing the recipe reviews (accepted today, no verification yet).
        var filed = rows.Where(r => r.FilingStatus == FilingStatus.Filed).Select(r => r.SerialNumber).ToList();
        Assert.Equal(["CQG2024-1001", "CQG2024-1002", "CQJ2022-0503", "CQJ2023-0501", "CQJ2023-0502"], filed);
        Assert.All(rows.Where(r => r.FilingStatus == FilingStatus.Filed), r => Assert.True(r.Mandatory && r.FilingInstitutionId is not null));
        Assert.Equal(DateOnly.FromDateTime(DateTime.Now).AddDays(25), by["CQG2024-1001"].ValidUntil);
        Assert.Equal(DateOnly.FromDateTime(DateTime.Now), by["CQG2024-1002"].FiledOn);
        // The reminders' demo: the gas station has one pump due in 9 days and one 15 days past valid-until.
        Assert.Equal(DateOnly.FromDateTime(DateTime.Now).AddDays(9), by["CQJ2023-0502"].ValidUntil);
        Assert.Equal(DateOnly.FromDateTime(DateTime.Now).AddDays(-15), by["CQJ2022-0503"].ValidUntil);
        Assert.Equal((FilingStatus.Rejected, false), (by["CQY2022-0317"].FilingStatus, by["CQY2022-0317"].Mandatory));
        Assert.Equal(FilingStatus.Submitted, by["CQB2024-0702"].FilingStatus);
        Assert.Equal((FilingStatus.NotFiled, (DateOnly?)null), (by["CQG2024-1003"].FilingStatus, by["CQG2024-1003"].ValidUntil));
    }
}
