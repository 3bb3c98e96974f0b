using Metrology.Core.Data;
using Metrology.Core.Tenants;
using Metrology.Core.Statistics;
using Metrology.Statistics;
using Metrology.Statistics.Models;
using Metrology.Tests.Filings;
using Metrology.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Statistics;

/// <summary>
/// The daily totals the report reads, against the facts counted again: written by many transactions at once (the same
/// totals over and over), compacted while they write, and filled from the facts by the migration's back-fill. On SQLite
/// always, on PostgreSQL when METROLOGY_TEST_POSTGRES names a server.
/// </summary>
public sealed class FactTotalsTests(SiteFactory sqlite, PostgresSiteFactory postgres)
{
    private sealed record Group(int InstitutionId, DateOnly Day, TotalDimension Dimension, string Key, ProcessStep Step, int Kind);

    private sealed record Sums(int Count, int Passed, int Late);

    private static readonly ProcessStep[] Steps = [ProcessStep.Booked, ProcessStep.Received, ProcessStep.Verified, ProcessStep.FilingSubmitted];

    /// <summary>Writer <paramref name="w"/>'s <paramref name="n"/>-th fact: few days, regions and catalog items, so writers meet on the same totals.</summary>
    private static ProcessFact Fact(int w, int n)
    {
        var step = Steps[(w + n) % Steps.Length];
        var verified = step == ProcessStep.Verified;
        return new ProcessFact(step, 7000 + n % 2, 1, $"t{w}-{n}", new DateOnly(2024, 3, 1 + n % 3),
            n % 5 == 0 ? null : $"44120{n % 3}", n % 7 == 0 ? null : $"S00{n % 4}", n % 6 == 0 ? null : 1 + n % 4,
            step == ProcessStep.Booked ? 1 + n % 3 : null, verified ? n % 4 != 0 : null, verified && n % 9 != 0 ? n % 5 : null, verified ? n % 3 == 0 : null);
    }

    [Theory]
    [MemberData(nameof(Providers.Available), MemberType = typeof(Providers))]
    public async Task Totals_written_compacted_and_back_filled_at_once_always_equal_the_facts_counted_again(string provider)
    {
        var site = await FilingSite.CreateAsync(provider == nameof(DatabaseProvider.Postgres) ? postgres : sqlite, "Totals");
        const int writers = 8, facts = 40;
        var writing = Enumerable.Range(0, writers).Select(w => Task.Run(() => site.InTenantAsync(async s =>
        {
            var sink = s.GetRequiredService<IProcessFacts>();
            var db = s.GetRequiredService<TenantDbContext>();
            // Ten transactions of four facts each, as ten reviews of four lines would be.
            for (var n = 0; n < facts; n++)
            {
                sink.Record(Fact(w, n));
                if (n % 4 == 3) await db.SaveChangesAsync();
            }
            return 0;
        }))).ToList();
        var compacting = Task.Run(async () =>
        {
            for (var i = 0; i < 5; i++) await site.InTenantAsync(s => s.GetRequiredService<FactTotalsCompaction>().RunAsync());
        });
        await Task.WhenAll([.. writing, compacting]);

        var expected = await site.InTenantAsync(RecountAsync);
        Assert.Equal(writers * facts, expected.Where(e => e.Key.Dimension == TotalDimension.Usage && e.Key.InstitutionId >= 7000).Sum(e => e.Value.Count));
        Assert.Equal(expected, await site.InTenantAsync(TotalsAsync));

        // A last run leaves one row per group and no row uncompacted; the figures are the same.
        await site.InTenantAsync(s => s.GetRequiredService<FactTotalsCompaction>().RunAsync());
        await site.InTenantAsync(async s =>
        {
            var rows = await s.GetRequiredService<TenantDbContext>().Set<ProcessFactTotal>().AsNoTracking().ToListAsync();
            Assert.DoesNotContain(rows, r => !r.Compacted);
            Assert.Equal(rows.Count, rows.Select(r => new Group(r.InstitutionId, r.Day, r.Dimension, r.Key, r.Step, r.Kind)).Distinct().Count());
            return 0;
        });
        Assert.Equal(expected, await site.InTenantAsync(TotalsAsync));
        Assert.Equal(0, await site.InTenantAsync(s => s.GetRequiredService<FactTotalsCompaction>().RunAsync()));

        // The migration's back-fill, on the same facts, gives the same totals.
        await site.InTenantAsync(async s =>
        {
            var db = s.GetRequiredService<TenantDbContext>();
            await db.Set<ProcessFactTotal>().ExecuteDeleteAsync();
            foreach (var sql in FactTotalsSql.BackFill()) await db.Database.ExecuteSqlRawAsync(sql);
            return 0;
        });
        Assert.Equal(expected, await site.InTenantAsync(TotalsAsync));
    }

    [Theory]
    [MemberData(nameof(Providers.Available), MemberType = typeof(Providers))]
    public async Task Facts_inserted_by_a_session_that_names_the_tenants_schema_are_totalled_too(string provider)
    {
        // On PostgreSQL the trigger function runs with the writing session's search_path: it keeps its tenant's schema.
        var site = await FilingSite.CreateAsync(provider == nameof(DatabaseProvider.Postgres) ? postgres : sqlite, "TotalsForeign");
        await site.InTenantAsync(async s =>
        {
            var (connection, schema) = await ForeignSession.OpenAsync(s);
            await using var _ = connection;
            for (var n = 0; n < 3; n++)
                await connection.ExecuteAsync(
                    $"INSERT INTO {schema}\"ProcessFacts\" (\"Step\", \"InstitutionId\", \"EnterpriseId\", \"Day\", \"Month\", \"RegionCode\", \"Passed\", \"TurnaroundDays\", \"Late\") " +
                    "VALUES (@step, 7100, 1, @day, 202405, '441202', @passed, @days, @late)",
                    ("step", (int)ProcessStep.Verified), ("day", new DateOnly(2024, 5, 2 + n)), ("passed", n != 1), ("days", n), ("late", n == 2));
            return 0;
        });

        var expected = await site.InTenantAsync(RecountAsync);
        Assert.Equal(3, expected.Where(e => e.Key.InstitutionId == 7100 && e.Key.Dimension == TotalDimension.Region).Sum(e => e.Value.Count));
        Assert.Equal(expected, await site.InTenantAsync(TotalsAsync));
    }

    /// <summary>Every stored fact counted in memory under each dimension, as the report means it.</summary>
    private static async Task<Dictionary<Group, Sums>> RecountAsync(IServiceProvider s)
    {
        var facts = await s.GetRequiredService<TenantDbContext>().Set<ProcessFactRow>().AsNoTracking().ToListAsync();
        var groups = facts.SelectMany(f =>
        {
            List<(TotalDimension Dimension, string Key, ProcessFactRow f)> under =
                [(TotalDimension.Region, f.RegionCode ?? "", f), (TotalDimension.Catalog, f.CatalogCode ?? "", f), (TotalDimension.Usage, f.Usage?.ToString() ?? "", f)];
            if (f.Step == ProcessStep.Verified && f.TurnaroundDays is { } days) under.Add((TotalDimension.Turnaround, days.ToString(), f));
            return under;
        });
        return groups.GroupBy(g => new Group(g.f.InstitutionId, g.f.Day, g.Dimension, g.Key, g.f.Step, g.f.Kind ?? 0))
            .ToDictionary(g => g.Key, g => new Sums(g.Count(), g.Count(x => x.f.Passed == true), g.Count(x => x.f.Late == true)));
    }

    private static async Task<Dictionary<Group, Sums>> TotalsAsync(IServiceProvider s) =>
        (await s.GetRequiredService<TenantDbContext>().Set<ProcessFactTotal>().AsNoTracking().ToListAsync())
            .GroupBy(t => new Group(t.InstitutionId, t.Day, t.Dimension, t.Key, t.Step, t.Kind))
            .ToDictionary(g => g.Key, g => new Sums(g.Sum(t => t.Count), g.Sum(t => t.Passed), g.Sum(t => t.Late)));
}
