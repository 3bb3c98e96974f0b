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
        services.AddScoped<INotificationSender>(sp => sp.GetRequiredService<NotificationOutbox>());
        foreach (var kind in Templates.NotificationKindCatalog.All) services.AddSingleton(new Metrology.Core.Notifications.NotificationTemplateKind(kind.Key, kind.Name));
        services.AddScoped<OutboxDelivery>();
        services.AddScoped<EmailSender>();
        services.AddScoped<ISmsProvider, OutboxSmsProvider>();
        services.AddScoped<ISmsProvider, HttpGatewaySmsProvider>();
        services.AddScoped<ISmsProvider, AliyunSmsProvider>();
    }
}
