using Metrology.Core.Admin;
using Metrology.Core.Security;

namespace Metrology.Workflows;

internal sealed class AdminMenu : IAdminMenu
{
    public IEnumerable<AdminMenuItem> Items() =>
    [
        new("工作流", "工作流", "/admin/workflows", Permissions.ViewWorkflowInstances, 300),
        new("工作流", "站内消息", "/admin/messages", StandardPermissions.AccessAdminPanel, 310),
    ];
}
