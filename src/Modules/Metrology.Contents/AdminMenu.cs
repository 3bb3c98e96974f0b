using Metrology.Core.Admin;
using Metrology.Core.Security;

namespace Metrology.Contents;

internal sealed class AdminMenu : IAdminMenu
{
    public IEnumerable<AdminMenuItem> Items() =>
    [
        new("内容", "内容", "/admin/contents", Permissions.EditContent, 200),
        new("内容", "媒体库", "/admin/media", Permissions.ManageMedia, 205),
        new("内容", "内容类型", "/admin/content-types", Permissions.ManageContentTypes, 210),
    ];
}
