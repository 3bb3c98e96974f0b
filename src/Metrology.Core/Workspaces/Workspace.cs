namespace Metrology.Core.Workspaces;

/// <summary>A number on a workspace that leads to the list it counts ("未备案 3" → the library filtered so).</summary>
public sealed record WorkspaceCount(string Label, int Count, string Url, int Order, string? Hint = null);

/// <summary>Something the user should do next ("3 台器具未备案" → "去备案").</summary>
public sealed record WorkspaceTodo(string Text, string Url, string Action, int Order);

/// <summary>Something that happened to the user's business ("资料变更已通过"), newest shown first.</summary>
public sealed record WorkspaceMessage(string Text, DateTime Utc, string? Url = null);

/// <summary>
/// What a workspace page shows, filled by the contributors of the tenant's enabled features. URLs are
/// relative to the tenant ("/my/instruments"). The page sorts by <c>Order</c>.
/// </summary>
public sealed class Workspace
{
    public List<WorkspaceCount> Counts { get; } = [];
    public List<WorkspaceTodo> Todos { get; } = [];
    public List<WorkspaceMessage> Messages { get; } = [];

    /// <summary>How far along the process (<see cref="EnterpriseStages"/>) an enterprise is; the furthest a contributor reports wins.</summary>
    public int Stage { get; private set; }

    public void Count(string label, int count, string url, int order, string? hint = null) => Counts.Add(new(label, count, url, order, hint));

    /// <summary>Adds the to-do only when <paramref name="when"/> holds, so contributors need no if around each.</summary>
    public void Todo(bool when, string text, string url, string action, int order)
    {
        if (when) Todos.Add(new(text, url, action, order));
    }

    public void Reached(int stage) => Stage = Math.Max(Stage, stage);
}

/// <summary>The steps of mandatory verification as the enterprise workspace draws them (DOMAIN.md, "The process").</summary>
public static class EnterpriseStages
{
    public const int Registered = 1, Library = 2, Filed = 3, Booked = 4, Verified = 5, Certified = 6;

    public static readonly IReadOnlyList<(int Stage, string Name)> All =
        [(Registered, "企业注册"), (Library, "器具入库"), (Filed, "器具备案"), (Booked, "预约检定"), (Verified, "送检/现场检定"), (Certified, "领取证书")];
}
