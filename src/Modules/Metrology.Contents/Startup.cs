using Metrology.Core.Admin;
using Metrology.Core.Modules;
using Metrology.Core.Recipes;
using Metrology.Core.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Contents;

/// <summary>Content types defined in the admin, items with versions, and their pages on the portal.</summary>
internal sealed class Startup : ModuleStartup
{
    public override string DisplayName => "内容管理";

    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddSingleton<IAdminMenu, AdminMenu>();
        services.AddScoped<IPortalLinks, PageLinks>();
        services.AddScoped<IRecipeStepHandler, Recipes.ContentDefinitionStep>();
        services.AddScoped<IRecipeStepHandler, Recipes.ContentStep>();
    }
}

public sealed class Permissions : IPermissionProvider
{
    public static readonly Permission ManageContentTypes = new("ManageContentTypes", "定义内容类型和字段", "内容管理");
    public static readonly Permission PublishContent = new("PublishContent", "发布、取消发布内容", "内容管理");
    public static readonly Permission DeleteContent = new("DeleteContent", "删除内容", "内容管理");
    public static readonly Permission EditContent = new("EditContent", "编辑内容（保存草稿）", "内容管理", PublishContent, DeleteContent);

    public IEnumerable<Permission> GetPermissions() => [EditContent, PublishContent, DeleteContent, ManageContentTypes];
}

internal sealed class AdminMenu : IAdminMenu
{
    public IEnumerable<AdminMenuItem> Items() =>
    [
        new("内容", "内容", "/admin/contents", Permissions.EditContent, 200),
        new("内容", "内容类型", "/admin/content-types", Permissions.ManageContentTypes, 210),
    ];
}
