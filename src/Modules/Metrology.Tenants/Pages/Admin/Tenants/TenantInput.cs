using System.ComponentModel.DataAnnotations;
using Metrology.Core.Tenants;

namespace Metrology.Tenants.Pages.Admin.Tenants;

/// <summary>The tenant's own fields (create and edit).</summary>
public sealed class TenantInput
{
    [Required(ErrorMessage = "请输入租户名称")]
    [Display(Name = "名称")]
    public string Name { get; set; } = "";

    [StringLength(500, ErrorMessage = "说明不能超过 500 个字符")]
    [Display(Name = "说明")]
    public string? Description { get; set; }

    [Display(Name = "URL 前缀")]
    public string? RequestUrlPrefix { get; set; }

    [Display(Name = "主机名")]
    public string? RequestUrlHosts { get; set; }

    [Display(Name = "数据库")]
    public DatabaseProvider DatabaseProvider { get; set; }

    [Display(Name = "PostgreSQL 连接字符串")]
    public string? ConnectionString { get; set; }

    [RegularExpression("^[a-z_][a-z0-9_]{0,62}$", ErrorMessage = "schema 只能包含小写字母、数字和下划线，且不以数字开头")]
    [Display(Name = "Schema")]
    public string? Schema { get; set; }

    public List<string> Features { get; set; } = [];

    public static TenantInput From(TenantSettings t) => new()
    {
        Name = t.Name,
        Description = t.Description,
        RequestUrlPrefix = t.RequestUrlPrefix,
        RequestUrlHosts = t.RequestUrlHosts,
        DatabaseProvider = t.DatabaseProvider,
        ConnectionString = t.ConnectionString,
        Schema = t.Schema,
        Features = t.FeatureList.ToList(),
    };

    public TenantSettings ToSettings() => new()
    {
        Name = (Name ?? "").Trim(),
        Description = Description?.Trim(),
        RequestUrlPrefix = string.IsNullOrWhiteSpace(RequestUrlPrefix) ? null : RequestUrlPrefix.Trim().Trim('/'),
        RequestUrlHosts = string.IsNullOrWhiteSpace(RequestUrlHosts) ? null
            : string.Join(',', RequestUrlHosts.Split([',', '，', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)),
        DatabaseProvider = DatabaseProvider,
        ConnectionString = DatabaseProvider == DatabaseProvider.Postgres ? ConnectionString?.Trim() : null,
        Schema = DatabaseProvider == DatabaseProvider.Postgres && !string.IsNullOrWhiteSpace(Schema) ? Schema.Trim() : null,
        Features = string.Join(',', Features.Distinct()),
    };
}

/// <summary>What setting a tenant up asks for.</summary>
public sealed class SetupInput : Metrology.Core.Setup.SetupAccountInput
{
    [Display(Name = "配方")]
    public string Recipe { get; set; } = "";

    [Required(ErrorMessage = "请输入管理员密码")]
    [DataType(DataType.Password)]
    [Display(Name = "管理员密码")]
    public string AdminPassword { get; set; } = "";

    /// <summary>Field errors that need more than attributes.</summary>
    public IEnumerable<(string Field, string Message)> Check(IEnumerable<string> recipes)
    {
        if (!recipes.Contains(Recipe)) yield return ("Setup.Recipe", "请选择配方");
        if (PasswordProblem(AdminPassword) is { } problem) yield return ("Setup.AdminPassword", problem);
    }
}
