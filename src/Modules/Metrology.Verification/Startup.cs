using Metrology.Core.Admin;
using Metrology.Core.Data;
using Metrology.Core.Instruments;
using Metrology.Core.Jobs;
using Metrology.Core.Modules;
using Metrology.Core.Recipes;
using Metrology.Core.Security;
using Metrology.Core.Workflows;
using Metrology.Core.Workspaces;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Metrology.Verification;

/// <summary>收件、检定、核验、批准、取回: the counter receives filed and booked instruments, labs record results, three people sign off, fees and hand-back.</summary>
internal sealed class Startup : ModuleStartup
{
    public override string DisplayName => "接收与检定";

    public override IReadOnlyList<string> Dependencies => ["Metrology.Appointments"];

    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<IModelConfiguration, VerificationModel>();
        services.AddSingleton<DataMigration, Migrations>();
        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddSingleton<IAdminMenu, AdminMenu>();
        services.AddScoped<IPortalLinks, PortalLinks>();
        services.AddScoped<IEnterpriseWorkspaceContributor, EnterpriseWorkspace>();
        services.AddScoped<IStaffWorkspaceContributor, StaffWorkspace>();
        services.AddScoped<IInstrumentHistorySource, VerificationHistory>();
        services.AddScoped<IRecipeStepHandler, Recipes.VerificationSettingsStep>();
        services.AddScoped<IRecipeStepHandler, Recipes.VerificationStep>();
        services.AddSingleton<ITenantJob, DueWatchJob>();
        services.AddScoped<Reception>();
        services.AddScoped<SignOff>();
        services.AddScoped<Fees>();
        services.AddScoped<DueWatch>();
        services.AddScoped<VerificationResults>();
        services.AddScoped<IVerificationResults>(s => s.GetRequiredService<VerificationResults>());
        services.AddScoped<ReceiptDocument>();
        services.TryAddSingleton<Metrology.Documents.PdfRenderer>();
        const string group = "检定";
        services.AddWorkflowEventName(VerificationEvents.Received, "器具已接收", group, "检定机构接收登记一台器具后发生（每台一次）。", VerificationEvents.TaskFields);
        services.AddWorkflowEventName(VerificationEvents.Submitted, "检定已提交（待核验）", group, "检定员提交检定记录后发生。", VerificationEvents.TaskFields);
        services.AddWorkflowEventName(VerificationEvents.Returned, "检定结果被退回", group, "核验或批准人员退回检定记录并说明原因后发生。", VerificationEvents.TaskFields);
        services.AddWorkflowEventName(VerificationEvents.Approved, "检定结果已批准", group, "第三人批准检定结果后发生：合格出证书，不合格出检定结果通知书。", VerificationEvents.TaskFields);
        services.AddWorkflowEventName(VerificationEvents.ReadyForCollection, "器具可取回", group, "一份送检约检单接收的器具全部批准后发生。", VerificationEvents.AppointmentFields);
        services.AddWorkflowEventName(VerificationEvents.Collected, "器具已取回", group, "业务大厅登记用户取回一台器具后发生。", VerificationEvents.TaskFields);
        services.AddWorkflowEventName(VerificationEvents.FeeRecorded, "已登记费用", group, "在约检单上登记修理费或其他费用后发生。", VerificationEvents.AppointmentFields);
        services.AddWorkflowEventName(VerificationEvents.FeePaid, "费用已缴", group, "一笔费用标记为已缴后发生。", VerificationEvents.AppointmentFields);
        services.AddWorkflowEventName(VerificationEvents.DueSoon, "检定即将到期", "定时", "检定任务距规定完成日期不足设定的工作日时发生（每台一次，每小时检查）。", VerificationEvents.TaskFields);
        services.AddWorkflowEventName(VerificationEvents.Overdue, "检定已超期", "定时", "检定任务超过规定完成日期仍未批准时发生（每台一次，每小时检查）。", VerificationEvents.TaskFields);
    }
}
