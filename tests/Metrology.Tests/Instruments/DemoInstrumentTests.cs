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
            rows = await s.GetRequiredService<TenantDbContext>().Set<InstrumentIndex>().AsNoTracking().OrderBy(i => i.SerialNumber).ToListAsync());
        Assert.Equal(["CQG2024-1001", "CQG2024-1002", "CQJ2023-0501"], rows.Select(r => r.SerialNumber));
        var filed = rows.Where(r => r.FilingStatus == FilingStatus.Filed).ToList();
        Assert.Equal(2, filed.Count);
        Assert.All(filed, r => Assert.True(r.Mandatory && r.FilingInstitutionId is not null));
        Assert.Equal(DateOnly.FromDateTime(DateTime.Now).AddDays(25), rows[0].ValidUntil);
        Assert.Equal((FilingStatus.NotFiled, (DateOnly?)null), (rows[1].FilingStatus, rows[1].ValidUntil));
    }
}
