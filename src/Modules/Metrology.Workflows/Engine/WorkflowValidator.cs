using System.Reflection;
using Metrology.Workflows.Activities;
using Metrology.Workflows.Models;

namespace Metrology.Workflows.Engine;

/// <summary>What must hold before a graph becomes a version; every message names the activity, in Chinese.</summary>
public sealed class WorkflowValidator(WorkflowActivities activities, WorkflowTemplates templates)
{
    public IReadOnlyList<string> Validate(WorkflowDefinition definition) => Problems(definition).Select(p => p.Message).ToList();

    /// <summary>The problems with the activity each is about (null for the graph as a whole), for the canvas to mark.</summary>
    public IReadOnlyList<(string? ActivityId, string Message)> Problems(WorkflowDefinition definition)
    {
        var errors = new ProblemList();
        if (definition.Activities.Count == 0)
        {
            errors.Add("流程中还没有活动。");
            return errors;
        }
        if (!definition.Activities.Any(a => a.IsStart)) errors.Add("流程没有开始活动：请把一个事件标记为开始。");
        foreach (var a in definition.Activities)
        {
            errors.Current = a.Id;
            var name = $"活动「{Title(a)}」";
            if (activities.Find(a.Type) is not { } kind)
            {
                errors.Add($"{name}的类型「{a.Type}」不存在或其功能未启用。");
                continue;
            }
            if (a.IsStart && !kind.CanStart) errors.Add($"{name}不能作为开始活动（只有事件可以）。");
            foreach (var problem in kind.Validate(a)) errors.Add($"{name}：{problem}。");
            var settings = kind.SettingsOf(a);
            foreach (var p in kind.SettingsType.GetProperties().Where(p => p.GetCustomAttribute<TemplateAttribute>() is not null))
                if (templates.Problem(p.GetValue(settings) as string) is { } problem)
                    errors.Add($"{name}的模板有误：{problem}");
            var outcomes = kind.OutcomesOf(a);
            foreach (var o in outcomes.Where(o => !definition.Transitions.Any(t => t.From == a.Id && t.Outcome == o.Name)))
                errors.Add($"{name}的结果「{o.DisplayName}」没有连接到下一个活动（流程在此结束时请连接到「结束」）。");
            foreach (var t in definition.Transitions.Where(t => t.From == a.Id && outcomes.All(o => o.Name != t.Outcome)))
                errors.Add($"{name}没有结果「{t.Outcome}」，请删除这条连线。");
        }
        errors.Current = null;
        foreach (var t in definition.Transitions.Where(t => definition.Find(t.From) is null || definition.Find(t.To) is null))
            errors.Add($"连线 {t.From} → {t.To} 指向不存在的活动。");
        var reached = Reachable(definition);
        foreach (var a in definition.Activities.Where(a => !reached.Contains(a.Id)))
            errors.Add(a.Id, $"活动「{Title(a)}」无法到达：它不是开始活动，也没有从开始活动连过来的连线。");
        return errors;
    }

    private static HashSet<string> Reachable(WorkflowDefinition definition)
    {
        var seen = new HashSet<string>();
        var queue = new Queue<string>(definition.Activities.Where(a => a.IsStart).Select(a => a.Id));
        while (queue.TryDequeue(out var id))
        {
            if (!seen.Add(id)) continue;
            foreach (var t in definition.Transitions.Where(t => t.From == id)) queue.Enqueue(t.To);
        }
        return seen;
    }

    private sealed class ProblemList : List<(string? ActivityId, string Message)>
    {
        public string? Current { get; set; }

        public void Add(string message) => Add((Current, message));

        public void Add(string? activityId, string message) => Add((activityId, message));
    }

    public string Title(ActivityRecord a) => string.IsNullOrWhiteSpace(a.Title) ? activities.Find(a.Type)?.TitleOf(a) ?? a.Type : a.Title;
}
