using Metrology.Core.Security;

namespace Metrology.Enterprises;

public sealed class Permissions : IPermissionProvider
{
    public static readonly Permission ManageEnterprises = new("ManageEnterprises", "管理企业用户（审核、停用）", "企业用户");
    public static readonly Permission ViewEnterprises = new("ViewEnterprises", "查看企业用户", "企业用户", ManageEnterprises);

    public IEnumerable<Permission> GetPermissions() => [ViewEnterprises, ManageEnterprises];
}
