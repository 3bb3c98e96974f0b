using System.Security.Claims;
using Metrology.Core.Admin;
using Metrology.Core.Data;
using Metrology.Workflows.Models;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Workflows.Pages.Admin.Messages;

/// <summary>The signed-in user's own messages from workflows (any back-office user has an inbox).</summary>
public sealed class IndexModel(TenantDbContext db, TimeProvider clock) : PageModel
{
    private const int PageSize = 30;

    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<WorkflowMessage> Items { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var mine = db.Set<WorkflowMessage>().AsNoTracking().Where(m => m.UserId == UserId);
        Pager = new Pager(PageNumber, PageSize, await mine.CountAsync(ct), p => Url.Page("Index", new { p })!);
        Items = await mine.OrderByDescending(m => m.Id).Skip(Pager.Skip).Take(PageSize).ToListAsync(ct);
    }

    /// <summary>Marks one message read and opens its link, if it has one.</summary>
    public async Task<IActionResult> OnPostReadAsync(int id, CancellationToken ct)
    {
        var message = await db.Set<WorkflowMessage>().FirstOrDefaultAsync(m => m.Id == id && m.UserId == UserId, ct);
        if (message is null) return NotFound();
        message.ReadUtc ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return message.Url is { } url ? Redirect(Url.Content("~" + url)) : RedirectToPage();
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Set<WorkflowMessage>().Where(m => m.UserId == UserId && m.ReadUtc == null).ExecuteUpdateAsync(s => s.SetProperty(m => m.ReadUtc, now), ct);
        TempData.Success("已全部标为已读。");
        return RedirectToPage();
    }
}
