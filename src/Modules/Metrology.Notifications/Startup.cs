using Metrology.Core.Admin;
using Metrology.Core.Data;
using Metrology.Core.Jobs;
using Metrology.Core.Modules;
using Metrology.Core.Recipes;
using Metrology.Core.Security;
using Metrology.Notifications.Email;
using Metrology.Notifications.Outbox;
using Metrology.Notifications.Recipes;
using Metrology.Notifications.Sms;
using Metrology.Notifications.Templates;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Notifications;

/// <summary>SMS and e-mail: providers, templates per notification kind, and the durable outbox with its delivery job.</summary>
internal sealed class Startup : ModuleStartup
{
    public override string DisplayName => "通知（短信、邮件、模板、发送队列）";

    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<IModelConfiguration, NotificationModel>();
        services.AddSingleton<DataMigration, Migrations>();
        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddSingleton<IAdminMenu, AdminMenu>();
        services.AddScoped<IRecipeStepHandler, NotificationTemplatesStep>();
        services.AddSingleton<ITenantJob, OutboxJob>();

        services.AddHttpClient(Http.ClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<TemplateEngine>();
        services.AddScoped<SecretProtector>();
        services.AddScoped<NotificationOutbox>();
        services.AddScoped<OutboxDelivery>();
        services.AddScoped<EmailSender>();
        services.AddScoped<ISmsProvider, OutboxSmsProvider>();
        services.AddScoped<ISmsProvider, HttpGatewaySmsProvider>();
        services.AddScoped<ISmsProvider, AliyunSmsProvider>();
    }
}

public sealed class Permissions : IPermissionProvider
{
    public static readonly Permission ManageNotifications = new("ManageNotifications", "管理短信与邮件设置、通知模板，重发失败的消息", "通知");
    public static readonly Permission ViewNotifications = new("ViewNotifications", "查看短信与邮件发送记录", "通知", ManageNotifications);

    public IEnumerable<Permission> GetPermissions() => [ManageNotifications, ViewNotifications];
}

internal sealed class AdminMenu : IAdminMenu
{
    public IEnumerable<AdminMenuItem> Items() =>
    [
        new("通知", "发送记录", "/admin/notifications", Permissions.ViewNotifications, 700),
        new("通知", "通知模板", "/admin/notifications/templates", Permissions.ManageNotifications, 710),
        new("通知", "短信设置", "/admin/notifications/sms", Permissions.ManageNotifications, 720),
        new("通知", "邮件设置", "/admin/notifications/email", Permissions.ManageNotifications, 730),
    ];
}
