namespace Metrology.Notifications.Templates;

/// <summary>The rules a template must meet, for the editor and the recipe step alike.</summary>
internal static class TemplateCheck
{
    public const int SmsMaxLength = 500;

    /// <summary>Each text must compile and render on the kind's sample values; an SMS may not be too long.</summary>
    public static IEnumerable<string> Errors(TemplateEngine engine, NotificationTemplate template)
    {
        var sample = NotificationKindCatalog.Find(template.Kind)?.Sample;
        foreach (var (label, text, html) in new[]
                 {
                     ("短信内容", template.SmsText, false), ("厂商模板参数", template.VendorTemplateParams, false),
                     ("邮件主题", template.EmailSubject, false), ("邮件正文", template.EmailBody, true),
                 })
        {
            string? error = null;
            try
            {
                var rendered = html ? engine.Html(text, sample, SampleSite.Data) : engine.Text(text, sample, SampleSite.Data);
                if (label == "短信内容" && rendered.Length > SmsMaxLength) error = $"{label}过长：按示例数据生成 {rendered.Length} 字，不能超过 {SmsMaxLength} 字。";
            }
            catch (NotificationException e)
            {
                error = $"{label}{e.Message}";
            }
            if (error is not null) yield return error;
        }
    }
}
