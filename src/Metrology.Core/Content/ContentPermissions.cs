using Metrology.Core.Security;

namespace Metrology.Core.Content;

/// <summary>
/// The permissions of a securable content type. They come on top of the general content permissions:
/// an editor of a securable type needs both, so a type can be kept to some of the editors; its portal
/// pages are shown only to users who may view it.
/// </summary>
public static class ContentPermissions
{
    public static Permission Edit(ContentTypeDefinition t) => new($"EditContent_{t.Name}", $"编辑「{t.DisplayName}」", Category(t));

    public static Permission EditOwn(ContentTypeDefinition t) => new($"EditOwnContent_{t.Name}", $"编辑自己创建的「{t.DisplayName}」", Category(t), Edit(t));

    public static Permission Publish(ContentTypeDefinition t) => new($"PublishContent_{t.Name}", $"发布「{t.DisplayName}」", Category(t));

    public static Permission Delete(ContentTypeDefinition t) => new($"DeleteContent_{t.Name}", $"删除「{t.DisplayName}」", Category(t));

    public static Permission View(ContentTypeDefinition t) => new($"ViewContent_{t.Name}", $"在前台查看「{t.DisplayName}」", Category(t), Edit(t), EditOwn(t));

    public static IEnumerable<Permission> For(ContentTypeDefinition t) => [View(t), EditOwn(t), Edit(t), Publish(t), Delete(t)];

    private static string Category(ContentTypeDefinition t) => $"内容类型：{t.DisplayName}";
}
