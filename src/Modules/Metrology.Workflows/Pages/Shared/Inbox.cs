using System.Security.Claims;
using Metrology.Core.Admin;
using Metrology.Core.Data;
using Metrology.Workflows.Models;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Workflows.Pages.Shared;

/// <summary>The inbox link with the unread count, in the back office's top bar.</summary>
internal sealed class InboxTopbarItem : IAdminTopbarItem
{
    public string ViewComponent => "WorkflowInbox";
}

public sealed class WorkflowInboxViewComponent(TenantDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var userId = UserClaimsPrincipal.FindFirstValue(ClaimTypes.NameIdentifier);
        var unread = userId is null ? 0 : await db.Set<WorkflowMessage>().CountAsync(m => m.UserId == userId && m.ReadUtc == null);
        return View(unread);
    }
}
