using Metrology.Core.Workflows;
using Metrology.Workflows.Activities;
using Metrology.Workflows.Models;

namespace Metrology.Workflows.Engine;

/// <summary>One entry of the designer's picker: an activity kind, or a declared domain event (kind DomainEvent + its name).</summary>
public sealed record PickerItem(string Kind, string? EventName, string Name, string Description, string Group);

/// <summary>A value of the workflow's data the designer offers for conditions and messages ("input.filing.usages" = 器具用途).</summary>
public sealed record DesignerField(string Path, string Label, string? Sample, IReadOnlyList<WorkflowFieldOption> Options);

/// <summary>
/// What the designer offers instead of typed identifiers: the picker (activity kinds and the enabled features'
/// domain events, grouped in Chinese) and the data fields of a graph's start events, with labels, samples and code lists.
/// </summary>
public sealed class DesignerCatalog(WorkflowActivities activities, IEnumerable<WorkflowEventName> events, IEnumerable<Metrology.Core.Notifications.NotificationTemplateKind> templateKinds, Metrology.Core.Tenants.FeatureFilter features)
{
    public static readonly string[] Groups = ["内容", "企业", "备案", "约检", "检定", "证书", "定时", "通知", "流程控制"];

    /// <summary>The domain events the tenant's enabled features declare.</summary>
    public IReadOnlyList<WorkflowEventName> Events { get; } = features.Enabled(events).GroupBy(e => e.Name).Select(g => g.First()).ToList();

    /// <summary>The notification template kinds, when the Notifications feature is enabled.</summary>
    public IReadOnlyList<Metrology.Core.Notifications.NotificationTemplateKind> TemplateKinds { get; } = features.Enabled(templateKinds).ToList();

    public WorkflowEventName? Event(string? name) => Events.FirstOrDefault(e => e.Name == name);

    public IReadOnlyList<PickerItem> Picker() =>
        activities.All.Where(a => a is not DomainEvent).Select(a => new PickerItem(a.Name, null, a.DisplayName, a.Description, a.Category))
            .Concat(activities.Find("DomainEvent") is null ? [] : Events.Where(e => !e.Name.StartsWith('$'))
                .Select(e => new PickerItem("DomainEvent", e.Name, e.DisplayName, e.Description ?? "业务事件。", e.Group ?? "流程控制")))
            .OrderBy(i => Order(i.Group)).ToList();

    private static int Order(string group) => Array.IndexOf(Groups, group) is var i and >= 0 ? i : Groups.Length;

    /// <summary>The data a graph's activities can read: its start events' payloads, then the properties it sets.</summary>
    public IReadOnlyList<DesignerField> Fields(WorkflowDefinition definition, IReadOnlyList<WorkflowFieldOption> contentTypes)
    {
        var fields = new List<DesignerField>();
        foreach (var a in definition.Activities.Where(a => a.IsStart))
        {
            if (activities.Find(a.Type) is not { } kind) continue;
            if (kind is DomainEvent && Event(kind.EventNameOf(a)) is { } declared)
                fields.AddRange(declared.DataFields.Select(f => new DesignerField("input." + f.Path, f.Label, f.Sample, f.Options ?? [])));
            else if (kind is ContentEvent)
                fields.AddRange([
                    new("input.ContentType", "内容类型", contentTypes.FirstOrDefault()?.Value, contentTypes),
                    new("input.DisplayText", "内容标题", "关于开展 2026 年强检工作的通知", []),
                    new("input.Owner", "创建者账号", "13800138000", []),
                ]);
        }
        foreach (var a in definition.Activities)
            if (activities.Find(a.Type) is SetPropertyTask set && set.SettingsOf(a) is SetPropertySettings { Name: { Length: > 0 } name })
                fields.Add(new("properties." + name, $"属性「{name}」", "…", []));
        return fields.GroupBy(f => f.Path).Select(g => g.First()).ToList();
    }

    /// <summary>The condition read back in Chinese: "器具用途 等于 医疗卫生 并且 驳回数 大于 0".</summary>
    public static string Describe(Condition condition, IReadOnlyList<DesignerField> fields)
    {
        var text = Phrase(condition, fields);
        return text.Length == 0 ? "还没有条件。" : $"当 {text} 时走“是”，否则走“否”。";
    }

    private static string Phrase(Condition condition, IReadOnlyList<DesignerField> fields)
    {
        var parts = condition.Clauses.Where(c => !string.IsNullOrWhiteSpace(c.Path)).Select(c =>
        {
            var field = fields.FirstOrDefault(f => string.Equals(f.Path, c.Path, StringComparison.OrdinalIgnoreCase));
            var op = Clause.Operators.TryGetValue(c.Operator, out var o) ? o : c.Operator;
            if (Clause.Unary(c.Operator)) return $"{field?.Label ?? c.Path} {op}";
            var value = field?.Options.FirstOrDefault(x => x.Value == c.Value)?.Label ?? c.Value ?? "";
            return $"{field?.Label ?? c.Path} {op} “{value}”";
        }).Concat(condition.Groups.Where(g => !g.IsEmpty).Select(g => $"（{Phrase(g, fields)}）")).ToList();
        return string.Join(condition.Combine == "or" ? " 或者 " : " 并且 ", parts);
    }
}
