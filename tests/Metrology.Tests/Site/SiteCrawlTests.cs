using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Metrology.Core.Security;
using Metrology.Core.Tenants;
using Metrology.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Site;

/// <summary>
/// Every link of every back-office and enterprise page of both demo recipes, followed as an administrator,
/// a member of staff and an enterprise: none answers 4xx/5xx, and no page shows an English word.
/// </summary>
public sealed partial class SiteCrawlTests(SiteFactory site)
{
    // One tenant per recipe and one crawl per account, shared by the two checks of this class.
    private static readonly ConcurrentDictionary<string, Lazy<Task<TenantSettings>>> Tenants = new();
    private static readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<CrawledPage>>>> Crawls = new();

    /// <summary>Product names and standard abbreviations a Chinese page may carry.</summary>
    private static readonly HashSet<string> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        "PDF", "Excel", "SMS", "QR", "JJG", "JJF", "GB", "SMTP", "STARTTLS", "HTTP", "HTTPS", "URL", "JSON", "HTML", "ID", "IP", "MPE", "Email",
        "AccessKey", "Secret", "Aliyun", "xlsx", "docx", "jpg", "jpeg", "png", "pdf", "eml", "KB", "MB", "Word", "Ctrl",
        "yyyy", "mm", "dd", "Markdown", "doc", "xls", "gif", "webp", "kPa", "m", "MPa", "kg", "g", "mg", "km", "mL", "L",
    };

    public static TheoryData<string, string> Accounts => new()
    {
        { "chongqing", "admin" }, { "chongqing", "staff" }, { "chongqing", "enterprise" },
        { "zhaoqing", "admin" }, { "zhaoqing", "staff" }, { "zhaoqing", "enterprise" },
    };

    [Theory]
    [MemberData(nameof(Accounts))]
    public async Task Every_link_of_the_admin_and_enterprise_pages_answers(string recipe, string account)
    {
        var pages = await CrawlAsync(recipe, account);
        Assert.True(pages.Count > (account == "admin" ? 20 : 5), $"only {pages.Count} pages reached");
        var broken = pages.Where(p => (int)p.Status >= 400).Select(p => $"{(int)p.Status} {p.Url} (from {p.From})").ToList();
        Assert.True(broken.Count == 0, string.Join("\n", broken));
    }

    [Theory]
    [MemberData(nameof(Accounts))]
    public async Task No_admin_or_enterprise_page_shows_an_english_word(string recipe, string account)
    {
        var pages = await CrawlAsync(recipe, account);
        var found = pages.Where(p => p.Text is not null && (int)p.Status < 400 && SiteCrawler.InArea(p.Url, p.Prefix))
            // The test tenant's own name ("测试站点 Crawlchffccff") is test data, not a word of the product.
            .SelectMany(p => EnglishWords(p.Text!).Where(w => !string.Equals("/" + w, p.Prefix, StringComparison.OrdinalIgnoreCase)).Select(w => $"「{w}」 on {p.Url}"))
            .Distinct().ToList();
        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    /// <summary>Words with a lower-case letter (codes such as CQG2024 or credit codes are all capitals), outside addresses and e-mails.</summary>
    public static IEnumerable<string> EnglishWords(string text) =>
        Word().Matches(Addresses().Replace(text, " ")).Select(m => m.Value).Where(w => !Allowed.Contains(w)).Distinct();

    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-Za-z]*[a-z][A-Za-z]*(?![A-Za-z0-9])")]
    private static partial Regex Word();

    [GeneratedRegex(@"\S+@\S+|https?://\S+|/[\w/.\-{}]+|[\w-]+\.(com|cn|org|net)\b")]
    private static partial Regex Addresses();

    private Task<IReadOnlyList<CrawledPage>> CrawlAsync(string recipe, string account) =>
        Crawls.GetOrAdd($"{recipe}/{account}", _ => new(async () =>
        {
            var tenant = await TenantAsync(recipe);
            var prefix = "/" + tenant.RequestUrlPrefix;
            using var browser = site.Browser();
            var (user, start) = account switch
            {
                "admin" => ("admin", "/admin"),
                "staff" => ("reviewer", "/admin"),
                _ => (recipe == "chongqing" ? "13900000001" : "13800000001", "/my"),
            };
            await browser.LoginAsync(prefix, user, account == "staff" ? "Reviewer2026" : SiteFactory.AdminPassword);
            return await SiteCrawler.CrawlAsync(browser, prefix, start, "/");
        })).Value;

    private Task<TenantSettings> TenantAsync(string recipe) =>
        Tenants.GetOrAdd(recipe, _ => new(async () =>
        {
            var tenant = await site.CreateTenantAsync("Crawl" + recipe[..2], recipe);
            await site.Services.GetRequiredService<TenantScopes>().RunAsync(tenant, async s =>
            {
                var users = s.GetRequiredService<UserManager<User>>();
                var reviewer = new User { UserName = "reviewer", DisplayName = "审核员", CreatedUtc = DateTime.UtcNow };
                Assert.True((await users.CreateAsync(reviewer, "Reviewer2026")).Succeeded);
                Assert.True((await users.AddToRoleAsync(reviewer, recipe == "chongqing" ? "受理审核" : "业务室")).Succeeded);
                // Staff work for an institution: the reviewer is assigned to the tenant's first one.
                var db = s.GetRequiredService<Metrology.Core.Data.TenantDbContext>();
                var institution = db.Set<Metrology.ReferenceData.Models.Institution>().OrderBy(i => i.Id).Select(i => i.Id).First();
                db.Add(new Metrology.ReferenceData.Models.StaffAssignment { UserId = reviewer.Id, InstitutionId = institution });
                await db.SaveChangesAsync();
            });
            return tenant;
        })).Value;
}
