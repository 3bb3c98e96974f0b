using System.ComponentModel.DataAnnotations;
using Metrology.Core.Admin;
using Metrology.Core.Security;
using Metrology.Core.Settings;
using Metrology.Notifications.Templates;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Metrology.Notifications.Pages.Admin.Notifications.Templates;

/// <summary>Edits one kind's template; "预览" renders what is typed with the kind's sample values, without saving.</summary>
[Permission("ManageNotifications")]
public sealed class EditModel(DocumentStore documents, TemplateEngine engine, SiteSettingsService site) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Kind { get; set; } = "";
    [BindProperty] public TemplateInput Input { get; set; } = new();

    public NotificationKind Definition { get; private set; } = null!;
    public Preview? Shown { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Load()) return NotFound();
        var t = (await documents.GetAsync<NotificationTemplates>(ct)).Find(Kind);
        Input = new TemplateInput { SmsText = t?.SmsText, VendorTemplateCode = t?.VendorTemplateCode, VendorTemplateParams = t?.VendorTemplateParams, EmailSubject = t?.EmailSubject, EmailBody = t?.EmailBody };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!Load()) return NotFound();
        var template = Template();
        foreach (var error in TemplateCheck.Errors(engine, template)) ModelState.AddModelError("", error);
        if (string.IsNullOrWhiteSpace(template.EmailSubject) != string.IsNullOrWhiteSpace(template.EmailBody))
            ModelState.AddModelError("", "邮件主题和正文要么都填写，要么都留空。");
        if (!ModelState.IsValid) return Page();
        var all = await documents.GetAsync<NotificationTemplates>(ct);
        all.Templates.RemoveAll(t => t.Kind == Kind);
        all.Templates.Add(template);
        await documents.SaveAsync(all, ct);
        TempData.Success($"“{Definition.Name}”模板已保存。");
        return RedirectToPage("Index");
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        if (!Load()) return NotFound();
        ModelState.Clear();
        var template = Template();
        var errors = TemplateCheck.Errors(engine, template).ToList();
        foreach (var error in errors) ModelState.AddModelError("", error);
        if (errors.Count == 0)
        {
            var s = await site.GetAsync(ct);
            var data = TemplateEngine.SiteData(s.SiteName, s.Phone, s.Address, s.Email);
            Shown = new Preview(engine.Text(template.SmsText, Definition.Sample, data).Trim(), engine.Text(template.EmailSubject, Definition.Sample, data).Trim(),
                engine.Html(template.EmailBody, Definition.Sample, data));
        }
        return Page();
    }

    private bool Load()
    {
        // Routing writes links in lower case ("registrationapproved"); the stored key keeps its case.
        Definition = NotificationKindCatalog.All.FirstOrDefault(k => string.Equals(k.Key, Kind, StringComparison.OrdinalIgnoreCase))!;
        if (Definition is null) return false;
        Kind = Definition.Key;
        return true;
    }

    private NotificationTemplate Template() => new()
    {
        Kind = Kind,
        SmsText = Blank(Input.SmsText),
        VendorTemplateCode = Blank(Input.VendorTemplateCode),
        VendorTemplateParams = Blank(Input.VendorTemplateParams),
        EmailSubject = Blank(Input.EmailSubject),
        EmailBody = Blank(Input.EmailBody),
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim().Replace("\r\n", "\n", StringComparison.Ordinal);

    public sealed record Preview(string Sms, string Subject, string Body);

    public sealed class TemplateInput
    {
        [StringLength(1000, ErrorMessage = "不能超过 1000 个字符")]
        [Display(Name = "短信内容")] public string? SmsText { get; set; }

        [StringLength(100, ErrorMessage = "不能超过 100 个字符")]
        [Display(Name = "短信厂商模板代码（如阿里云 SMS_123456789，可不填）")] public string? VendorTemplateCode { get; set; }

        [StringLength(1000, ErrorMessage = "不能超过 1000 个字符")]
        [Display(Name = "厂商模板参数（每行一个：名称={{值}}）")] public string? VendorTemplateParams { get; set; }

        [StringLength(500, ErrorMessage = "不能超过 500 个字符")]
        [Display(Name = "邮件主题")] public string? EmailSubject { get; set; }

        [StringLength(20000, ErrorMessage = "不能超过 20000 个字符")]
        [Display(Name = "邮件正文（HTML）")] public string? EmailBody { get; set; }
    }
}
