using Metrology.Core.Security;

namespace Metrology.Contents;

public sealed class Permissions : IPermissionProvider
{
    public static readonly Permission ManageContentTypes = new("ManageContentTypes", "定义内容类型和字段", "内容管理");
    public static readonly Permission ManageMedia = new("ManageMedia", "管理媒体库（上传、删除文件）", "内容管理");
    public static readonly Permission PublishContent = new("PublishContent", "发布、取消发布内容", "内容管理");
    public static readonly Permission DeleteContent = new("DeleteContent", "删除内容", "内容管理");
    public static readonly Permission EditContent = new("EditContent", "编辑内容（保存草稿）", "内容管理", PublishContent, DeleteContent);

    public IEnumerable<Permission> GetPermissions() => [EditContent, PublishContent, DeleteContent, ManageContentTypes, ManageMedia];
}
