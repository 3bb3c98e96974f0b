using Metrology.Tests.Infrastructure;

// One host on SQLite (and one on PostgreSQL when available) for the whole run; every test class
// creates its own tenant in it, so classes never share data.
[assembly: AssemblyFixture(typeof(SiteFactory))]
[assembly: AssemblyFixture(typeof(PostgresSiteFactory))]
