using Metrology.Core.Security;

namespace Metrology.Workflows;

public sealed class Permissions : IPermissionProvider
{
    public static readonly Permission ManageWorkflows = new("ManageWorkflows", "设计和管理工作流", "工作流");
    public static readonly Permission ViewWorkflowInstances = new("ViewWorkflowInstances", "查看工作流实例", "工作流", ManageWorkflows);

    public IEnumerable<Permission> GetPermissions() => [ManageWorkflows, ViewWorkflowInstances];
}
