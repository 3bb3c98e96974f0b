using System.Text.Json;
using System.Text.Json.Nodes;
using Metrology.Core.Security;
using Metrology.Core.Tenants;
using Metrology.Tests.Infrastructure;
using Metrology.Workflows.Engine;
using Metrology.Workflows.Models;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Workflows;

/// <summary>Builds workflow types for the tests in the export format (the one recipes use).</summary>
public sealed class Flow(string name)
{
    private readonly List<ActivityRecord> _activities = [];
    private readonly List<Transition> _transitions = [];

    public Flow Start(string id, string type, object? settings = null) => Add(id, type, settings, start: true);

    public Flow Add(string id, string type, object? settings = null, bool start = false)
    {
        _activities.Add(new ActivityRecord
        {
            Id = id, Type = type, IsStart = start, X = 40 + 180 * (_activities.Count % 4), Y = 40 + 120 * (_activities.Count / 4),
            Settings = settings is null ? [] : (JsonObject)JsonSerializer.SerializeToNode(settings, WorkflowJson.Options)!,
        });
        return this;
    }

    public Flow Connect(string from, string outcome, string to)
    {
        _transitions.Add(new Transition(from, outcome, to));
        return this;
    }

    public WorkflowTypeExport Build(bool enabled = true, bool singleton = false) =>
        new() { Name = name, Enabled = enabled, IsSingleton = singleton, Activities = [.. _activities], Transitions = [.. _transitions] };
}

/// <summary>A tenant of its own with Workflows enabled, and short ways to reach its services and tables.</summary>
public sealed class WorkflowTenant(SiteFactory site, TenantSettings tenant)
{
    public SiteFactory Site => site;
    public TenantSettings Tenant => tenant;
    public string Prefix => "/" + tenant.RequestUrlPrefix;

    public static async Task<WorkflowTenant> CreateAsync(SiteFactory site, string name) => new(site, await site.CreateTenantAsync(name));

    public async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        T result = default!;
        await site.Services.GetRequiredService<TenantScopes>().RunAsync(tenant, async s => result = await work(s));
        return result;
    }

    public Task RunAsync(Func<IServiceProvider, Task> work) => site.Services.GetRequiredService<TenantScopes>().RunAsync(tenant, work);

    public Task<WorkflowType> ImportAsync(WorkflowTypeExport export) => RunAsync(s => s.GetRequiredService<WorkflowTypeService>().ImportAsync(export));

    public Task TriggerAsync(string eventName, object? payload = null, string? correlationId = null) =>
        RunAsync(s => s.GetRequiredService<WorkflowManager>().TriggerAsync(eventName, payload, correlationId));

    public Task<List<WorkflowInstance>> InstancesAsync(string typeId) =>
        RunAsync(s => s.GetRequiredService<Metrology.Core.Data.TenantDbContext>().Set<WorkflowInstance>().AsNoTracking()
            .Where(i => i.WorkflowTypeId == typeId).OrderBy(i => i.Id).ToListAsync());

    public async Task<WorkflowInstance> SingleInstanceAsync(string typeId, string? correlationId = null)
    {
        var all = await InstancesAsync(typeId);
        return Assert.Single(all, i => correlationId is null || i.CorrelationId == correlationId);
    }

    public Task<List<WorkflowLogEntry>> LogAsync(int instanceId) =>
        RunAsync(s => s.GetRequiredService<Metrology.Core.Data.TenantDbContext>().Set<WorkflowLogEntry>().AsNoTracking()
            .Where(l => l.InstanceId == instanceId).OrderBy(l => l.Id).ToListAsync());

    public static string? Property(WorkflowInstance instance, string name) =>
        WorkflowState.Parse(instance.StateJson).Properties[name]?.GetValue<string>();

    /// <summary>A user with the given roles (created when missing, each with the permissions given).</summary>
    public Task CreateUserAsync(string userName, string password, params (string Role, string[] Permissions)[] roles) => RunAsync(async s =>
    {
        var users = s.GetRequiredService<UserManager<User>>();
        var roleManager = s.GetRequiredService<RoleManager<Role>>();
        var user = new User { UserName = userName, CreatedUtc = DateTime.UtcNow };
        Assert.True((await users.CreateAsync(user, password)).Succeeded);
        foreach (var (roleName, permissions) in roles)
        {
            if (await roleManager.FindByNameAsync(roleName) is not { } role)
            {
                role = new Role(roleName);
                Assert.True((await roleManager.CreateAsync(role)).Succeeded);
                foreach (var p in permissions) await roleManager.AddClaimAsync(role, new System.Security.Claims.Claim(Permission.ClaimType, p));
            }
            Assert.True((await users.AddToRoleAsync(user, roleName)).Succeeded);
        }
    });

    public async Task<TestBrowser> LoginAsync(string userName, string password)
    {
        var browser = site.Browser();
        await browser.LoginAsync(Prefix, userName, password);
        return browser;
    }
}
