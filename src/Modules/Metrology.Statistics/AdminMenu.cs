using Metrology.Core.Admin;

namespace Metrology.Statistics;

internal sealed class AdminMenu : IAdminMenu
{
    public IEnumerable<AdminMenuItem> Items() => [new("统计", "业务统计", "/admin/statistics", Permissions.ViewStatistics, 800)];
}
