using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Metrology.Notifications.Models;
using Metrology.Notifications.Templates;

namespace Metrology.Notifications.Sms;

/// <summary>
/// A configurable HTTP gateway, for the SMS platforms institutes already use: the URL, headers and body
/// are Handlebars over the message, and success is a status code plus optional checks of the body.
/// </summary>
internal sealed class HttpGatewaySmsProvider(IHttpClientFactory clients, SecretProtector secrets, TemplateEngine templates) : ISmsProvider
{
    public const string ProviderName = "HttpGateway";

    public string Name => ProviderName;

    public string DisplayName => "HTTP 短信网关";

    public async Task<DeliveryResult> SendAsync(NotificationMessage message, SmsSettings settings, CancellationToken ct)
    {
        var gateway = settings.Gateway;
        if (string.IsNullOrWhiteSpace(gateway.Url)) return DeliveryResult.Fail("未配置短信网关地址。");
        var model = new Dictionary<string, object?>
        {
            ["phone"] = message.Recipient,
            ["text"] = message.Body,
            ["templateCode"] = message.VendorTemplateCode,
            ["params"] = message.VendorTemplateParams is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(message.VendorTemplateParams),
            ["token"] = secrets.Unprotect(gateway.ProtectedToken),
            ["messageId"] = message.Id.ToString(CultureInfo.InvariantCulture),
        };
        var method = new HttpMethod(string.IsNullOrWhiteSpace(gateway.Method) ? "POST" : gateway.Method.Trim().ToUpperInvariant());
        using var request = new HttpRequestMessage(method, templates.Text(gateway.Url, model).Trim());
        if (method != HttpMethod.Get && method != HttpMethod.Head)
        {
            request.Content = new StringContent(templates.Text(gateway.BodyTemplate, model), Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(string.IsNullOrWhiteSpace(gateway.ContentType) ? "application/json" : gateway.ContentType);
            request.Content.Headers.ContentType.CharSet = "utf-8";
        }
        foreach (var line in (gateway.Headers ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0) continue;
            request.Headers.TryAddWithoutValidation(line[..colon].Trim(), templates.Text(line[(colon + 1)..].Trim(), model));
        }

        using var response = await clients.CreateClient(Http.ClientName).SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        var answer = Http.Trim($"{(int)response.StatusCode} {body}".Trim());
        return IsSuccess(gateway, (int)response.StatusCode, body) ? DeliveryResult.Ok(answer) : DeliveryResult.Fail(answer);
    }

    internal static bool IsSuccess(HttpGatewaySettings gateway, int status, string body)
    {
        if (!StatusMatches(gateway.SuccessStatusCodes, status)) return false;
        if (!string.IsNullOrEmpty(gateway.SuccessBodyContains) && !body.Contains(gateway.SuccessBodyContains, StringComparison.Ordinal)) return false;
        if (!string.IsNullOrWhiteSpace(gateway.SuccessJsonPath) && Http.JsonValue(body, gateway.SuccessJsonPath) != (gateway.SuccessJsonValue ?? "")) return false;
        return true;
    }

    /// <summary>"200", "200-299", "200,201,202"; empty means 2xx.</summary>
    internal static bool StatusMatches(string? spec, int status)
    {
        if (string.IsNullOrWhiteSpace(spec)) return status is >= 200 and <= 299;
        foreach (var part in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var range = part.Split('-', StringSplitOptions.TrimEntries);
            if (range.Length == 2 && int.TryParse(range[0], out var low) && int.TryParse(range[1], out var high) && status >= low && status <= high) return true;
            if (range.Length == 1 && int.TryParse(range[0], out var exact) && status == exact) return true;
        }
        return false;
    }

    /// <summary>Checks a status specification as the settings page accepts it.</summary>
    internal static bool IsValidStatusSpec(string? spec) =>
        string.IsNullOrWhiteSpace(spec) || spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .All(p => p.Split('-', StringSplitOptions.TrimEntries) is var r && r.Length is 1 or 2 && r.All(x => int.TryParse(x, out var n) && n is >= 100 and <= 599));
}
