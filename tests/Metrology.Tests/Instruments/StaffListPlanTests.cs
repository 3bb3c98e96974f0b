using System.Data.Common;
using Metrology.Core.Data;
using Metrology.Core.Tenants;
using Metrology.Instruments;
using Metrology.Instruments.Models;
using Metrology.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Instruments;

/// <summary>
/// Staff's list (<c>/admin/instruments</c>) reads its rows off <c>IX_InstrumentIndex_Staff*</c> in order, without a sort
/// (SQLite's plan of the statements the list sends): with a bare <c>WHERE "Active"</c> the index was not used and every
/// page scanned and sorted all of the tenant's rows.
/// </summary>
public sealed class StaffListPlanTests(SiteFactory site) : IAsyncLifetime
{
    private TenantSettings _tenant = null!;

    public async ValueTask InitializeAsync() => _tenant = await site.CreateTenantAsync("StaffPlan");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static async Task<string> PlanAsync(TenantDbContext db, IQueryable<InstrumentIndex> query)
    {
        await using DbCommand command = query.CreateDbCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        await db.Database.OpenConnectionAsync();
        await using var reader = await command.ExecuteReaderAsync();
        var plan = new List<string>();
        while (await reader.ReadAsync()) plan.Add(reader.GetString(3));
        return string.Join(" | ", plan);
    }

    [Fact]
    public async Task The_list_of_all_institutions_and_of_one_reads_the_staff_index_in_order()
    {
        await site.Services.GetRequiredService<TenantScopes>().RunAsync(_tenant, async s =>
        {
            var db = s.GetRequiredService<TenantDbContext>();
            var institution = 1;
            foreach (var (rows, index) in new[]
            {
                (StaffInstrumentList.ActiveRows(db), "IX_InstrumentIndex_Staff "),
                (StaffInstrumentList.ActiveRows(db).Where(i => i.FilingInstitutionId == institution), "IX_InstrumentIndex_Staff_Institution "),
            })
            {
                var dated = await PlanAsync(db, rows.Where(i => i.ValidUntil != null).OrderBy(i => i.ValidUntil).ThenBy(i => i.ContentItemId).Take(31));
                Assert.Contains(index, dated);
                Assert.DoesNotContain("TEMP B-TREE", dated);
                var undated = await PlanAsync(db, rows.Where(i => i.ValidUntil == null).OrderBy(i => i.ContentItemId).Take(31));
                Assert.Contains(index, undated);
                Assert.DoesNotContain("TEMP B-TREE", undated);
            }
        });
    }
}
