using Metrology.Core.Admin;
using Metrology.Core.Data;
using Metrology.Core.Enterprises;
using Metrology.Core.Modules;
using Metrology.Core.Recipes;
using Metrology.Core.Security;
using Metrology.Core.Workflows;
using Metrology.Core.Workspaces;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Enterprises;

/// <summary>The enterprises that use instruments, and the account each signs in with.</summary>
internal sealed class Startup : ModuleStartup
{
    public override string DisplayName => "企业用户";

    public override IReadOnlyList<string> Dependencies => ["Metrology.Notifications"];

    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<Metrology.Core.Tenants.ITenantStatistic>(new Metrology.Core.Tenants.TenantCount<Models.Enterprise>("企业", e => e.Status == Models.EnterpriseStatus.Active));
        services.AddSingleton<IModelConfiguration, EnterpriseModel>();
        services.AddSingleton<DataMigration, Migrations>();
        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddSingleton<IAdminMenu, AdminMenu>();
        services.AddScoped<EnterpriseDirectory>();
        services.AddScoped<IEnterpriseDirectory>(sp => sp.GetRequiredService<EnterpriseDirectory>());
        services.AddScoped<IEnterpriseWorkspaceContributor, Workspaces.EnterpriseWorkspace>();
        services.AddScoped<IStaffWorkspaceContributor, Workspaces.StaffWorkspace>();
        services.AddScoped<IRecipeStepHandler, Recipes.EnterprisesStep>();
        services.AddScoped<IRecipeStepHandler, Recipes.RegistrationSettingsStep>();
        services.AddScoped<Registration>();
        services.AddSingleton<RegistrationThrottle>();
        services.AddScoped<ChangeRequests>();
        services.AddWorkflowEventName(ChangeRequests.SubmittedEvent, "资料变更申请已提交", "企业", "企业提交资料变更申请后发生。",
            new WorkflowEventField("Name", "企业名称", "肇庆市示例电子有限公司"), new WorkflowEventField("Kind", "变更内容", "联系人"), new WorkflowEventField("Url", "企业的后台链接", "/admin/enterprises/1"));
        services.AddWorkflowEventName(Registration.SubmittedEvent, "企业注册申请已提交", "企业", "企业在门户提交注册申请后发生。",
            new WorkflowEventField("Name", "企业名称", "肇庆市示例电子有限公司"), new WorkflowEventField("CreditCode", "统一社会信用代码", "91441200MA0000000X"),
            new WorkflowEventField("ContactName", "联系人", "张三"), new WorkflowEventField("ContactMobile", "联系人手机", "13800138000"),
            new WorkflowEventField("ReturnReason", "退回原因", "营业执照未加盖公章"), new WorkflowEventField("Url", "企业的后台链接", "/admin/enterprises/1"));
        services.AddWorkflowEventName(Registration.ApprovedEvent, "企业注册已审核通过", "企业", "后台审核通过企业注册后发生。",
            new WorkflowEventField("Name", "企业名称", "肇庆市示例电子有限公司"), new WorkflowEventField("CreditCode", "统一社会信用代码", "91441200MA0000000X"),
            new WorkflowEventField("ContactName", "联系人", "张三"), new WorkflowEventField("ContactMobile", "联系人手机", "13800138000"),
            new WorkflowEventField("ReturnReason", "退回原因", "营业执照未加盖公章"), new WorkflowEventField("Url", "企业的后台链接", "/admin/enterprises/1"));
        services.AddWorkflowEventName(Registration.ReturnedEvent, "企业注册已退回", "企业", "后台退回企业注册申请后发生。",
            new WorkflowEventField("Name", "企业名称", "肇庆市示例电子有限公司"), new WorkflowEventField("CreditCode", "统一社会信用代码", "91441200MA0000000X"),
            new WorkflowEventField("ContactName", "联系人", "张三"), new WorkflowEventField("ContactMobile", "联系人手机", "13800138000"),
            new WorkflowEventField("ReturnReason", "退回原因", "营业执照未加盖公章"), new WorkflowEventField("Url", "企业的后台链接", "/admin/enterprises/1"));
        services.AddScoped<IPortalLinks, PortalLinks>();
    }
}

internal sealed class PortalLinks(IHttpContextAccessor http, IEnterpriseDirectory current) : IPortalLinks
{
    /// <summary>"企业注册" for visitors; the workspace and profile for an enterprise's account; nothing for staff.</summary>
    public async Task<IEnumerable<PortalLink>> LinksAsync()
    {
        if (http.HttpContext?.User is not { } user || user.Identity?.IsAuthenticated != true) return [new PortalLink("企业注册", "/register", 800)];
        return await current.CurrentAsync(user) is null ? [] : [new PortalLink("我的工作台", "/my", 4), new PortalLink("单位资料", "/my/profile", 6), new PortalLink("资料变更", "/my/change", 7)];
    }
}
