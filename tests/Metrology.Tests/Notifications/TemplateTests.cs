using System.Text.Json;
using Metrology.Core.Recipes;
using Metrology.Core.Settings;
using Metrology.Notifications;
using Metrology.Notifications.Models;
using Metrology.Notifications.Recipes;
using Metrology.Notifications.Templates;
using Metrology.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Notifications;

public sealed class TemplateTests(SiteFactory site) : IAsyncLifetime
{
    private readonly TemplateEngine _engine = new();
    private NotificationTenant _t = null!;

    private static readonly Dictionary<string, object?> Filing = new()
    {
        ["enterprise"] = new Dictionary<string, object?> { ["name"] = "肇庆市端州区“星光”电子有限公司" },
        ["filing"] = new Dictionary<string, object?> { ["number"] = "BA2026000123", ["approved"] = true, ["acceptedCount"] = 5, ["rejectedCount"] = 0 },
    };

    public async ValueTask InitializeAsync() => _t = await NotificationTenant.CreateAsync(site, "Tpl");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public void Sms_text_renders_chinese_with_the_items_values_and_no_html_escaping()
    {
        var text = _engine.Text("【{{@site.name}}】{{enterprise.name}}：您的强检备案（{{filing.number}}）已审核通过，受理 {{filing.acceptedCount}} 台。<详询{{@site.phone}}>",
            Filing, TemplateEngine.SiteData("肇庆质计所", "0758-6622655", null, null));
        Assert.Equal("【肇庆质计所】肇庆市端州区“星光”电子有限公司：您的强检备案（BA2026000123）已审核通过，受理 5 台。<详询0758-6622655>", text);
    }

    [Fact]
    public void A_value_the_model_does_not_have_renders_empty()
    {
        Assert.Equal("尊敬的：原因。", _engine.Text("尊敬的{{enterprise.contact.name}}：{{reason}}原因。", Filing));
        Assert.Equal("<p>编号：</p>", _engine.Html("<p>编号：{{certificate.number}}</p>", new { other = 1 }));
        Assert.Equal("站点：", _engine.Text("站点：{{@site.name}}", Filing));
    }

    [Fact]
    public void Html_bodies_escape_values_but_keep_chinese_readable()
    {
        var html = _engine.Html("<p>{{enterprise.name}}：{{note}}</p>", new Dictionary<string, object?>
        {
            ["enterprise"] = new Dictionary<string, object?> { ["name"] = "甲&乙公司" },
            ["note"] = "<script>alert('x')</script>",
        });
        Assert.Equal("<p>甲&amp;乙公司：&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;</p>", html);
    }

    [Fact]
    public void A_json_model_such_as_a_content_item_or_workflow_state_renders_like_an_object()
    {
        var json = JsonDocument.Parse("""{ "enterprise": { "name": "重庆示例仪表厂" }, "filing": { "approved": false, "acceptedCount": 0 }, "items": [ { "name": "血压计" } ] }""").RootElement;
        Assert.Equal("重庆示例仪表厂：未通过，0 台，血压计", _engine.Text("{{enterprise.name}}：{{#if filing.approved}}通过{{else}}未通过{{/if}}，{{filing.acceptedCount}} 台，{{#each items}}{{name}}{{/each}}", json));
        var node = System.Text.Json.Nodes.JsonNode.Parse("""{ "code": "628451" }""");
        Assert.Equal("验证码628451", _engine.Text("验证码{{code}}{{missing}}", node));
    }

    [Fact]
    public void A_template_that_does_not_compile_gives_a_clear_error()
    {
        var error = Assert.Throws<NotificationException>(() => _engine.Text("{{#if filing.approved}}通过", Filing));
        Assert.StartsWith("模板有误：", error.Message);
    }

    [Fact]
    public void Every_kind_of_the_recipe_defaults_renders_on_its_sample()
    {
        foreach (var kind in NotificationKindCatalog.All)
        {
            Assert.NotEmpty(kind.Sample);
            Assert.False(string.IsNullOrWhiteSpace(kind.Name));
        }
    }

    [Fact]
    public async Task The_recipe_ships_a_chinese_template_for_every_kind()
    {
        var templates = await _t.GetAsync<NotificationTemplates>();
        foreach (var kind in NotificationKindCatalog.All)
        {
            var template = templates.Find(kind.Key);
            Assert.True(template is not null, $"no template for {kind.Key}");
            Assert.False(string.IsNullOrWhiteSpace(template.SmsText), $"no SMS text for {kind.Key}");
            Assert.Empty(TemplateCheck.Errors(_engine, template));
        }
    }

    [Fact]
    public async Task Queuing_a_template_renders_the_tenants_text_with_the_items_values_and_the_sites_name()
    {
        var id = await _t.QueueAsync(o => o.QueueTemplateAsync(NotificationKinds.FilingResult, NotificationChannel.Sms, "13800138000", Filing, correlationId: "filing-123"));

        var message = await _t.FindAsync(id);
        Assert.Equal(NotificationKinds.FilingResult, message!.Kind);
        Assert.Contains("肇庆市端州区“星光”电子有限公司", message.Body);
        Assert.Contains("BA2026000123", message.Body);
        Assert.Contains("测试站点 " + _t.Tenant.Name, message.Body);
        Assert.DoesNotContain("{{", message.Body);
    }

    [Fact]
    public async Task Queuing_an_email_template_escapes_values_in_the_body_and_not_in_the_subject()
    {
        var model = new Dictionary<string, object?>
        {
            ["enterprise"] = new Dictionary<string, object?> { ["name"] = "甲&乙<公司>" },
            ["certificate"] = new Dictionary<string, object?> { ["number"] = "ZQ2026-0001" },
            ["instrument"] = new Dictionary<string, object?> { ["name"] = "血压计", ["serialNumber"] = "A<1>" },
        };
        var id = await _t.QueueAsync(o => o.QueueTemplateAsync(NotificationKinds.CertificateIssued, NotificationChannel.Email, "qy@example.com", model,
            [new EmailAttachment("ZQ2026-0001.pdf", "application/pdf", [1, 2, 3])]));

        var message = await _t.FindAsync(id);
        Assert.Contains("ZQ2026-0001", message!.Subject);
        Assert.Contains("甲&amp;乙&lt;公司&gt;", message.Body);
        Assert.DoesNotContain("甲&乙<公司>", message.Body);
        Assert.Single(message.Attachments);
    }

    [Fact]
    public async Task A_vendor_template_gets_its_parameters_as_json()
    {
        var original = await _t.GetAsync<NotificationTemplates>();
        var changed = await _t.GetAsync<NotificationTemplates>();
        changed.Templates.RemoveAll(t => t.Kind == NotificationKinds.PasswordResetCode);
        changed.Templates.Add(new NotificationTemplate
        {
            Kind = NotificationKinds.PasswordResetCode,
            SmsText = "验证码{{code}}，{{minutes}}分钟内有效。",
            VendorTemplateCode = "SMS_123456",
            VendorTemplateParams = "code={{code}}\nminutes={{minutes}}",
        });
        await _t.SaveAsync(changed);
        try
        {
            var id = await _t.QueueAsync(o => o.QueueTemplateAsync(NotificationKinds.PasswordResetCode, NotificationChannel.Sms, "13800138009", new { code = "628451", minutes = 10 }));

            var message = await _t.FindAsync(id);
            Assert.Equal("验证码628451，10分钟内有效。", message!.Body);
            Assert.Equal("SMS_123456", message.VendorTemplateCode);
            var values = JsonSerializer.Deserialize<Dictionary<string, string>>(message.VendorTemplateParams!)!;
            Assert.Equal("628451", values["code"]);
            Assert.Equal("10", values["minutes"]);
        }
        finally
        {
            await _t.SaveAsync(original);
        }
    }

    [Theory]
    [InlineData("""{ "Templates": [{ "Kind": "NoSuchKind", "SmsText": "x" }] }""", "第 1 个模板：通知类型“NoSuchKind”不存在")]
    [InlineData("""{ "Templates": [{ "Kind": "FilingResult", "SmsText": "{{#if filing.approved}}通过" }] }""", "第 1 个模板（FilingResult）：短信内容模板有误")]
    [InlineData("""{ "Nothing": [] }""", "缺少 Templates 数组。")]
    public async Task A_bad_template_in_a_recipe_is_refused_with_a_clear_message(string step, string message)
    {
        var error = await Assert.ThrowsAsync<RecipeStepException>(() => _t.RunAsync(s => RunStepAsync(s, step)));
        Assert.StartsWith(message, error.Message);
    }

    private static Task RunStepAsync(IServiceProvider services, string json)
    {
        var handler = services.GetServices<IRecipeStepHandler>().OfType<NotificationTemplatesStep>().Single();
        return handler.ExecuteAsync(new RecipeStepContext("test", 1, handler.Name, JsonDocument.Parse(json).RootElement, services));
    }
}
