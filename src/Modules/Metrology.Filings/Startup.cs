using Metrology.Core.Content;
using Metrology.Core.Data;
using Metrology.Core.Instruments;
using Metrology.Core.Modules;
using Metrology.Core.Recipes;
using Metrology.Core.Security;
using Metrology.Core.Admin;
using Metrology.Core.Workflows;
using Metrology.Core.Workspaces;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Metrology.Filings;

/// <summary>备案: enterprises file instruments with an institution, which reviews them instrument by instrument.</summary>
internal sealed class Startup : ModuleStartup
{
    public override string DisplayName => "强检备案";

    public override IReadOnlyList<string> Dependencies => ["Metrology.Instruments"];

    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<Metrology.Core.Tenants.ITenantStatistic>(new Metrology.Core.Tenants.TenantCount<Models.FilingIndex>("待审备案", f => f.State == Models.FilingState.Submitted));
        services.AddSingleton<IModelConfiguration, FilingModel>();
        services.AddSingleton<DataMigration, Migrations>();
        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddSingleton<IAdminMenu, AdminMenu>();
        services.AddScoped<IPortalLinks, PortalLinks>();
        services.AddScoped<IContentHandler, FilingIndexHandler>();
        services.AddScoped<IInstrumentSelectionAction, FileSelectedInstruments>();
        services.AddScoped<IRecipeStepHandler, Recipes.FilingsStep>();
        services.AddScoped<IEnterpriseWorkspaceContributor, Workspaces.EnterpriseWorkspace>();
        services.AddScoped<IStaffWorkspaceContributor, Workspaces.StaffWorkspace>();
        services.AddScoped<IInstrumentHistorySource, FilingHistory>();
        services.AddScoped<FilingService>();
        services.AddScoped<FilingReview>();
        services.AddScoped<FilingDocuments>();
        services.TryAddSingleton<Metrology.Documents.PdfRenderer>();
        services.AddScoped<IWorkflowSampleSource, FilingSamples>();
        services.AddWorkflowEventName(FilingEvents.Submitted, "强检备案申请已提交", "备案", "企业提交强检备案申请后发生。", FilingEvents.FilingFields);
        services.AddWorkflowEventName(FilingEvents.LineDecided, "备案器具已审核（逐台）", "备案", "检定机构对申请中的一台器具作出受理或驳回后发生。", FilingEvents.LineFields);
        services.AddWorkflowEventName(FilingEvents.Reviewed, "强检备案申请审核完毕", "备案", "申请中的器具全部审核完毕后发生。", FilingEvents.FilingFields);
    }
}

/// <summary>"强检申请" on the library's selection (seed 000 §3.4): the selected instruments go into a draft.</summary>
internal sealed class FileSelectedInstruments : IInstrumentSelectionAction
{
    public string Label => "强检申请";
    public string Url => "/my/filings/import";
    public int Order => 10;
}
