using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;

namespace Metrology.Workflows.Activities;

public sealed class UserTaskSettings
{
    [Required, Display(Name = "操作（每行一个，如：通过、退回）")]
    public List<string> Actions { get; set; } = [];

    [Required, Options(OptionsAttribute.Roles), Display(Name = "可操作的角色")]
    public List<string> Roles { get; set; } = [];

    [Display(Name = "说明")]
    public string? Description { get; set; }
}

/// <summary>
/// Waits for a person: the actions appear as buttons on the item's admin page (correlation id = item id)
/// for users in the roles; the chosen action is the outcome, the comment goes to the log.
/// </summary>
public sealed class UserTask : WorkflowEvent<UserTaskSettings>
{
    public const string Event = "$UserTask";

    public override string Name => "UserTask";
    public override string DisplayName => "人工任务";
    public override string Description => "等待有权限的人员在后台选择一个处理结果（如通过、退回）。";

    public override bool CanStart => false;

    public override string EventName(UserTaskSettings settings) => Event;

    protected override IReadOnlyList<Outcome> Outcomes(UserTaskSettings settings) =>
        settings.Actions.Select(a => new Outcome(a, a)).ToList();

    public override bool Matches(UserTaskSettings settings, JsonObject input) =>
        settings.Actions.Contains(input["Action"]?.GetValue<string>() ?? "");

    protected override Task<ActivityResult> ResumeAsync(ActivityContext context, UserTaskSettings settings)
    {
        var action = context.Input["Action"]?.GetValue<string>() ?? "";
        var comment = context.Input["Comment"]?.GetValue<string>();
        context.Message = string.IsNullOrWhiteSpace(comment) ? null : "意见：" + comment;
        return Task.FromResult(ActivityResult.Done(action));
    }
}
