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
}
