using Metrology.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Metrology.Tests.Browser;

/// <summary>备案 in a real browser: an enterprise files on a phone, the institute reviews at a desk, the enterprise sees the outcome.</summary>
public sealed class FilingJourneyTests(BrowserSiteFactory site) : IClassFixture<BrowserSiteFactory>
{
    private async Task<IPage> SignInAsync(IPage page, string user)
    {
        await page.GotoAsync(site.BaseUrl + "/zhaoqing/login");
        await page.FillAsync("#Input_UserName", user);
        await page.FillAsync("#Input_Password", SiteFactory.AdminPassword);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForLoadStateAsync();
        return page;
    }

    [Fact]
    public async Task An_enterprise_files_on_a_phone_and_the_institute_accepts_one_and_refuses_one_at_a_desk()
    {
        var phone = await SignInAsync(await site.PhonePageAsync(), "13800000001");
        // One instrument already in the library, to be picked.
        await phone.GotoAsync(site.BaseUrl + "/zhaoqing/my/instruments/edit");
        await FillAsync(phone, "饮用冷水水表", "LXS-20E", "ZQ-PICK-01");
        await phone.ClickAsync("button:has-text('保存')");
        await phone.WaitForSelectorAsync(".alert-success");

        await phone.GotoAsync(site.BaseUrl + "/zhaoqing/my/filings");
        await phone.SelectOptionAsync("#InstitutionId", new SelectOptionValue { Label = "肇庆市质量计量监督检测所" });
        await phone.FillAsync("#Address", "肇庆市端州区示例路 1 号");
        await phone.ClickAsync("button:has-text('确定')");
        await phone.WaitForSelectorAsync("text=设备清单（0 台）");

        // Picked from the library.
        await phone.CheckAsync("#pickable input[type=checkbox] >> nth=0");
        await phone.ClickAsync("button:has-text('导入所选到草稿')");
        await phone.WaitForSelectorAsync("text=设备清单（1 台）");

        // Typed: the library's form, then back to the draft to add it.
        await phone.ClickAsync("text=录入新器具");
        await FillAsync(phone, "饮用冷水水表", "LXS-25E", "ZQ-TYPED-01");
        await phone.ClickAsync("button:has-text('保存')");
        await phone.ClickAsync("button:has-text('加入本草稿')");
        await phone.WaitForSelectorAsync("text=设备清单（2 台）");
        await phone.FillAsync("#Lines_0_Location", "一号泵房");
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSiteFactory.Screenshot("filing-draft-phone"), FullPage = true });
        await phone.ClickAsync("button:has-text('强检申请（提交审核）')");
        await phone.WaitForSelectorAsync(".alert-success");
        Assert.Contains("待审核", await phone.InnerTextAsync("main h1"));

        await phone.GotoAsync(site.BaseUrl + "/zhaoqing/my");
        Assert.Contains("备案审核中", await phone.InnerTextAsync("main"));
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSiteFactory.Screenshot("filing-workspace-phone"), FullPage = true });
        await phone.GoBackAsync();

        var desk = await SignInAsync(await site.DesktopPageAsync(), "admin");
        await desk.GotoAsync(site.BaseUrl + "/zhaoqing/admin");
        Assert.Contains("备案申请待审核", await desk.InnerTextAsync("main"));
        await desk.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSiteFactory.Screenshot("filing-staff-workspace-desktop"), FullPage = true });
        await desk.GotoAsync(site.BaseUrl + "/zhaoqing/admin/filings");
        var number = (await phone.InnerTextAsync("h1 .font-monospace")).Trim();
        await desk.ClickAsync($"text={number}");
        await desk.CheckAsync("#lines tbody tr:has-text('ZQ-PICK-01') input[type=checkbox]");
        await desk.ClickAsync("button:has-text('受理所选')");
        await desk.WaitForSelectorAsync(".alert-success");
        await desk.CheckAsync("#lines tbody tr:has-text('ZQ-TYPED-01') input[type=checkbox]");
        await desk.SelectOptionAsync("#Reason", new SelectOptionValue { Label = "出厂编号不完整或与铭牌不符" });
        await desk.ClickAsync("button:has-text('所选不予受理')");
        await desk.WaitForSelectorAsync(".alert-success");
        Assert.Contains("已审核", await desk.InnerTextAsync("main"));
        await desk.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSiteFactory.Screenshot("filing-review-desktop"), FullPage = true });

        await phone.ReloadAsync();
        var outcome = await phone.InnerTextAsync("main");
        Assert.Contains("出厂编号不完整或与铭牌不符", outcome);
        await phone.CheckAsync("input[name=Selected]");
        await phone.ClickAsync("button:has-text('所选移到设备库')");
        await phone.WaitForSelectorAsync(".alert-success");
        await phone.GotoAsync(site.BaseUrl + "/zhaoqing/my/instruments?serial=ZQ-");
        var library = await phone.InnerTextAsync("#instruments");
        Assert.Contains("已备案", library);
        Assert.Contains("备案未通过", library);
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSiteFactory.Screenshot("filing-library-phone"), FullPage = true });
    }

    private static async Task FillAsync(IPage page, string name, string model, string serial)
    {
        await page.FillAsync("#Input_Name", name);
        await page.FillAsync("#Input_ModelSpec", model);
        await page.FillAsync("#Input_SerialNumber", serial);
        foreach (var (field, code) in new[] { ("Origin", "1"), ("State", "2"), ("Usage", "4"), ("Kind", "3"), ("Method", "1") })
            await page.SelectOptionAsync($"#Input_{field}", code);
        await page.FillAsync("#Input_RegionCode", "441202");
        await page.FillAsync("#Input_CatalogCode", "S0301");
    }
}
