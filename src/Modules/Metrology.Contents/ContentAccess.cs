using System.Security.Claims;
using Metrology.Core.Content;
using Metrology.Core.Security;

namespace Metrology.Contents;

/// <summary>
/// Who may do what with items of a type: the general content permissions, and for a securable type its
/// own permissions on top (editing one's own items needs only "edit own").
/// </summary>
public sealed class ContentAccess(PermissionService permissions)
{
    public async Task<bool> MayEditAsync(ClaimsPrincipal user, ContentTypeDefinition type, ContentItem? item) =>
        await permissions.HasAsync(user, Permissions.EditContent)
        && (!type.Securable || await permissions.HasAsync(user, ContentPermissions.Edit(type))
            || ((item is null || item.Owner == user.Identity?.Name) && await permissions.HasAsync(user, ContentPermissions.EditOwn(type))));

    public async Task<bool> MayPublishAsync(ClaimsPrincipal user, ContentTypeDefinition type) =>
        await permissions.HasAsync(user, Permissions.PublishContent)
        && (!type.Securable || await permissions.HasAsync(user, ContentPermissions.Publish(type)));

    public async Task<bool> MayDeleteAsync(ClaimsPrincipal user, ContentTypeDefinition type) =>
        await permissions.HasAsync(user, Permissions.DeleteContent)
        && (!type.Securable || await permissions.HasAsync(user, ContentPermissions.Delete(type)));

    /// <summary>A securable type's pages are for the users who may view it; others are for everyone.</summary>
    public async Task<bool> MayViewAsync(ClaimsPrincipal user, ContentTypeDefinition type) =>
        !type.Securable || await permissions.HasAsync(user, ContentPermissions.View(type));

    /// <summary>
    /// The rule of the item pages applied to a list: of <paramref name="types"/>, those whose items the user may
    /// see (a securable type needs its own permission), and among them the types where only the user's own items
    /// are theirs ("edit own" only). A list must show nothing of a type left out.
    /// </summary>
    public async Task<ContentQuery> LimitAsync(ClaimsPrincipal user, IEnumerable<ContentTypeDefinition> types, ContentQuery query)
    {
        if (!await permissions.HasAsync(user, Permissions.EditContent)) return query with { ContentTypes = [NoType] };
        List<string> all = [], ownOnly = [];
        foreach (var type in types)
        {
            if (!type.Securable || await permissions.HasAsync(user, ContentPermissions.Edit(type))) all.Add(type.Name);
            else if (await permissions.HasAsync(user, ContentPermissions.EditOwn(type))) { all.Add(type.Name); ownOnly.Add(type.Name); }
        }
        return query with { ContentTypes = all.Count == 0 ? [NoType] : all, OwnOnlyTypes = ownOnly, OwnOnlyUser = user.Identity?.Name };
    }

    /// <summary>A type name no type has: an empty list of types would mean every type.</summary>
    private const string NoType = "\0none";
}
