using Metrology.Core.Admin;
using Metrology.Core.Security;
using Metrology.Core.Tenants;
using Microsoft.AspNetCore.Mvc;

namespace Metrology.Tenants.Pages.Admin.Tenants;

/// <summary>Removing a tenant deletes its database and files: only when it is not running, and only after its name is typed.</summary>
[Permission("ManageTenants")]
public sealed class RemoveModel(TenantRegistry registry, TenantManager manager, HostAudit audit) : HostPageModel
{
    [BindProperty] public string? Confirmation { get; set; }

    public TenantSettings Tenant { get; private set; } = null!;

    public IActionResult OnGet(string name)
    {
        var tenant = registry.Find(name);
        if (tenant is null || tenant.IsDefault) return NotFound();
        Tenant = tenant;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string name, CancellationToken ct)
    {
        var tenant = registry.Find(name);
        if (tenant is null || tenant.IsDefault) return NotFound();
        Tenant = tenant;
        if (!string.Equals(Confirmation?.Trim(), tenant.Name, StringComparison.Ordinal))
        {
            ModelState.AddModelError(nameof(Confirmation), $"输入的名称与租户名称 “{tenant.Name}” 不一致，未删除。");
            await audit.LogAsync(UserName, "删除", tenant.Name, false, "确认名称不一致", ct);
            return Page();
        }
        try
        {
            await manager.RemoveAsync(tenant.Name, ct);
        }
        catch (TenantValidationException e)
        {
            ModelState.AddModelError(nameof(Confirmation), e.Message);
            await audit.LogAsync(UserName, "删除", tenant.Name, false, e.Message, ct);
            return Page();
        }
        await audit.LogAsync(UserName, "删除", tenant.Name, true, "数据库与文件已删除", ct);
        TempData.Success($"租户 {tenant.Name} 及其数据已删除。");
        return RedirectToPage("Index");
    }
}
