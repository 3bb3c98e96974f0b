using Metrology.Core.Data;
using Metrology.Core.Tenants;
using Metrology.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Data;

public sealed class MigrationTests(SiteFactory sqlite, PostgresSiteFactory postgres)
{
    private SiteFactory Site(string provider) => provider == nameof(DatabaseProvider.Postgres) ? postgres : sqlite;

    [Theory]
    [MemberData(nameof(Providers.Available), MemberType = typeof(Providers))]
    public async Task The_migrated_schema_equals_what_the_EF_model_expects(string provider)
    {
        var site = Site(provider);
        var tenant = await site.CreateTenantAsync("Schema");
        await site.Services.GetRequiredService<TenantScopes>().RunAsync(tenant, async services =>
        {
            var db = services.GetRequiredService<TenantDbContext>();
            var expected = DatabaseSchema.Expected(db);
            var tables = await DatabaseSchema.TableNamesAsync(db);
            Assert.Equal(expected.Select(t => t.Name).Append(MigrationRunner.VersionTable).Order(), tables);

            var actual = await DatabaseSchema.ActualAsync(db, expected.Select(t => t.Name));
            foreach (var (e, a) in expected.Zip(actual))
            {
                Assert.Equal(e.Name, a.Name);
                Assert.Equal(e.Columns, a.Columns);
                Assert.Equal(e.Indexes, a.Indexes);
            }
        });
    }

    [Theory]
    [MemberData(nameof(Providers.Available), MemberType = typeof(Providers))]
    public async Task The_host_tables_equal_what_the_host_model_expects(string provider)
    {
        var site = Site(provider);
        await using var scope = site.Services.CreateAsyncScope();
        var host = scope.ServiceProvider.GetRequiredService<HostDbContext>();
        var expected = DatabaseSchema.Expected(host);
        var actual = await DatabaseSchema.ActualAsync(host, expected.Select(t => t.Name));
        Assert.Equal(expected, actual, new SchemaComparer());
    }

    [Theory]
    [MemberData(nameof(Providers.Available), MemberType = typeof(Providers))]
    public async Task Running_the_migrations_again_applies_nothing_and_a_new_step_applies_once(string provider)
    {
        var site = Site(provider);
        var tenant = await site.CreateTenantAsync("Steps");
        await site.Services.GetRequiredService<TenantScopes>().RunAsync(tenant, async services =>
        {
            Assert.Equal(0, await services.GetRequiredService<TenantMigrator>().MigrateAsync());

            var db = services.GetRequiredService<TenantDbContext>();
            var runner = services.GetRequiredService<MigrationRunner>();
            Assert.Equal(1, await runner.RunAsync(db, [new ExtraMigration(1)]));
            Assert.Equal(0, await runner.RunAsync(db, [new ExtraMigration(1)]));
            Assert.Equal(1, await runner.RunAsync(db, [new ExtraMigration(2)]));
            Assert.Contains("TestNotes", await DatabaseSchema.TableNamesAsync(db));
            var columns = (await DatabaseSchema.ActualAsync(db, ["TestNotes"]))[0].Columns;
            Assert.Contains(columns, c => c.StartsWith("Priority ", StringComparison.Ordinal));
        });
    }

    [Fact]
    public async Task A_failing_step_names_the_module_and_step_and_leaves_the_version_unchanged()
    {
        var tenant = await sqlite.CreateTenantAsync("BadStep");
        await sqlite.Services.GetRequiredService<TenantScopes>().RunAsync(tenant, async services =>
        {
            var db = services.GetRequiredService<TenantDbContext>();
            var runner = services.GetRequiredService<MigrationRunner>();
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => runner.RunAsync(db, [new BrokenMigration()]));
            Assert.Contains("模块 Test.Broken 的第 1 步迁移失败", error.Message);
            Assert.DoesNotContain("HalfMade", await DatabaseSchema.TableNamesAsync(db));
            var recorded = await db.Database.SqlQueryRaw<int>(
                $"SELECT COUNT(*) AS \"Value\" FROM \"{MigrationRunner.VersionTable}\" WHERE \"ModuleId\" = 'Test.Broken'").SingleAsync();
            Assert.Equal(0, recorded);
        });
    }

    /// <summary>A module that gains a step later: step 1 creates a table, step 2 adds a column.</summary>
    private sealed class ExtraMigration(int steps) : DataMigration
    {
        public override string ModuleId => "Test.Extra";

        public override IReadOnlyList<Action<MigrationBuilder>> Steps => new Action<MigrationBuilder>[]
        {
            b => b.CreateTable("TestNotes", t => new { Id = t.Column<int>(nullable: false), Text = t.Column<string>(nullable: true) },
                constraints: t => t.PrimaryKey("PK_TestNotes", x => x.Id)),
            b => b.AddColumn<int>("Priority", "TestNotes", nullable: false, defaultValue: 0),
        }.Take(steps).ToList();
    }

    private sealed class BrokenMigration : DataMigration
    {
        public override string ModuleId => "Test.Broken";

        public override IReadOnlyList<Action<MigrationBuilder>> Steps =>
        [
            b =>
            {
                b.CreateTable("HalfMade", t => new { Id = t.Column<int>(nullable: false) }, constraints: t => t.PrimaryKey("PK_HalfMade", x => x.Id));
                b.Sql("SELECT * FROM NoSuchTable");
            },
        ];
    }

    private sealed class SchemaComparer : IEqualityComparer<SchemaTable>
    {
        public bool Equals(SchemaTable? x, SchemaTable? y) =>
            x!.Name == y!.Name && x.Columns.SequenceEqual(y.Columns) && x.Indexes.SequenceEqual(y.Indexes);

        public int GetHashCode(SchemaTable obj) => obj.Name.GetHashCode(StringComparison.Ordinal);
    }
}
