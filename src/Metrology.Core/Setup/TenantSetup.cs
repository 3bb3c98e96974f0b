using Metrology.Core.Data;
using Metrology.Core.Data.Migrations;
using Metrology.Core.Recipes;
using Metrology.Core.Security;
using Metrology.Core.Settings;
using Metrology.Core.Tenants;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Metrology.Core.Setup;

public sealed record SetupRequest(string SiteName, string RecipeName, string AdminUserName, string AdminEmail, string AdminPassword);

public sealed record SetupResult(bool Succeeded, string? Error)
{
    public static readonly SetupResult Success = new(true, null);
}

/// <summary>
/// Sets a tenant up: creates its database, runs the framework's migrations and the recipe, creates the
/// first administrator, and marks it Running. On any failure the database is removed again and the
/// tenant stays Uninitialized with the error recorded: there is no half-set-up tenant.
/// </summary>
public sealed class TenantSetup(
    TenantRegistry registry, TenantManager manager, TenantDatabase database, TenantScopes scopes,
    RecipeHarvester recipes, IServiceScopeFactory scopeFactory, MigrationRunner runner, TenantActivator activator, TimeProvider clock, ILogger<TenantSetup> log)
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public async Task<SetupResult> SetupAsync(TenantSettings tenant, SetupRequest request, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        await using var _ = await LockAsync(ct);
        // Another node may have set this tenant up: decide on the stored registry, not on this node's copy.
        await registry.ReloadAsync(CancellationToken.None);
        var current = registry.Find(tenant.Name);
        if (current is { State: not TenantState.Uninitialized } || (tenant.IsDefault && registry.Default.State != TenantState.Uninitialized))
            return new SetupResult(false, $"租户 {tenant.Name} 已经初始化。");
        var recipe = recipes.Find(request.RecipeName);
        if (recipe is null) return new SetupResult(false, $"配方 “{request.RecipeName}” 不存在。");
        if (await database.ExistsAsync(tenant, CancellationToken.None))
            return new SetupResult(false, $"租户 {tenant.Name} 的数据库已存在（可能是中断的初始化留下的），请先清理后再初始化。");

        tenant = tenant.Clone();
        tenant.RecipeName = recipe.Name;
        try
        {
            // Once started, setup runs to its end or its clean-up: a closed browser tab must not leave half a tenant.
            await RunAsync(tenant, recipe, request, progress, CancellationToken.None);
            return SetupResult.Success;
        }
        catch (Exception e)
        {
            log.LogError(e, "Setup of tenant {Tenant} failed", tenant.Name);
            await RecordFailureAsync(tenant, e.Message);
            return new SetupResult(false, e.Message);
        }
    }

    /// <summary>Removes what the failed run created and records why, so the tenant can be set up again.</summary>
    private async Task RecordFailureAsync(TenantSettings tenant, string error)
    {
        try
        {
            await database.DeleteAsync(tenant, CancellationToken.None);
        }
        catch (Exception e)
        {
            log.LogError(e, "Removing the database of the failed setup of {Tenant} failed", tenant.Name);
            error += "（清理未完成的数据库也失败了，请检查后手动删除。）";
        }
        tenant.State = TenantState.Uninitialized;
        tenant.SetupError = error;
        if (tenant.IsDefault) await registry.ReloadAsync(CancellationToken.None);
        else await manager.SaveAsync(tenant, CancellationToken.None);
    }

    /// <summary>One setup at a time: in this process, and across nodes through a PostgreSQL advisory lock.</summary>
    private async Task<IAsyncDisposable> LockAsync(CancellationToken ct)
    {
        await Gate.WaitAsync(ct);
        var host = registry.Default;
        if (host.DatabaseProvider != DatabaseProvider.Postgres) return new AsyncRelease(() => { Gate.Release(); return Task.CompletedTask; });
        var conn = new NpgsqlConnection(host.ConnectionString);
        try
        {
            await conn.OpenAsync(ct);
            await using (var cmd = new NpgsqlCommand("SELECT pg_advisory_lock(hashtext('metrology.setup'))", conn)) await cmd.ExecuteNonQueryAsync(ct);
        }
        catch
        {
            await conn.DisposeAsync();
            Gate.Release();
            throw;
        }
        return new AsyncRelease(async () =>
        {
            try
            {
                // Unlocked explicitly: a pooled connection's session outlives Dispose.
                await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtext('metrology.setup'))", conn);
                await unlock.ExecuteNonQueryAsync();
            }
            finally
            {
                await conn.DisposeAsync();
                Gate.Release();
            }
        });
    }

    private async Task RunAsync(TenantSettings tenant, RecipeDescriptor recipe, SetupRequest request, IProgress<string>? progress, CancellationToken ct)
    {
        progress?.Report("创建数据库");
        await database.CreateAsync(tenant, ct);
        if (tenant.IsDefault) await CreateHostTablesAsync(tenant, ct);

        await using (var scope = scopes.Create(tenant))
        {
            var services = scope.ServiceProvider;
            progress?.Report("创建数据表");
            await services.GetRequiredService<TenantMigrator>().MigrateAsync(ct);
            var site = services.GetRequiredService<SiteSettingsService>();
            await site.SaveAsync(await site.GetAsync(ct) with { SiteName = request.SiteName }, ct);
            var parameters = new Dictionary<string, string>
            {
                ["SiteName"] = request.SiteName,
                ["AdminUserName"] = request.AdminUserName,
                ["AdminEmail"] = request.AdminEmail,
                // For demo accounts a recipe creates (the demo enterprises sign in with the administrator's password).
                ["AdminPassword"] = request.AdminPassword,
            };
            await services.GetRequiredService<RecipeExecutor>().ExecuteAsync(recipe, parameters, progress, ct);
            progress?.Report("创建管理员账号");
            await CreateAdministratorAsync(services, request);
        }

        tenant.State = TenantState.Running;
        tenant.SetupError = null;
        await manager.SaveAsync(tenant, ct);
        await activator.EnsureActivatedAsync(registry.Find(tenant.Name)!);
    }

    private async Task CreateHostTablesAsync(TenantSettings tenant, CancellationToken ct)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var host = scope.ServiceProvider.GetRequiredService<HostDbContext>();
        await runner.RunAsync(host, [new HostMigrations()], ct);
        if (tenant.CreatedUtc == default) tenant.CreatedUtc = clock.GetUtcNow().UtcDateTime;
    }

    private static async Task CreateAdministratorAsync(IServiceProvider services, SetupRequest request)
    {
        var roles = services.GetRequiredService<RoleManager<Role>>();
        if (await roles.FindByNameAsync(StandardPermissions.AdministratorRole) is null)
            Check(await roles.CreateAsync(new Role(StandardPermissions.AdministratorRole) { Description = "系统管理员，拥有全部权限" }), "创建管理员角色");

        var users = services.GetRequiredService<UserManager<User>>();
        var clock = services.GetRequiredService<TimeProvider>();
        var admin = new User
        {
            UserName = request.AdminUserName,
            Email = request.AdminEmail,
            EmailConfirmed = true,
            DisplayName = "系统管理员",
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
        };
        Check(await users.CreateAsync(admin, request.AdminPassword), "创建管理员");
        Check(await users.AddToRoleAsync(admin, StandardPermissions.AdministratorRole), "授予管理员角色");
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"{what}失败：{string.Join("；", result.Errors.Select(e => e.Description))}");
    }
}
