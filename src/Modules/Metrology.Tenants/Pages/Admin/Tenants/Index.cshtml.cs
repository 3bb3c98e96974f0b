using Metrology.Core.Admin;
using Metrology.Core.Security;
using Metrology.Core.Tenants;
using Microsoft.AspNetCore.Mvc;

namespace Metrology.Tenants.Pages.Admin.Tenants;

[Permission("ManageTenants")]
public sealed class IndexModel(TenantRegistry registry, TenantManager manager, HostAudit audit) : HostPageModel
{
    [BindProperty(SupportsGet = true)] public TenantState? State { get; set; }
    [BindProperty] public List<string> Selected { get; set; } = [];

    public IReadOnlyList<TenantSettings> Tenants { get; private set; } = [];

    public void OnGet() =>
        Tenants = registry.All.Where(t => !t.IsDefault && (State is null || t.State == State)).OrderBy(t => t.Name).ToList();

    public Task<IActionResult> OnPostEnableAsync() => ChangeAsync("启用", manager.EnableAsync);

    public Task<IActionResult> OnPostDisableAsync() => ChangeAsync("停用", manager.DisableAsync);

    private async Task<IActionResult> ChangeAsync(string action, Func<string, CancellationToken, Task> change)
    {
        if (Selected.Count == 0)
        {
            TempData.Error("请先勾选租户。");
            return RedirectToPage(new { State });
        }
        var failed = new List<string>();
        foreach (var name in Selected.Distinct())
        {
            try
            {
                await change(name, HttpContext.RequestAborted);
                await audit.LogAsync(UserName, action, name, true);
            }
            catch (TenantValidationException e)
            {
                failed.Add($"{name}：{e.Message}");
                await audit.LogAsync(UserName, action, name, false, e.Message);
            }
        }
        if (failed.Count > 0) TempData.Error($"部分租户未能{action}：" + string.Join("；", failed));
        else TempData.Success($"已{action} {Selected.Count} 个租户。");
        return RedirectToPage(new { State });
    }
}
