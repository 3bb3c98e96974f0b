using System.Net;
using Metrology.Core.Data;
using Metrology.Core.Security;
using Metrology.Core.Tenants;
using Metrology.Filings;
using Metrology.Filings.Models;
using Metrology.Instruments.Models;
using Metrology.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Filings;

/// <summary>A tenant for one filing test class, with the helpers its tests share: sign in, add instruments, post a page's handler, read the index.</summary>
internal sealed class FilingSite(SiteFactory site, TenantSettings tenant)
{
    public const string Water = "13800000001", Hospital = "13800000002", Gas = "13800000003";

    public string Prefix => "/" + tenant.RequestUrlPrefix;

    public static async Task<FilingSite> CreateAsync(SiteFactory site, string name, string recipe = "zhaoqing") =>
        new(site, await site.CreateTenantAsync(name, recipe));

    public async Task<TestBrowser> SignInAsync(string userName, string? password = null)
    {
        var browser = site.Browser();
        await browser.LoginAsync(Prefix, userName, password ?? SiteFactory.AdminPassword);
        return browser;
    }

    /// <summary>A staff account with the 业务室 role (ReviewFilings) assigned to the institution of that name (the tenant's first when null).</summary>
    public async Task<TestBrowser> ReviewerAsync(string userName, string role = "业务室", string? institution = null)
    {
        await InTenantAsync(async s =>
        {
            var db = s.GetRequiredService<TenantDbContext>();
            var id = await db.Set<Metrology.ReferenceData.Models.Institution>().Where(i => institution == null || i.Name == institution).OrderBy(i => i.Id).Select(i => i.Id).FirstAsync();
            var users = s.GetRequiredService<UserManager<User>>();
            var user = new User { UserName = userName, CreatedUtc = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(user, "Review2026pw")).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
            db.Add(new Metrology.ReferenceData.Models.StaffAssignment { UserId = user.Id, InstitutionId = id });
            await db.SaveChangesAsync();
            return 0;
        });
        return await SignInAsync(userName, "Review2026pw");
    }

    public static Dictionary<string, string> Instrument(string serial, string catalog = "S0301", int usage = 4, string name = "水表") => new()
    {
        ["Input.Name"] = name, ["Input.ModelSpec"] = "LXS-20E", ["Input.SerialNumber"] = serial, ["Input.OwnNumber"] = "",
        ["Input.Origin"] = "1", ["Input.State"] = "2", ["Input.Usage"] = usage.ToString(), ["Input.Kind"] = "3", ["Input.Method"] = "1",
        ["Input.RegionCode"] = "441202", ["Input.CatalogCode"] = catalog, ["Input.Department"] = "供水部",
    };

    public async Task<string> AddInstrumentAsync(TestBrowser browser, Dictionary<string, string> fields)
    {
        var response = await browser.SubmitAsync(Prefix + "/my/instruments/edit", fields);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await TestBrowser.ErrorsOfAsync(response));
        return await InstrumentIdAsync(fields["Input.SerialNumber"]);
    }

    public Task<string> InstrumentIdAsync(string serial) =>
        InTenantAsync(async s => (await s.GetRequiredService<TenantDbContext>().Set<InstrumentIndex>().SingleAsync(i => i.SerialNumber == serial)).ContentItemId);

    public Task<InstrumentIndex> InstrumentAsync(string serial) =>
        InTenantAsync(s => s.GetRequiredService<TenantDbContext>().Set<InstrumentIndex>().AsNoTracking().SingleAsync(i => i.SerialNumber == serial));

    /// <summary>Posts a page's handler as its own form would: with the page's anti-forgery token.</summary>
    public async Task<HttpResponseMessage> PostAsync(TestBrowser browser, string page, string? handler, params (string Key, string Value)[] fields)
    {
        var document = await browser.GetDocumentAsync(Prefix + page);
        var token = document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"{page} has no form");
        var values = fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)).Append(new("__RequestVerificationToken", token));
        var url = Prefix + page + (handler is null ? "" : (page.Contains('?') ? "&" : "?") + "handler=" + handler);
        return await browser.Client.PostAsync(url, new FormUrlEncodedContent(values));
    }

    /// <summary>Creates a draft with the first institution and returns its id.</summary>
    public async Task<string> DraftAsync(TestBrowser browser)
    {
        var institution = await InTenantAsync(s => s.GetRequiredService<TenantDbContext>().Set<Metrology.ReferenceData.Models.Institution>().OrderBy(i => i.Id).Select(i => i.Id).FirstAsync());
        var response = await PostAsync(browser, "/my/filings", "Create", ("InstitutionId", institution.ToString()), ("Address", "肇庆市端州区示例路 1 号"));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await TestBrowser.ErrorsOfAsync(response));
        return TestBrowser.Location(response).Split('/').Last().Split('?')[0];
    }

    public Task<FilingPart> FilingAsync(string id) => InTenantAsync(async s =>
        FilingPart.Of((await s.GetRequiredService<Metrology.Core.Content.ContentManager>().GetAsync(id))!));

    public Task<T> InTenantAsync<T>(Func<IServiceProvider, Task<T>> work) => InTenantAsync(site, tenant, work);

    private static async Task<T> InTenantAsync<T>(SiteFactory site, TenantSettings tenant, Func<IServiceProvider, Task<T>> work)
    {
        T result = default!;
        await site.Services.GetRequiredService<TenantScopes>().RunAsync(tenant, async s => result = await work(s));
        return result;
    }

    /// <summary>The filing's index rows agree with its item: one row per line, counts, state and which lines hold their instrument.</summary>
    public async Task AssertIndexMatchesAsync(string id)
    {
        var (part, row, lines) = await InTenantAsync(async s =>
        {
            var db = s.GetRequiredService<TenantDbContext>();
            var item = await s.GetRequiredService<Metrology.Core.Content.ContentManager>().GetAsync(id);
            return (item is null ? null : FilingPart.Of(item), await db.Set<FilingIndex>().AsNoTracking().SingleOrDefaultAsync(f => f.ContentItemId == id),
                await db.Set<FilingLineIndex>().AsNoTracking().Where(l => l.FilingId == id).ToListAsync());
        });
        if (part is null)
        {
            Assert.Null(row);
            Assert.Empty(lines);
            return;
        }
        Assert.NotNull(row);
        Assert.Equal((part.State, part.Lines.Count, part.Accepted, part.Rejected), (row.State, row.LineCount, row.AcceptedCount, row.RejectedCount));
        Assert.Equal(part.Lines.Select(l => l.InstrumentId).Order(), lines.Select(l => l.InstrumentId).Order());
        foreach (var l in part.Lines)
        {
            var r = lines.Single(x => x.InstrumentId == l.InstrumentId);
            Assert.Equal(l.Decision, r.Decision);
            var open = l.Decision == LineDecision.Pending ? part.State != FilingState.Reviewed : l.Decision == LineDecision.Rejected && !l.MovedBack;
            Assert.Equal(open, r.Open);
        }
    }
}
