using System.Net;
using System.Security.Claims;
using Metrology.Core.Data;
using Metrology.Core.Security;
using Metrology.Core.Tenants;
using Metrology.Enterprises.Models;
using Metrology.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Security;

/// <summary>
/// The per-user cache of permissions and of the account's enterprise (<see cref="UserAccessCache"/>): a change of a
/// role's permissions, of a user or of an enterprise shows on the next request (after the commit when saved in a
/// transaction), and entries never cross users or tenants.
/// </summary>
public sealed class UserAccessCacheTests(SiteFactory site)
{
    private const string Water = "13800000001", Hospital = "13800000002";

    private async Task<T> InTenantAsync<T>(TenantSettings tenant, Func<IServiceProvider, Task<T>> work)
    {
        T result = default!;
        await site.Services.GetRequiredService<TenantScopes>().RunAsync(tenant, async s => result = await work(s));
        return result;
    }

    private async Task<TestBrowser> SignInAsync(TenantSettings tenant, string mobile)
    {
        var browser = site.Browser();
        await browser.LoginAsync("/" + tenant.RequestUrlPrefix, mobile, SiteFactory.AdminPassword);
        return browser;
    }

    private static async Task<string> EnterpriseNameAsync(TestBrowser browser, TenantSettings tenant) =>
        (await browser.GetDocumentAsync($"/{tenant.RequestUrlPrefix}/my/instruments")).QuerySelector("h1 span")!.TextContent.Trim();

    [Fact]
    public async Task A_permission_taken_from_a_role_or_a_disabled_user_is_refused_on_the_next_request()
    {
        var tenant = await site.CreateTenantAsync("Access");
        var library = $"/{tenant.RequestUrlPrefix}/my/instruments";
        using var water = await SignInAsync(tenant, Water);
        Assert.Equal(HttpStatusCode.OK, (await water.GetAsync(library)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await water.GetAsync(library)).StatusCode);

        async Task<IdentityResult> Role(Func<RoleManager<Role>, Role, Task<IdentityResult>> change) => await InTenantAsync(tenant, async s =>
        {
            var roles = s.GetRequiredService<RoleManager<Role>>();
            return await change(roles, (await roles.FindByNameAsync("企业用户"))!);
        });
        var permission = new Claim(Permission.ClaimType, "ManageOwnInstruments");
        Assert.True((await Role((roles, role) => roles.RemoveClaimAsync(role, permission))).Succeeded);
        Assert.Equal(HttpStatusCode.Forbidden, (await water.GetAsync(library)).StatusCode);
        Assert.True((await Role((roles, role) => roles.AddClaimAsync(role, permission))).Succeeded);
        Assert.Equal(HttpStatusCode.OK, (await water.GetAsync(library)).StatusCode);

        await InTenantAsync(tenant, async s =>
        {
            var users = s.GetRequiredService<UserManager<User>>();
            var user = (await users.FindByNameAsync(Water))!;
            user.IsEnabled = false;
            return await users.UpdateAsync(user);
        });
        Assert.NotEqual(HttpStatusCode.OK, (await water.GetAsync(library)).StatusCode);
    }

    [Fact]
    public async Task An_enterprise_renamed_or_disabled_shows_at_once_even_in_a_transaction_and_never_in_another_tenant_or_for_another_user()
    {
        var one = await site.CreateTenantAsync("AccessA");
        var two = await site.CreateTenantAsync("AccessB");
        using var waterOne = await SignInAsync(one, Water);
        using var waterTwo = await SignInAsync(two, Water);
        using var hospitalOne = await SignInAsync(one, Hospital);
        var original = await EnterpriseNameAsync(waterOne, one);
        Assert.Equal(original, await EnterpriseNameAsync(waterTwo, two));
        var hospitalName = await EnterpriseNameAsync(hospitalOne, one);
        Assert.NotEqual(original, hospitalName);

        Task Change(TenantSettings tenant, Action<Enterprise> change, Func<Task>? beforeCommit = null) => InTenantAsync(tenant, async s =>
        {
            var db = s.GetRequiredService<TenantDbContext>();
            await using var tx = beforeCommit is null ? null : await db.Database.BeginTransactionAsync();
            change(await db.Set<Enterprise>().SingleAsync(e => e.ContactMobile == Water && e.Status == EnterpriseStatus.Active));
            await db.SaveChangesAsync();
            if (tx is not null)
            {
                await beforeCommit!();
                await tx.CommitAsync();
            }
            return 0;
        });

        await Change(one, e => e.Name = "改名后的水务公司");
        Assert.Equal("改名后的水务公司", await EnterpriseNameAsync(waterOne, one));
        Assert.Equal(original, await EnterpriseNameAsync(waterTwo, two));
        Assert.Equal(hospitalName, await EnterpriseNameAsync(hospitalOne, one));

        // Saved in a transaction: a request before the commit reads (and may keep) the old name; the commit empties it.
        await Change(one, e => e.Name = "再次改名的水务公司", async () => Assert.Equal("改名后的水务公司", await EnterpriseNameAsync(waterOne, one)));
        Assert.Equal("再次改名的水务公司", await EnterpriseNameAsync(waterOne, one));

        await Change(one, e => e.Status = EnterpriseStatus.Disabled);
        Assert.Equal(HttpStatusCode.Forbidden, (await waterOne.GetAsync($"/{one.RequestUrlPrefix}/my/instruments")).StatusCode);
        Assert.Equal(original, await EnterpriseNameAsync(waterTwo, two));
        Assert.Equal(hospitalName, await EnterpriseNameAsync(hospitalOne, one));
    }
}
