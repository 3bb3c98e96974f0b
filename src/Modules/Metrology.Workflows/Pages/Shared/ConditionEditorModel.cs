using Metrology.Workflows.Engine;

namespace Metrology.Workflows.Pages.Shared;

/// <summary>The condition editor: rows of field, operator and value chosen from lists, groups of rows, and the condition read back in Chinese.</summary>
public sealed record ConditionEditorModel(string Name, string Label, Condition Condition, IReadOnlyList<DesignerField> Fields)
{
    public string Sentence => DesignerCatalog.Describe(Condition, Fields);

    /// <summary>The groups and one empty group to add.</summary>
    public IEnumerable<(ConditionRowsModel Rows, bool IsNew)> Groups =>
        Condition.Groups.Append(new Condition()).Select((g, i) => (new ConditionRowsModel($"{Name}.Groups[{i}]", g, Fields), i == Condition.Groups.Count));
}

/// <summary>One block of rows under a form prefix: its and/or, its clauses and two empty rows.</summary>
public sealed record ConditionRowsModel(string Prefix, Condition Condition, IReadOnlyList<DesignerField> Fields)
{
    public IEnumerable<Clause> Rows => Condition.Clauses.Append(new Clause()).Append(new Clause());

    public DesignerField? FieldOf(Clause c) => Fields.FirstOrDefault(f => string.Equals(f.Path, c.Path, StringComparison.OrdinalIgnoreCase));
}
