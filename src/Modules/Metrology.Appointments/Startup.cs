using Metrology.Core.Admin;
using Metrology.Core.Content;
using Metrology.Core.Data;
using Metrology.Core.Instruments;
using Metrology.Core.Modules;
using Metrology.Core.Recipes;
using Metrology.Core.Security;
using Metrology.Core.Workflows;
using Metrology.Core.Workspaces;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Metrology.Appointments;

/// <summary>约检 / 量值溯源: enterprises book their filed instruments for verification; the institution confirms; slips are printed.</summary>
internal sealed class Startup : ModuleStartup
{
    public override string DisplayName => "约检（量值溯源）";

    public override IReadOnlyList<string> Dependencies => ["Metrology.Instruments"];

    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<Metrology.Core.Tenants.ITenantStatistic>(new Metrology.Core.Tenants.TenantCount<Models.AppointmentIndex>("进行中的约检",
            a => a.State == AppointmentState.Submitted || a.State == AppointmentState.Confirmed || a.State == AppointmentState.Received));
        services.AddSingleton<IModelConfiguration, AppointmentModel>();
        services.AddSingleton<DataMigration, Migrations>();
        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddSingleton<IAdminMenu, AdminMenu>();
        services.AddScoped<IPortalLinks, PortalLinks>();
        services.AddScoped<IContentHandler, AppointmentIndexHandler>();
        services.AddScoped<IInstrumentSelectionAction, BookSelectedInstruments>();
        services.AddScoped<IEnterpriseWorkspaceContributor, EnterpriseWorkspace>();
        services.AddScoped<IStaffWorkspaceContributor, StaffWorkspace>();
        services.AddScoped<IInstrumentHistorySource, AppointmentHistory>();
        services.AddScoped<IRecipeStepHandler, Recipes.AppointmentSettingsStep>();
        services.AddScoped<IRecipeStepHandler, Recipes.AppointmentsStep>();
        services.AddScoped<AppointmentService>();
        services.AddScoped<AppointmentDesk>();
        services.AddScoped<IAppointmentRecords, AppointmentRecords>();
        services.AddScoped<IBookingWindowSource, AppointmentWindow>();
        services.AddScoped<AppointmentDocuments>();
        services.TryAddSingleton<Metrology.Documents.PdfRenderer>();
        services.AddWorkflowEventName(AppointmentEvents.Submitted, "约检已提交（待确认）", "约检", "企业提交约检（预约送检或现场检定）后发生，等待检定机构确认。", AppointmentEvents.Fields);
        services.AddWorkflowEventName(AppointmentEvents.Confirmed, "约检已确认", "约检", "检定机构确认约检（或自助送检生成编号）后发生。", AppointmentEvents.Fields);
        services.AddWorkflowEventName(AppointmentEvents.Declined, "约检未被确认", "约检", "检定机构未确认约检并说明原因后发生。", AppointmentEvents.Fields);
        services.AddWorkflowEventName(AppointmentEvents.Cancelled, "约检已取消", "约检", "企业在受理前取消约检后发生。", AppointmentEvents.Fields);
    }
}

/// <summary>"约检" on the library's selection (seed 000 §4.1 从设备库导入): the selected filed instruments go into an appointment.</summary>
internal sealed class BookSelectedInstruments : IInstrumentSelectionAction
{
    public string Label => "约检";
    public string Url => "/my/appointments/import";
    public int Order => 20;
}
