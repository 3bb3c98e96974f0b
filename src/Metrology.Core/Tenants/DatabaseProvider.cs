namespace Metrology.Core.Tenants;

public enum DatabaseProvider
{
    Sqlite = 0,
    Postgres = 1,
}
