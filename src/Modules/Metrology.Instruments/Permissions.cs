using Metrology.Core.Security;

namespace Metrology.Instruments;

public sealed class Permissions : IPermissionProvider
{
    public static readonly Permission ManageOwnInstruments = new("ManageOwnInstruments", "管理本企业的器具库（新增、导入、停用）", "器具库");
    public static readonly Permission ViewInstruments = new("ViewInstruments", "查看各企业在本机构备案的器具", "器具库");

    public IEnumerable<Permission> GetPermissions() => [ManageOwnInstruments, ViewInstruments];
}
