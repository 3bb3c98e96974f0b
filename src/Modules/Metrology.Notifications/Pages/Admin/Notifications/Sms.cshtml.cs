using System.ComponentModel.DataAnnotations;
using Metrology.Core.Admin;
using Metrology.Core.Data;
using Metrology.Core.Security;
using Metrology.Core.Settings;
using Metrology.Notifications.Outbox;
using Metrology.Notifications.Sms;
using Metrology.Notifications.Templates;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Metrology.Notifications.Pages.Admin.Notifications;

/// <summary>SMS settings: the provider, rate limits, the HTTP gateway and Aliyun; secrets are never shown back, and an empty field keeps the stored one.</summary>
[Permission("ManageNotifications")]
public sealed class SmsModel(DocumentStore documents, SecretProtector secrets, IEnumerable<ISmsProvider> providers, TemplateEngine templates,
    NotificationOutbox outbox, OutboxDelivery delivery, TenantDbContext db) : PageModel
{
    [BindProperty] public SmsInput Input { get; set; } = new();

    public IReadOnlyList<ISmsProvider> Providers { get; } = providers.ToList();
    public bool HasToken { get; private set; }
    public bool HasAccessKeySecret { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var s = await documents.GetAsync<SmsSettings>(ct);
        Show(s);
        Input = new SmsInput
        {
            DefaultProvider = s.DefaultProvider, PerMinute = s.PerMinute, PerDay = s.PerDay,
            GatewayUrl = s.Gateway.Url, GatewayMethod = s.Gateway.Method, GatewayContentType = s.Gateway.ContentType, GatewayHeaders = s.Gateway.Headers,
            GatewayBody = s.Gateway.BodyTemplate, SuccessStatusCodes = s.Gateway.SuccessStatusCodes, SuccessBodyContains = s.Gateway.SuccessBodyContains,
            SuccessJsonPath = s.Gateway.SuccessJsonPath, SuccessJsonValue = s.Gateway.SuccessJsonValue,
            AliyunEndpoint = s.Aliyun.Endpoint, AliyunRegionId = s.Aliyun.RegionId, AliyunAccessKeyId = s.Aliyun.AccessKeyId,
            AliyunSignName = s.Aliyun.SignName, AliyunDefaultTemplateCode = s.Aliyun.DefaultTemplateCode,
        };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var current = await documents.GetAsync<SmsSettings>(ct);
        Show(current);
        var i = Input;
        if (Providers.All(p => p.Name != i.DefaultProvider)) ModelState.AddModelError("Input.DefaultProvider", "请选择短信服务");
        if (i.DefaultProvider == HttpGatewaySmsProvider.ProviderName && !IsHttpUrl(i.GatewayUrl?.Replace("{{", "").Replace("}}", "")))
            ModelState.AddModelError("Input.GatewayUrl", "请填写以 http:// 或 https:// 开头的网关地址");
        if (!HttpGatewaySmsProvider.IsValidStatusSpec(i.SuccessStatusCodes))
            ModelState.AddModelError("Input.SuccessStatusCodes", "成功状态码格式应为 200、200-299 或 200,201");
        foreach (var (field, text) in new[] { ("Input.GatewayUrl", i.GatewayUrl), ("Input.GatewayHeaders", i.GatewayHeaders), ("Input.GatewayBody", i.GatewayBody) })
        {
            try { templates.Text(text, new { }); }
            catch (NotificationException e) { ModelState.AddModelError(field, e.Message); }
        }
        if (i.DefaultProvider == AliyunSmsProvider.ProviderName)
        {
            if (string.IsNullOrWhiteSpace(i.AliyunAccessKeyId)) ModelState.AddModelError("Input.AliyunAccessKeyId", "请填写 AccessKey ID");
            if (string.IsNullOrEmpty(i.AliyunAccessKeySecret) && !HasAccessKeySecret) ModelState.AddModelError("Input.AliyunAccessKeySecret", "请填写 AccessKey Secret");
            if (string.IsNullOrWhiteSpace(i.AliyunSignName)) ModelState.AddModelError("Input.AliyunSignName", "请填写短信签名");
            if (!IsHttpUrl(i.AliyunEndpoint)) ModelState.AddModelError("Input.AliyunEndpoint", "请填写以 http:// 或 https:// 开头的接口地址");
        }
        if (!ModelState.IsValid) return Page();

        await documents.SaveAsync(new SmsSettings
        {
            DefaultProvider = i.DefaultProvider,
            PerMinute = i.PerMinute,
            PerDay = i.PerDay,
            Gateway = new HttpGatewaySettings
            {
                Url = i.GatewayUrl?.Trim(), Method = i.GatewayMethod, ContentType = i.GatewayContentType?.Trim() ?? "application/json",
                Headers = i.GatewayHeaders, BodyTemplate = i.GatewayBody, SuccessStatusCodes = i.SuccessStatusCodes?.Trim() ?? "200-299",
                SuccessBodyContains = Blank(i.SuccessBodyContains), SuccessJsonPath = Blank(i.SuccessJsonPath), SuccessJsonValue = i.SuccessJsonValue,
                ProtectedToken = string.IsNullOrEmpty(i.GatewayToken) ? current.Gateway.ProtectedToken : secrets.Protect(i.GatewayToken),
            },
            Aliyun = new AliyunSmsSettings
            {
                Endpoint = i.AliyunEndpoint?.Trim() ?? current.Aliyun.Endpoint, RegionId = Blank(i.AliyunRegionId) ?? "cn-hangzhou",
                AccessKeyId = Blank(i.AliyunAccessKeyId), SignName = Blank(i.AliyunSignName), DefaultTemplateCode = Blank(i.AliyunDefaultTemplateCode),
                ProtectedAccessKeySecret = string.IsNullOrEmpty(i.AliyunAccessKeySecret) ? current.Aliyun.ProtectedAccessKeySecret : secrets.Protect(i.AliyunAccessKeySecret),
            },
        }, ct);
        TempData.Success("短信设置已保存。");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostTestAsync(string? testPhone, string? testText, CancellationToken ct)
    {
        await TestSend.RunAsync(TempData, db, delivery,
            () => outbox.QueueSmsAsync(testPhone ?? "", string.IsNullOrWhiteSpace(testText) ? "这是一条测试短信。" : testText.Trim(), "test", ct), ct);
        return RedirectToPage();
    }

    private void Show(SmsSettings s)
    {
        HasToken = s.Gateway.ProtectedToken is not null;
        HasAccessKeySecret = s.Aliyun.ProtectedAccessKeySecret is not null;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    public sealed class SmsInput
    {
        [Display(Name = "短信服务")] public string DefaultProvider { get; set; } = OutboxSmsProvider.ProviderName;

        [Range(0, 1000, ErrorMessage = "应为 0 到 1000 之间的整数")]
        [Display(Name = "每个号码每分钟最多")] public int PerMinute { get; set; } = 3;

        [Range(0, 10000, ErrorMessage = "应为 0 到 10000 之间的整数")]
        [Display(Name = "每个号码 24 小时内最多")] public int PerDay { get; set; } = 20;

        [StringLength(1000, ErrorMessage = "不能超过 1000 个字符")]
        [Display(Name = "网关地址")] public string? GatewayUrl { get; set; }

        [RegularExpression("^(GET|POST|PUT)$", ErrorMessage = "请求方法应为 GET、POST 或 PUT")]
        [Display(Name = "请求方法")] public string GatewayMethod { get; set; } = "POST";

        [StringLength(100, ErrorMessage = "不能超过 100 个字符")]
        [Display(Name = "内容类型")] public string? GatewayContentType { get; set; } = "application/json";

        [StringLength(2000, ErrorMessage = "不能超过 2000 个字符")]
        [Display(Name = "请求头（每行一个）")] public string? GatewayHeaders { get; set; }

        [StringLength(4000, ErrorMessage = "不能超过 4000 个字符")]
        [Display(Name = "请求体模板")] public string? GatewayBody { get; set; }

        [Display(Name = "访问令牌")] public string? GatewayToken { get; set; }
        [Display(Name = "成功状态码")] public string? SuccessStatusCodes { get; set; } = "200-299";
        [Display(Name = "响应包含")] public string? SuccessBodyContains { get; set; }
        [Display(Name = "JSON 路径")] public string? SuccessJsonPath { get; set; }
        [Display(Name = "JSON 值等于")] public string? SuccessJsonValue { get; set; }

        [Display(Name = "接口地址")] public string? AliyunEndpoint { get; set; } = "https://dysmsapi.aliyuncs.com/";
        [Display(Name = "地域")] public string? AliyunRegionId { get; set; } = "cn-hangzhou";
        [Display(Name = "AccessKey ID")] public string? AliyunAccessKeyId { get; set; }
        [Display(Name = "AccessKey Secret")] public string? AliyunAccessKeySecret { get; set; }
        [Display(Name = "短信签名")] public string? AliyunSignName { get; set; }
        [Display(Name = "默认模板代码")] public string? AliyunDefaultTemplateCode { get; set; }
    }
}
