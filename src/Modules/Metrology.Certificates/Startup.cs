using Metrology.Core.Admin;
using Metrology.Core.Content;
using Metrology.Core.Data;
using Metrology.Core.Instruments;
using Metrology.Core.Modules;
using Metrology.Core.Security;
using Metrology.Core.Verification;
using Metrology.Core.Workflows;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Certificates;

/// <summary>检定证书: certificates and failure notices made on approval, their PDF, the public check page, release once fees are paid, revocation and correction.</summary>
internal sealed class Startup : ModuleStartup
{
    public override string DisplayName => "检定证书";

    public override IReadOnlyList<string> Dependencies => ["Metrology.Instruments", "Metrology.Notifications"];

    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<IModelConfiguration, CertificateModel>();
        services.AddSingleton<DataMigration, Migrations>();
        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddSingleton<IAdminMenu, AdminMenu>();
        services.AddSingleton<CheckThrottle>();
        services.AddScoped<IPortalLinks, PortalLinks>();
        services.AddScoped<Metrology.Core.Workspaces.IEnterpriseWorkspaceContributor, EnterpriseWorkspace>();
        services.AddSingleton<Metrology.Core.Tenants.ITenantStatistic, CertificatesThisPeriod>();
        services.AddScoped<IContentHandler, CertificateIndexHandler>();
        services.AddScoped<IInstrumentHistorySource, CertificateHistory>();
        services.AddScoped<IInstrumentSelectionAction, ResendSelected>();
        services.AddScoped<IVerificationResultHandler, VerificationResultHandler>();
        services.AddScoped<CertificateFiles>();
        services.AddScoped<CertificateMail>();
        services.AddScoped<CertificateIssuer>();
        services.AddScoped<CertificateDesk>();
        services.AddScoped<Metrology.Core.Recipes.IRecipeStepHandler, Recipes.CertificatesStep>();
        services.AddScoped<CertificateLibrary>();
        services.AddScoped<CertificateUpload>();
        services.AddScoped<ApiTokens>();
        services.AddOpenApi("v1", o => o.ShouldInclude = d => d.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true);
        services.AddWorkflowEventName(CertificateEvents.Issued, "证书已出具", "证书", "检定结果批准后出具检定证书（或检定结果通知书），无欠费时立即发放并发送电子邮件。", CertificateEvents.Fields);
        services.AddWorkflowEventName(CertificateEvents.Withheld, "证书待缴费", "证书", "证书已出具，但企业尚有费用未缴：缴费前不发放、不发送电子邮件。", CertificateEvents.Fields);
        services.AddWorkflowEventName(CertificateEvents.Released, "证书已发放（缴费后）", "证书", "企业缴清费用后，暂缓发放的证书立即发放并以电子邮件发送。", CertificateEvents.Fields);
        services.AddWorkflowEventName(CertificateEvents.Revoked, "证书已撤销", "证书", "检定机构撤销证书并说明原因后发生，核验页面显示撤销原因。", CertificateEvents.Fields);
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => CertificateApi.Map(endpoints);
}

/// <summary>"电子证书" on the library's selection (seed 000 §4.3): sends the latest certificate of each selected instrument again.</summary>
internal sealed class ResendSelected : IInstrumentSelectionAction
{
    public string Label => "电子证书";
    public string Url => "/my/certificates/resend";
    public int Order => 30;
}
