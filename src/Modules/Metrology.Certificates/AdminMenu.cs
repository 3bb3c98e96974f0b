using Metrology.Core.Admin;

namespace Metrology.Certificates;

internal sealed class AdminMenu : IAdminMenu
{
    public IEnumerable<AdminMenuItem> Items() =>
    [
        new("企业与器具", "检定证书", "/admin/certificates", Permissions.ManageCertificates, 310),
        new("企业与器具", "证书版式", "/admin/certificates/layout", Permissions.ManageCertificateLayout, 311),
    ];
}
