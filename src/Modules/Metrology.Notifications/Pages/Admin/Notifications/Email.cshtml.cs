using System.ComponentModel.DataAnnotations;
using Metrology.Core.Admin;
using Metrology.Core.Data;
using Metrology.Core.Security;
using Metrology.Core.Settings;
using Metrology.Notifications.Email;
using Metrology.Notifications.Outbox;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Metrology.Notifications.Pages.Admin.Notifications;

/// <summary>E-mail settings: SMTP or the pickup folder; the password is never shown back, and an empty field keeps the stored one.</summary>
[Permission("ManageNotifications")]
public sealed class EmailModel(DocumentStore documents, SecretProtector secrets, EmailSender sender, NotificationOutbox outbox, OutboxDelivery delivery, TenantDbContext db) : PageModel
{
    [BindProperty] public EmailInput Input { get; set; } = new();

    public bool HasPassword { get; private set; }
    public string PickupFolder => sender.PickupFolder;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var s = await documents.GetAsync<EmailSettings>(ct);
        HasPassword = s.ProtectedPassword is not null;
        Input = new EmailInput { Mode = s.Mode, Host = s.Host, Port = s.Port, EnableSsl = s.EnableSsl, UserName = s.UserName, FromAddress = s.FromAddress, FromName = s.FromName };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var current = await documents.GetAsync<EmailSettings>(ct);
        HasPassword = current.ProtectedPassword is not null;
        if (Input.Mode == EmailMode.Smtp && string.IsNullOrWhiteSpace(Input.Host)) ModelState.AddModelError("Input.Host", "请填写 SMTP 服务器");
        if (!string.IsNullOrWhiteSpace(Input.FromAddress) && EmailAddresses.Check(Input.FromAddress) is { } error) ModelState.AddModelError("Input.FromAddress", error);
        if (!ModelState.IsValid) return Page();
        await documents.SaveAsync(new EmailSettings
        {
            Mode = Input.Mode,
            Host = Input.Host?.Trim(),
            Port = Input.Port,
            EnableSsl = Input.EnableSsl,
            UserName = string.IsNullOrWhiteSpace(Input.UserName) ? null : Input.UserName.Trim(),
            ProtectedPassword = string.IsNullOrEmpty(Input.Password) ? current.ProtectedPassword : secrets.Protect(Input.Password),
            FromAddress = Input.FromAddress?.Trim(),
            FromName = Input.FromName?.Trim(),
        }, ct);
        TempData.Success("邮件设置已保存。");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostTestAsync(string? testTo, CancellationToken ct)
    {
        await TestSend.RunAsync(TempData, db, delivery,
            () => Task.FromResult(outbox.QueueEmail(testTo ?? "", "测试邮件", "<p>这是一封测试邮件，收到即表示邮件设置可用。</p>", correlationId: "test")), ct);
        return RedirectToPage();
    }

    public sealed class EmailInput
    {
        [Display(Name = "发送方式")] public EmailMode Mode { get; set; }

        [StringLength(200, ErrorMessage = "不能超过 200 个字符")]
        [Display(Name = "SMTP 服务器")] public string? Host { get; set; }

        [Range(1, 65535, ErrorMessage = "端口应为 1 到 65535")]
        [Display(Name = "端口")] public int Port { get; set; } = 25;

        [Display(Name = "使用 TLS 加密（STARTTLS）")] public bool EnableSsl { get; set; }

        [StringLength(200, ErrorMessage = "不能超过 200 个字符")]
        [Display(Name = "用户名")] public string? UserName { get; set; }

        [Display(Name = "密码")] public string? Password { get; set; }

        [StringLength(200, ErrorMessage = "不能超过 200 个字符")]
        [Display(Name = "发件人邮箱")] public string? FromAddress { get; set; }

        [StringLength(100, ErrorMessage = "不能超过 100 个字符")]
        [Display(Name = "发件人名称")] public string? FromName { get; set; }
    }
}
