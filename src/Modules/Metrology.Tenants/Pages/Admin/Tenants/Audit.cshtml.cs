using Metrology.Core.Admin;
using Metrology.Core.Data;
using Metrology.Core.Security;
using Metrology.Core.Tenants;
using Microsoft.AspNetCore.Mvc;

namespace Metrology.Tenants.Pages.Admin.Tenants;

[Permission("ManageTenants")]
public sealed class AuditModel(HostAudit audit) : HostPageModel
{
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Tenant { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Models.HostAuditEntry> Entries { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        (Entries, var total) = await audit.PageAsync(Tenant, PageNumber, PageSize, ct);
        Pager = new Pager(PageNumber, PageSize, total, p => Url.Page("Audit", new { Tenant, p })!);
    }
}
