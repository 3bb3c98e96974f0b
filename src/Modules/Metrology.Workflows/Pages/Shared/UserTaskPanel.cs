using Metrology.Core.Content;
using Metrology.Workflows.Engine;
using Microsoft.AspNetCore.Mvc;

namespace Metrology.Workflows.Pages.Shared;

/// <summary>The workflow actions waiting on an item, below its editor, for users in the tasks' roles.</summary>
internal sealed class UserTaskPanel : IContentEditorPanel
{
    public string ViewComponent => "WorkflowUserTasks";
}

public sealed class WorkflowUserTasksViewComponent(UserTasks tasks) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(ContentItem item) =>
        View(await tasks.ForItemAsync(UserClaimsPrincipal, item.ContentItemId));
}
