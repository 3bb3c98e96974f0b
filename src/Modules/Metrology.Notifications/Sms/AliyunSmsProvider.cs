using System.Globalization;
using System.Text.Json;
using Metrology.Notifications.Models;

namespace Metrology.Notifications.Sms;

/// <summary>Aliyun SMS through its documented RPC API: <c>SendSms</c>, version 2017-05-25, a signed GET.</summary>
internal sealed class AliyunSmsProvider(IHttpClientFactory clients, SecretProtector secrets, TimeProvider clock) : ISmsProvider
{
    public const string ProviderName = "Aliyun";

    public string Name => ProviderName;

    public string DisplayName => "阿里云短信";

    public async Task<DeliveryResult> SendAsync(NotificationMessage message, SmsSettings settings, CancellationToken ct)
    {
        var aliyun = settings.Aliyun;
        var secret = secrets.Unprotect(aliyun.ProtectedAccessKeySecret);
        if (string.IsNullOrEmpty(aliyun.AccessKeyId) || secret is null) return DeliveryResult.Fail("未配置阿里云 AccessKey。");
        if (string.IsNullOrEmpty(aliyun.SignName)) return DeliveryResult.Fail("未配置阿里云短信签名。");
        var templateCode = message.VendorTemplateCode ?? aliyun.DefaultTemplateCode;
        if (string.IsNullOrEmpty(templateCode)) return DeliveryResult.Fail("未配置阿里云短信模板代码（模板或默认模板）。");
        var templateParam = message.VendorTemplateCode is not null && message.VendorTemplateParams is not null
            ? message.VendorTemplateParams
            : JsonSerializer.Serialize(new Dictionary<string, string> { ["content"] = message.Body }, Http.Json);

        var parameters = new Dictionary<string, string>
        {
            ["AccessKeyId"] = aliyun.AccessKeyId,
            ["Action"] = "SendSms",
            ["Format"] = "JSON",
            ["OutId"] = message.Id.ToString(CultureInfo.InvariantCulture),
            ["PhoneNumbers"] = message.Recipient,
            ["RegionId"] = aliyun.RegionId,
            ["SignName"] = aliyun.SignName,
            ["SignatureMethod"] = "HMAC-SHA1",
            ["SignatureNonce"] = Guid.NewGuid().ToString(),
            ["SignatureVersion"] = "1.0",
            ["TemplateCode"] = templateCode,
            ["TemplateParam"] = templateParam,
            ["Timestamp"] = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["Version"] = "2017-05-25",
        };
        var signature = AliyunSignature.Sign("GET", parameters, secret);
        var url = aliyun.Endpoint.TrimEnd('/') + "/?Signature=" + AliyunSignature.Encode(signature) + "&" + AliyunSignature.CanonicalQuery(parameters);

        using var response = await clients.CreateClient(Http.ClientName).GetAsync(url, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        var code = Http.JsonValue(body, "Code");
        return code == "OK"
            ? DeliveryResult.Ok(Http.Trim($"{(int)response.StatusCode} Code=OK BizId={Http.JsonValue(body, "BizId")}"))
            : DeliveryResult.Fail(Http.Trim($"{(int)response.StatusCode} Code={code} {Http.JsonValue(body, "Message") ?? body}"));
    }
}
