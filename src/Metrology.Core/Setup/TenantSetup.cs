using Metrology.Core.Data;
using Metrology.Core.Data.Migrations;
using Metrology.Core.Recipes;
using Metrology.Core.Security;
using Metrology.Core.Settings;
using Metrology.Core.Tenants;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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
        await Gate.WaitAsync(ct);
        try
        {
            var current = registry.Find(tenant.Name);
            if (current is { State: not TenantState.Uninitialized })
                return new SetupResult(false, $"租户 {tenant.Name} 已经初始化。");
            var recipe = recipes.Find(request.RecipeName);
            if (recipe is null) return new SetupResult(false, $"配方 “{request.RecipeName}” 不存在。");

            tenant = tenant.Clone();
            tenant.RecipeName = recipe.Name;
            try
            {
                await RunAsync(tenant, recipe, request, progress, ct);
                return SetupResult.Success;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Setup of tenant {Tenant} failed", tenant.Name);
                await database.DeleteAsync(tenant, CancellationToken.None);
                tenant.State = TenantState.Uninitialized;
                tenant.SetupError = e.Message;
                if (tenant.IsDefault) await registry.ReloadAsync(CancellationToken.None);
                else await manager.SaveAsync(tenant, CancellationToken.None);
                return new SetupResult(false, e.Message);
            }
        }
        finally
        {
            Gate.Release();
        }
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
