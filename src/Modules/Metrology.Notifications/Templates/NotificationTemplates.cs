namespace Metrology.Notifications.Templates;

/// <summary>A tenant's message templates (one document), one per notification kind.</summary>
public sealed class NotificationTemplates
{
    public List<NotificationTemplate> Templates { get; set; } = [];

    public NotificationTemplate? Find(string kind) => Templates.FirstOrDefault(t => t.Kind == kind);
}

/// <summary>
/// Handlebars texts of one kind. SMS text and e-mail subject are plain text; the e-mail body is HTML and
/// its values are escaped. An SMS vendor that sends only registered templates (Aliyun) gets
/// <see cref="VendorTemplateCode"/> and the parameters of <see cref="VendorTemplateParams"/>, one
/// <c>name=Handlebars text</c> a line.
/// </summary>
public sealed class NotificationTemplate
{
    public string Kind { get; set; } = "";
    public string? SmsText { get; set; }
    public string? VendorTemplateCode { get; set; }
    public string? VendorTemplateParams { get; set; }
    public string? EmailSubject { get; set; }
    public string? EmailBody { get; set; }
}
