using Metrology.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Metrology.Tests.Browser;

/// <summary>An enterprise registers on a phone; a refused file keeps what was typed.</summary>
public sealed class RegistrationJourneyTests(BrowserSiteFactory site) : IClassFixture<BrowserSiteFactory>
{
    [Fact]
    public async Task An_enterprise_registers_on_a_phone_and_a_refused_file_keeps_the_form()
    {
        var folder = Directory.CreateTempSubdirectory("metrology-upload").FullName;
        var pdf = Path.Combine(folder, "营业执照.pdf");
        await File.WriteAllTextAsync(pdf, "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF");
        var fake = Path.Combine(folder, "承诺书.pdf");
        await File.WriteAllBytesAsync(fake, [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00]);

        var page = await site.PhonePageAsync();
        await page.GotoAsync(site.BaseUrl + "/zhaoqing/");
        await page.ClickAsync(".navbar-toggler");
        await page.WaitForSelectorAsync("#portal-nav.show"); // clicked only once the menu has finished opening
        await page.ClickAsync("#portal-nav >> text=企业注册");
        await page.FillAsync("#Input_Name", "肇庆市浏览器测试有限公司");
        await page.FillAsync("#Input_CreditCode", "91441202MA51TE7T1B");
        await page.FillAsync("#Input_ContactName", "钱工");
        await page.FillAsync("#Input_ContactMobile", "13700000099");
        await page.FillAsync("#Input_Departments", "计量室");
        await page.FillAsync("#Input_Password", "Browser2026pw");
        await page.FillAsync("#Input_ConfirmPassword", "Browser2026pw");
        await page.SetInputFilesAsync("#doc-Licence", pdf);
        await page.SetInputFilesAsync("#doc-AuthorisationLetter", pdf);
        await page.SetInputFilesAsync("#doc-CommitmentLetter", fake);
        await page.ClickAsync("button:has-text('提交注册申请')");

        Assert.Contains("不符", await page.InnerTextAsync("[data-valmsg-for='Documents[CommitmentLetter]']"));
        Assert.Equal("肇庆市浏览器测试有限公司", await page.InputValueAsync("#Input_Name"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSiteFactory.Screenshot("register-refused-phone"), FullPage = true });

        await page.FillAsync("#Input_Password", "Browser2026pw");
        await page.FillAsync("#Input_ConfirmPassword", "Browser2026pw");
        await page.SetInputFilesAsync("#doc-Licence", pdf);
        await page.SetInputFilesAsync("#doc-AuthorisationLetter", pdf);
        await page.SetInputFilesAsync("#doc-CommitmentLetter", pdf);
        await page.ClickAsync("button:has-text('提交注册申请')");
        await page.WaitForSelectorAsync("#registration-submitted");
        Directory.Delete(folder, recursive: true);
    }
}
