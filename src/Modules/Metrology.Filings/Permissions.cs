using Metrology.Core.Security;

namespace Metrology.Filings;

public sealed class Permissions : IPermissionProvider
{
    public static readonly Permission FileInstruments = new("FileInstruments", "为本企业的器具申请强检备案", "强检备案");
    public static readonly Permission ReviewFilings = new("ReviewFilings", "审核本机构收到的强检备案申请", "强检备案");

    public IEnumerable<Permission> GetPermissions() => [FileInstruments, ReviewFilings];
}
