using System.Text.Json.Nodes;
using Metrology.Workflows.Models;

namespace Metrology.Workflows.Engine;

/// <summary>What changed from one version of a workflow to the next, in Chinese, for the designer's version list.</summary>
public static class WorkflowVersionDiff
{
    /// <summary>One line per added, removed, renamed or re-configured activity, then the connections and the layout; empty when nothing changed.</summary>
    public static IReadOnlyList<string> Describe(WorkflowDefinition before, WorkflowDefinition after, Func<ActivityRecord, string> title)
    {
        var lines = new List<string>();
        foreach (var a in after.Activities.Where(a => before.Find(a.Id) is null)) lines.Add($"新增「{title(a)}」");
        foreach (var a in before.Activities.Where(a => after.Find(a.Id) is null)) lines.Add($"删除「{title(a)}」");
        var moved = false;
        foreach (var a in after.Activities)
        {
            if (before.Find(a.Id) is not { } b) continue;
            if (b.Title != a.Title) lines.Add($"「{title(b)}」改名为「{title(a)}」");
            if (b.Type != a.Type || !JsonNode.DeepEquals(b.Settings, a.Settings)) lines.Add($"修改「{title(a)}」的设置");
            if (b.IsStart != a.IsStart) lines.Add(a.IsStart ? $"「{title(a)}」设为开始活动" : $"「{title(a)}」不再是开始活动");
            moved |= b.X != a.X || b.Y != a.Y;
        }
        var added = after.Transitions.Except(before.Transitions).Count();
        var removed = before.Transitions.Except(after.Transitions).Count();
        if (added > 0 || removed > 0) lines.Add(removed == 0 ? $"新增 {added} 条连线" : added == 0 ? $"删除 {removed} 条连线" : $"新增 {added} 条、删除 {removed} 条连线");
        if (moved && lines.Count == 0) lines.Add("只调整了布局");
        return lines;
    }
}
