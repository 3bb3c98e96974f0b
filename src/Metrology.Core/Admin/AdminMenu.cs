using System.Security.Claims;
using Metrology.Core.Security;
using Metrology.Core.Tenants;

namespace Metrology.Core.Admin;

/// <summary>An entry of the back office's side menu. <see cref="Url"/> is relative to the tenant ("/admin/users").</summary>
public sealed record AdminMenuItem(string Group, string Text, string Url, Permission Permission, int Position = 0);

/// <summary>A feature's entries in the back office's side menu.</summary>
public interface IAdminMenu
{
    IEnumerable<AdminMenuItem> Items();
}

/// <summary>
/// Something a feature shows in the back office's top bar (an inbox with its unread count): the view
/// component named <see cref="ViewComponent"/>. Shown only where the feature is enabled.
/// </summary>
public interface IAdminTopbarItem
{
    string ViewComponent { get; }
}

public sealed record AdminMenuGroup(string Name, IReadOnlyList<AdminMenuItem> Items);

/// <summary>The side menu for the current user: enabled features only, items the user may open only.</summary>
public sealed class AdminMenuService(IEnumerable<IAdminMenu> menus, FeatureFilter features, PermissionService permissions)
{
    public async Task<IReadOnlyList<AdminMenuGroup>> BuildAsync(ClaimsPrincipal user)
    {
        var visible = new List<AdminMenuItem>();
        foreach (var item in features.Enabled(menus).SelectMany(m => m.Items()))
        {
            if (await permissions.HasAsync(user, item.Permission)) visible.Add(item);
        }
        return visible
            .GroupBy(i => i.Group)
            .Select(g => new AdminMenuGroup(g.Key, g.OrderBy(i => i.Position).ToList()))
            .OrderBy(g => g.Items.Min(i => i.Position))
            .ToList();
    }
}
