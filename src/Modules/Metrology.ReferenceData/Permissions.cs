using Metrology.Core.Security;

namespace Metrology.ReferenceData;

public sealed class Permissions : IPermissionProvider
{
    public static readonly Permission ManageCatalog = new("ManageCatalog", "维护强检目录与行政区域", "基础数据");
    public static readonly Permission ManageInstitutions = new("ManageInstitutions", "维护所有检定机构、部门与人员分配", "基础数据");
    public static readonly Permission ManageOwnInstitution = new("ManageOwnInstitution", "维护本机构的部门与人员分配", "基础数据", ManageInstitutions);

    public IEnumerable<Permission> GetPermissions() => [ManageCatalog, ManageInstitutions, ManageOwnInstitution];
}
