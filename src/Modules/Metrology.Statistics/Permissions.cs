using Metrology.Core.Security;

namespace Metrology.Statistics;

public sealed class Permissions : IPermissionProvider
{
    public static readonly Permission ViewStatistics = new("ViewStatistics", "查看本机构的业务统计并导出", "统计");

    public IEnumerable<Permission> GetPermissions() => [ViewStatistics];
}
