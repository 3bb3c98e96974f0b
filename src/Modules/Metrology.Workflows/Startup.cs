using Metrology.Core.Admin;
using Metrology.Core.Content;
using Metrology.Core.Data;
using Metrology.Core.Jobs;
using Metrology.Core.Modules;
using Metrology.Core.Recipes;
using Metrology.Core.Security;
using Metrology.Core.Workflows;
using Metrology.Workflows.Activities;
using Metrology.Workflows.Engine;
using Metrology.Workflows.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Workflows;

/// <summary>Workflow types designed in the admin, run by events (content, domain, user tasks, timers, signals).</summary>
internal sealed class Startup : ModuleStartup
{
    public override string DisplayName => "工作流";

    public override IReadOnlyList<string> Dependencies => ["Metrology.Contents"];

    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddSingleton<IAdminMenu, AdminMenu>();
        services.AddSingleton<DataMigration, Migrations>();
        services.AddSingleton<IModelConfiguration, WorkflowModel>();
        services.AddScoped<IRecipeStepHandler, Recipes.WorkflowTypeStep>();
        services.AddScoped<IContentHandler, Handlers.ContentEvents>();
        services.AddScoped<IContentEditorPanel, Pages.Shared.UserTaskPanel>();
        services.AddScoped<IAdminTopbarItem, Pages.Shared.InboxTopbarItem>();
        services.AddSingleton<ITenantJob, TimerJob>();
        services.AddSingleton<ITenantJob, RetentionJob>();

        services.AddSingleton<WorkflowTemplates>();
        services.AddScoped<WorkflowManager>();
        services.AddScoped<IWorkflowEvents>(sp => sp.GetRequiredService<WorkflowManager>());
        services.AddScoped<WorkflowRunner>();
        services.AddScoped<WorkflowActivities>();
        services.AddScoped<WorkflowValidator>();
        services.AddScoped<DesignerCatalog>();
        services.AddScoped<WorkflowDryRun>();
        services.AddScoped<WorkflowMigration>();
        services.AddScoped<WorkflowTypeService>();
        services.AddScoped<WorkflowTimers>();
        services.AddScoped<WorkflowRetention>();
        services.AddScoped<SignalTokens>();
        services.AddScoped<UserTasks>();

        services.AddWorkflowActivity<ContentCreatedEvent>();
        services.AddWorkflowActivity<ContentUpdatedEvent>();
        services.AddWorkflowActivity<ContentPublishedEvent>();
        services.AddWorkflowActivity<ContentUnpublishedEvent>();
        services.AddWorkflowActivity<ContentRemovedEvent>();
        services.AddWorkflowActivity<DomainEvent>();
        services.AddWorkflowActivity<UserTask>();
        services.AddWorkflowActivity<TimerEvent>();
        services.AddWorkflowActivity<SignalEvent>();
        services.AddWorkflowActivity<IfElseTask>();
        services.AddWorkflowActivity<SetPropertyTask>();
        services.AddWorkflowActivity<LogTask>();
        services.AddWorkflowActivity<NotifyRoleTask>();
        services.AddWorkflowActivity<RaiseEventTask>();
        services.AddWorkflowActivity<FinishTask>();
        services.AddWorkflowEventName("WorkflowTest", "测试事件", "流程控制", "在流程列表页手动触发，用于试用流程。");
    }
}

public static class WorkflowServiceCollectionExtensions
{
    /// <summary>Adds an activity kind; it is offered and run in tenants where the registering feature is enabled.</summary>
    public static IServiceCollection AddWorkflowActivity<T>(this IServiceCollection services) where T : WorkflowActivity =>
        services.AddScoped<WorkflowActivity, T>();
}
