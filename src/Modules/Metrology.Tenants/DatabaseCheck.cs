using Metrology.Core;
using Metrology.Core.Data;
using Metrology.Core.Tenants;
using Npgsql;

namespace Metrology.Tenants;

/// <summary>Refuses a tenant database that cannot be reached or that another tenant (or anything else) already uses.</summary>
public sealed class DatabaseCheck(TenantRegistry registry, TenantDatabase database, AppPaths paths)
{
    /// <summary>(field, message) for each problem; none when the database can be used.</summary>
    public async Task<IReadOnlyList<(string Field, string Message)>> CheckAsync(TenantSettings candidate, CancellationToken ct)
    {
        if (candidate.DatabaseProvider == DatabaseProvider.Sqlite)
        {
            return File.Exists(paths.SqliteFile(candidate))
                ? [("DatabaseProvider", $"数据库文件 {paths.SqliteFile(candidate)} 已存在，可能属于已删除的同名租户，请换一个名称或先清理该文件。")]
                : [];
        }

        NpgsqlConnectionStringBuilder target;
        try
        {
            target = new NpgsqlConnectionStringBuilder(candidate.ConnectionString);
            if (string.IsNullOrWhiteSpace(target.Host)) return [("ConnectionString", "连接字符串缺少 Host。")];
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            return [("ConnectionString", "连接字符串格式不正确：" + e.Message)];
        }

        var schema = TenantDatabase.SchemaOf(candidate);
        var owner = registry.All.FirstOrDefault(t => !string.Equals(t.Name, candidate.Name, StringComparison.OrdinalIgnoreCase)
            && t.DatabaseProvider == DatabaseProvider.Postgres && SameDatabase(t, target) && TenantDatabase.SchemaOf(t) == schema);
        if (owner is not null) return [("Schema", $"数据库 schema “{schema}” 已被租户 {owner.Name} 使用。")];

        try
        {
            if (await database.ExistsAsync(candidate, ct)) return [("Schema", $"数据库中已存在 schema “{schema}”，请换一个 schema 名称。")];
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or ArgumentException)
        {
            return [("ConnectionString", "无法连接数据库：" + e.Message)];
        }
        return [];
    }

    private static bool SameDatabase(TenantSettings tenant, NpgsqlConnectionStringBuilder target)
    {
        try
        {
            var other = new NpgsqlConnectionStringBuilder(tenant.ConnectionString);
            return string.Equals(other.Host, target.Host, StringComparison.OrdinalIgnoreCase) && other.Port == target.Port
                && string.Equals(other.Database ?? other.Username, target.Database ?? target.Username, StringComparison.Ordinal);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
