using Metrology.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Metrology.Tests.Browser;

/// <summary>The institute's pages in the browser: read the guide on a phone; edit a page in the back office.</summary>
public sealed class ContentJourneyTests(BrowserSiteFactory site) : IClassFixture<BrowserSiteFactory>
{
    [Fact]
    public async Task A_visitor_opens_the_guide_from_the_navigation_on_a_phone()
    {
        var page = await site.PhonePageAsync();
        await page.GotoAsync(site.BaseUrl + "/zhaoqing/");
        await page.ClickAsync(".navbar-toggler");
        await page.WaitForSelectorAsync("#portal-nav.show"); // clicked only once the menu has finished opening
        await page.ClickAsync("#portal-nav >> text=办事指南");
        await page.WaitForURLAsync(site.BaseUrl + "/zhaoqing/guide");
        Assert.Equal("办事指南", await page.InnerTextAsync("article h1"));
        Assert.Contains("检定机构确认约检", await page.InnerTextAsync("article"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSiteFactory.Screenshot("guide-phone"), FullPage = true });
    }

    [Fact]
    public async Task On_a_1366_px_desktop_every_navigation_item_stays_on_one_line()
    {
        var page = await site.DesktopPageAsync();
        await page.GotoAsync(site.BaseUrl + "/zhaoqing/");
        var links = page.Locator("#portal-nav .nav-link");
        var home = await links.First.BoundingBoxAsync();
        Assert.True(await links.CountAsync() > 5);
        for (var i = 0; i < await links.CountAsync(); i++)
        {
            var box = await links.Nth(i).BoundingBoxAsync();
            Assert.True(box!.Height <= home!.Height + 1 && Math.Abs(box.Y - home.Y) < 2, $"「{await links.Nth(i).InnerTextAsync()}」 wraps or drops to another row");
        }
        Assert.True(home!.Height < 48, "首页 wraps onto two lines");
    }

    [Fact]
    public async Task An_editor_changes_the_faq_and_the_portal_shows_it_after_publishing()
    {
        var page = await site.DesktopPageAsync();
        await page.GotoAsync(site.BaseUrl + "/chongqing/login");
        await page.FillAsync("#Input_UserName", "admin");
        await page.FillAsync("#Input_Password", SiteFactory.AdminPassword);
        await BrowserSiteFactory.SubmitSignInAsync(page, site.BaseUrl + "/chongqing/admin");

        await page.GotoAsync(site.BaseUrl + "/chongqing/admin/contents?type=FaqList");
        await page.ClickAsync("#contents >> text=常见问题与注意事项");
        await page.FillAsync("#Title", "常见问题（更新）");
        await page.ClickAsync("button:has-text('保存草稿')");
        await page.WaitForSelectorAsync(".alert-success");

        var visitor = await site.PhonePageAsync();
        await visitor.GotoAsync(site.BaseUrl + "/chongqing/faq");
        Assert.Equal("常见问题与注意事项", await visitor.InnerTextAsync("article h1"));

        await page.ClickAsync("button:has-text('发布')");
        await page.WaitForSelectorAsync(".alert-success");
        await visitor.ReloadAsync();
        Assert.Equal("常见问题（更新）", await visitor.InnerTextAsync("article h1"));
        // The navigation is the menu's own text, edited in the menu, not the page's title.
        Assert.Equal("/chongqing/faq", await visitor.GetAttributeAsync("#portal-nav a:text-is('常见问题')", "href"));

        // A new question, added from the list, appears in its group once published.
        await page.ClickAsync("#children >> text=新建问答");
        await page.FillAsync("#Title", "如何打印预约单？");
        await page.FillAsync("#field-Group", "检定预约");
        await page.FillAsync("#Markdown", "在【检定管理】的【已确认】中点击【查看】，再点击【生成预约单】。");
        await page.ClickAsync("button:has-text('发布')");
        await page.WaitForSelectorAsync("#children >> text=如何打印预约单？");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSiteFactory.Screenshot("content-editor"), FullPage = true });
        await visitor.ReloadAsync();
        Assert.Contains("如何打印预约单？", await visitor.InnerTextAsync(".faq-group:has(h2:text-is('检定预约'))"));
    }

    [Fact]
    public async Task A_visitor_opens_an_answer_and_calls_an_office_on_a_phone()
    {
        var page = await site.PhonePageAsync();
        await page.GotoAsync(site.BaseUrl + "/zhaoqing/faq");
        Assert.False(await page.IsVisibleAsync("text=取回密码后即可自行解锁"));
        await page.ClickAsync("summary:has-text('登录不了')");
        Assert.True(await page.IsVisibleAsync("text=取回密码后即可自行解锁"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSiteFactory.Screenshot("faq-phone"), FullPage = true });

        await page.GotoAsync(site.BaseUrl + "/zhaoqing/contact");
        Assert.Equal("tel:0758-6622933", await page.GetAttributeAsync(".contact-card:has-text('强检室') a[href^='tel:']", "href"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSiteFactory.Screenshot("contacts-phone"), FullPage = true });
    }
}
