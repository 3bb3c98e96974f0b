using Metrology.Core.Admin;
using Metrology.Core.Data;
using Metrology.Core.Jobs;
using Metrology.Core.Modules;
using Metrology.Core.Recipes;
using Metrology.Core.Security;
using Metrology.Core.Workflows;
using Metrology.Core.Workspaces;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Reminders;

/// <summary>到期提醒与逾期跟进: reminders before and after valid-until, the enterprise's due list, the staff's overdue follow-up.</summary>
internal sealed class Startup : ModuleStartup
{
    public override string DisplayName => "到期提醒与逾期跟进";

    public override IReadOnlyList<string> Dependencies => ["Metrology.Appointments", "Metrology.Notifications"];

    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<IModelConfiguration, ReminderModel>();
        services.AddSingleton<DataMigration, Migrations>();
        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddSingleton<IAdminMenu, AdminMenu>();
        services.AddSingleton<ITenantJob, ReminderJob>();
        services.AddScoped<IRecipeStepHandler, Recipes.ReminderSettingsStep>();
        services.AddScoped<IEnterpriseWorkspaceContributor, EnterpriseWorkspace>();
        services.AddScoped<IStaffWorkspaceContributor, StaffWorkspace>();
        services.AddScoped<ReminderService>();
        services.AddScoped<OverdueDesk>();
        services.AddWorkflowEventName(ReminderEvents.DueSoon, "强检器具到期提醒已发出", "定时",
            "到期提醒任务（或工作人员立即提醒）向企业发出检定有效期到期/逾期提醒后发生，每家企业一次。", ReminderEvents.Fields);
    }
}
