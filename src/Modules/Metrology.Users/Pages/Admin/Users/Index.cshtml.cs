using Metrology.Core.Admin;
using Metrology.Core.Data;
using Metrology.Core.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Users.Pages.Admin.Users;

[Permission("ManageUsers")]
public sealed class IndexModel(TenantDbContext db, TimeProvider clock) : PageModel
{
    private const int PageSize = 20;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Role { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<string> RoleNames { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;

    public sealed record Row(string Id, string? UserName, string? DisplayName, string? Email, string? Phone, bool IsEnabled, bool LockedOut, DateTime CreatedUtc, string Roles);

    public async Task OnGetAsync()
    {
        RoleNames = await db.Roles.OrderBy(r => r.Name).Select(r => r.Name!).ToListAsync();
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            query = query.Where(u => u.UserName!.Contains(q) || u.DisplayName!.Contains(q) || u.Email!.Contains(q) || u.PhoneNumber!.Contains(q));
        }
        if (!string.IsNullOrEmpty(Role))
        {
            query = query.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Role)));
        }
        var total = await query.CountAsync();
        Pager = new Pager(PageNumber, PageSize, total, p => Url.Page("Index", new { Q, Role, p })!);
        var now = clock.GetUtcNow();
        var users = await query.OrderBy(u => u.UserName).Skip(Pager.Skip).Take(PageSize)
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.Email, u.PhoneNumber, u.IsEnabled, u.LockoutEnd, u.LockedUntilReset, u.CreatedUtc })
            .ToListAsync();
        var ids = users.Select(u => u.Id).ToList();
        var roles = await db.UserRoles.Where(ur => ids.Contains(ur.UserId))
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync();
        Rows = users.Select(u => new Row(u.Id, u.UserName, u.DisplayName, u.Email, u.PhoneNumber, u.IsEnabled,
                u.LockedUntilReset || u.LockoutEnd > now, u.CreatedUtc,
                string.Join("、", roles.Where(r => r.UserId == u.Id).Select(r => StandardPermissions.RoleDisplayName(r.Name)))))
            .ToList();
    }
}
