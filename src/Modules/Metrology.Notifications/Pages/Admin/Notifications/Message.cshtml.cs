using Metrology.Core.Data;
using Metrology.Core.Security;
using Metrology.Notifications.Models;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Notifications.Pages.Admin.Notifications;

[Permission("ViewNotifications")]
public sealed class MessageModel(TenantDbContext db) : PageModel
{
    public NotificationMessage Message { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var message = await db.Set<NotificationMessage>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
        if (message is null) return NotFound();
        // Attachments are listed by name and size; their bytes stay in the database.
        message.Attachments = await db.Set<NotificationAttachment>().AsNoTracking().Where(a => a.MessageId == id)
            .Select(a => new NotificationAttachment { Id = a.Id, FileName = a.FileName, ContentType = a.ContentType, Content = Array.Empty<byte>() }).ToListAsync(ct);
        Message = message;
        return Page();
    }
}
