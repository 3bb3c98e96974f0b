using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Metrology.Core.Settings;
using Metrology.Notifications;
using Metrology.Notifications.Models;
using Metrology.Notifications.Outbox;
using Metrology.Notifications.Sms;
using Metrology.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Notifications;

public sealed class AliyunSmsTests(SiteFactory site) : IAsyncLifetime
{
    private NotificationTenant _t = null!;

    public async ValueTask InitializeAsync() => _t = await NotificationTenant.CreateAsync(site, "Aliyun");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>The example of Aliyun's SMS signature documentation (help.aliyun.com/document_detail/56189), with AccessKey testId / testSecret.</summary>
    private static readonly Dictionary<string, string> DocumentedExample = new()
    {
        ["AccessKeyId"] = "testId",
        ["Action"] = "SendSms",
        ["Format"] = "XML",
        ["OutId"] = "123",
        ["PhoneNumbers"] = "15300000001",
        ["RegionId"] = "cn-hangzhou",
        ["SignName"] = "阿里云短信测试专用",
        ["SignatureMethod"] = "HMAC-SHA1",
        ["SignatureNonce"] = "45e25e9b-0a6f-4070-8c85-2956eda1b466",
        ["SignatureVersion"] = "1.0",
        ["TemplateCode"] = "SMS_71390007",
        ["TemplateParam"] = "{\"customer\":\"test\"}",
        ["Timestamp"] = "2017-07-12T02:42:19Z",
        ["Version"] = "2017-05-25",
    };

    [Fact]
    public void The_signature_matches_the_documented_example()
    {
        Assert.Equal("zJDF+Lrzhj/ThnlvIToysFRq6t4=", AliyunSignature.Sign("GET", DocumentedExample, "testSecret"));
        var toSign = AliyunSignature.StringToSign("GET", AliyunSignature.CanonicalQuery(DocumentedExample));
        Assert.StartsWith("GET&%2F&AccessKeyId%3DtestId%26Action%3DSendSms%26Format%3DXML%26OutId%3D123%26PhoneNumbers%3D15300000001", toSign);
        Assert.Contains("SignName%3D%25E9%2598%25BF", toSign);
        Assert.EndsWith("Timestamp%3D2017-07-12T02%253A42%253A19Z%26Version%3D2017-05-25", toSign);
    }

    [Fact]
    public void Percent_encoding_follows_the_documented_rules()
    {
        Assert.Equal("a%20b%2Ac~d%2B", AliyunSignature.Encode("a b*c~d+"));
    }

    [Fact]
    public async Task The_provider_sends_a_signed_request_the_vendor_accepts()
    {
        await using var vendor = await FakeHttpServer.StartAsync((_, r) => Verify(r, "the-real-secret"));
        await UseAliyunAsync(vendor.Url, "the-real-secret");
        var id = await _t.QueueAsync(o => o.QueueSmsAsync("13800138000", "您的电子证书已发放"));

        Assert.Equal(NotificationStatus.Sent, await _t.RunAsync(s => s.GetRequiredService<OutboxDelivery>().DeliverAsync(id)));

        var request = Assert.Single(vendor.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("SendSms", request.Query["Action"]);
        Assert.Equal("2017-05-25", request.Query["Version"]);
        Assert.Equal("13800138000", request.Query["PhoneNumbers"]);
        Assert.Equal("肇庆质计所", request.Query["SignName"]);
        Assert.Equal("SMS_000001", request.Query["TemplateCode"]);
        Assert.Equal("您的电子证书已发放", JsonDocument.Parse(request.Query["TemplateParam"]).RootElement.GetProperty("content").GetString());
        Assert.Contains("Code=OK", (await _t.FindAsync(id))!.LastAnswer);
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_by_the_vendor_and_the_message_waits_for_a_retry()
    {
        await using var vendor = await FakeHttpServer.StartAsync((_, r) => Verify(r, "the-real-secret"));
        await UseAliyunAsync(vendor.Url, "a-wrong-secret");
        var id = await _t.QueueAsync(o => o.QueueSmsAsync("13800138001", "测试"));

        Assert.Equal(NotificationStatus.Pending, await _t.RunAsync(s => s.GetRequiredService<OutboxDelivery>().DeliverAsync(id)));
        Assert.Contains("SignatureDoesNotMatch", (await _t.FindAsync(id))!.LastAnswer);
    }

    private Task UseAliyunAsync(string url, string secret) => _t.RunAsync(s => s.GetRequiredService<DocumentStore>().SaveAsync(new SmsSettings
    {
        DefaultProvider = "Aliyun",
        Aliyun = new AliyunSmsSettings
        {
            Endpoint = url + "/",
            AccessKeyId = "LTAI-test",
            ProtectedAccessKeySecret = s.GetRequiredService<SecretProtector>().Protect(secret),
            SignName = "肇庆质计所",
            DefaultTemplateCode = "SMS_000001",
        },
    }));

    /// <summary>The vendor's side, written from the documentation independently of the provider's code.</summary>
    private static (int, string) Verify(FakeRequest request, string secret)
    {
        static string Encode(string value)
        {
            var sb = new StringBuilder();
            foreach (var b in Encoding.UTF8.GetBytes(value))
            {
                var c = (char)b;
                if (c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_' or '.' or '~') sb.Append(c);
                else sb.Append('%').Append(b.ToString("X2"));
            }
            return sb.ToString();
        }
        var canonical = string.Join("&", request.Query.Where(q => q.Key != "Signature").OrderBy(q => q.Key, StringComparer.Ordinal).Select(q => Encode(q.Key) + "=" + Encode(q.Value)));
        var expected = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret + "&"), Encoding.UTF8.GetBytes("GET&%2F&" + Encode(canonical))));
        return request.Query.GetValueOrDefault("Signature") == expected
            ? (200, "{\"Message\":\"OK\",\"RequestId\":\"F655A8D5\",\"BizId\":\"900619746936498440^0\",\"Code\":\"OK\"}")
            : (400, "{\"Message\":\"Specified signature is not matched with our calculation.\",\"Code\":\"SignatureDoesNotMatch\"}");
    }
}
