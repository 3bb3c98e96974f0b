using Metrology.Core.Security;
using Metrology.Core.Settings;
using Metrology.Notifications.Templates;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Metrology.Notifications.Pages.Admin.Notifications.Templates;

[Permission("ManageNotifications")]
public sealed class IndexModel(DocumentStore documents) : PageModel
{
    public NotificationTemplates Templates { get; private set; } = new();

    public async Task OnGetAsync(CancellationToken ct) => Templates = await documents.GetAsync<NotificationTemplates>(ct);
}
