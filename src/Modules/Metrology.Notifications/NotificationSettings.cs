namespace Metrology.Notifications;

/// <summary>SMS settings of a tenant (a document). Secrets are stored encrypted (<see cref="SecretProtector"/>).</summary>
public sealed class SmsSettings
{
    /// <summary>The provider every SMS goes through: "Outbox", "HttpGateway" or "Aliyun".</summary>
    public string DefaultProvider { get; set; } = Sms.OutboxSmsProvider.ProviderName;

    /// <summary>At most this many SMS per number per minute and per day; 0 means no limit.</summary>
    public int PerMinute { get; set; } = 3;
    public int PerDay { get; set; } = 20;

    public HttpGatewaySettings Gateway { get; set; } = new();
    public AliyunSmsSettings Aliyun { get; set; } = new();
}

public sealed class HttpGatewaySettings
{
    /// <summary>Handlebars, like the headers and the body: <c>phone</c>, <c>text</c>, <c>templateCode</c>, <c>params</c>, <c>token</c>, <c>messageId</c>.</summary>
    public string? Url { get; set; }
    public string Method { get; set; } = "POST";
    public string ContentType { get; set; } = "application/json";

    /// <summary>One header a line: <c>Authorization: Bearer {{token}}</c>.</summary>
    public string? Headers { get; set; }
    public string? BodyTemplate { get; set; } = "{\"mobile\": {{json phone}}, \"content\": {{json text}} }";
    public string? ProtectedToken { get; set; }

    /// <summary>Success: the status is one of these ("200", "200-299", "200,201"), and the body contains <see cref="SuccessBodyContains"/> and has <see cref="SuccessJsonPath"/> equal to <see cref="SuccessJsonValue"/> when they are set.</summary>
    public string SuccessStatusCodes { get; set; } = "200-299";
    public string? SuccessBodyContains { get; set; }
    public string? SuccessJsonPath { get; set; }
    public string? SuccessJsonValue { get; set; }
}

public sealed class AliyunSmsSettings
{
    public string Endpoint { get; set; } = "https://dysmsapi.aliyuncs.com/";
    public string RegionId { get; set; } = "cn-hangzhou";
    public string? AccessKeyId { get; set; }
    public string? ProtectedAccessKeySecret { get; set; }
    public string? SignName { get; set; }

    /// <summary>For a message without a template of its own: a registered template with one parameter <c>content</c>.</summary>
    public string? DefaultTemplateCode { get; set; }
}

public enum EmailMode
{
    /// <summary>Writes each message as an .eml file under App_Data/Sites/{tenant}/Mail (development and tests).</summary>
    Pickup = 0,
    Smtp = 1,
}

/// <summary>E-mail settings of a tenant (a document).</summary>
public sealed class EmailSettings
{
    public EmailMode Mode { get; set; } = EmailMode.Pickup;
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public bool EnableSsl { get; set; }
    public string? UserName { get; set; }
    public string? ProtectedPassword { get; set; }
    public string? FromAddress { get; set; }
    public string? FromName { get; set; }
}

/// <summary>Delivery of the outbox in this tenant.</summary>
public sealed class OutboxSettings
{
    /// <summary>The delivery job leaves messages pending (maintenance, a gateway being changed); queuing goes on.</summary>
    public bool Paused { get; set; }
}
