using System.ComponentModel.DataAnnotations;
using Metrology.Core.Recipes;
using Metrology.Core.Setup;
using Metrology.Core.Tenants;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Npgsql;

namespace Metrology.Setup.Pages;

/// <summary>Sets up the Default (host) tenant: site name, database, recipe and first administrator.</summary>
[AllowAnonymous]
public sealed class SetupModel(TenantRegistry registry, TenantSetup setup, RecipeHarvester recipes, TenantContext tenant) : PageModel
{
    [BindProperty] public SetupInput Input { get; set; } = new();

    public IReadOnlyList<RecipeDescriptor> Recipes { get; private set; } = [];

    public string? Error { get; private set; }

    public IActionResult OnGet()
    {
        if (!Available) return NotFound();
        Recipes = recipes.All().Where(r => r.IsSetupRecipe).ToList();
        Input.Recipe = Recipes.FirstOrDefault()?.Name ?? "";
        Input.Provider = registry.Default.DatabaseProvider;
        Error = registry.Default.SetupError;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!Available) return NotFound();
        Recipes = recipes.All().Where(r => r.IsSetupRecipe).ToList();
        if (Recipes.All(r => r.Name != Input.Recipe)) ModelState.AddModelError("Input.Recipe", "请选择配方");
        if (Input.Provider == DatabaseProvider.Postgres)
        {
            // Left empty: the connection string of the configuration (never shown on this public page).
            if (string.IsNullOrWhiteSpace(Input.ConnectionString)) Input.ConnectionString = registry.Default.ConnectionString;
            if (string.IsNullOrWhiteSpace(Input.ConnectionString)) ModelState.AddModelError("Input.ConnectionString", "请填写 PostgreSQL 连接字符串");
            else if (await TryConnectAsync(Input.ConnectionString, ct) is { } problem) ModelState.AddModelError("Input.ConnectionString", problem);
        }
        var password = Input.Password ?? "";
        if (SetupAccountInput.PasswordProblem(password) is { } weak) ModelState.AddModelError("Input.Password", weak);
        if (!ModelState.IsValid) return Page();

        await registry.UseDefaultDatabaseAsync(Input.Provider, Input.Provider == DatabaseProvider.Postgres ? Input.ConnectionString : null, ct);
        var result = await setup.SetupAsync(registry.Default,
            new SetupRequest(Input.SiteName.Trim(), Input.Recipe, Input.AdminUserName.Trim(), Input.AdminEmail.Trim(), password), ct: ct);
        if (!result.Succeeded)
        {
            Error = result.Error;
            return Page();
        }
        return Redirect(Url.Content("~/login?ReturnUrl=") + Uri.EscapeDataString(Url.Content("~/admin")));
    }

    private bool Available => tenant.Tenant.IsDefault && registry.Default.State == TenantState.Uninitialized;

    private static async Task<string?> TryConnectAsync(string connectionString, CancellationToken ct)
    {
        try
        {
            await using var conn = new NpgsqlConnection(connectionString);
            await conn.OpenAsync(ct);
            return null;
        }
        catch (Exception e) when (e is NpgsqlException or ArgumentException or InvalidOperationException)
        {
            return "无法连接数据库：" + e.Message;
        }
    }

    public sealed class SetupInput : SetupAccountInput
    {
        [Display(Name = "配方")]
        public string Recipe { get; set; } = "";

        [Display(Name = "数据库")]
        public DatabaseProvider Provider { get; set; }

        [Display(Name = "连接字符串")]
        public string? ConnectionString { get; set; }

        [Required(ErrorMessage = "请输入密码")]
        [DataType(DataType.Password)]
        [Display(Name = "密码")]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "请再次输入密码")]
        [Compare(nameof(Password), ErrorMessage = "两次输入的密码不一致")]
        [DataType(DataType.Password)]
        [Display(Name = "确认密码")]
        public string ConfirmPassword { get; set; } = "";
    }
}
