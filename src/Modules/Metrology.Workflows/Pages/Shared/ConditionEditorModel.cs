using Metrology.Workflows.Engine;

namespace Metrology.Workflows.Pages.Shared;

/// <summary>The condition editor: rows of field, operator and value chosen from lists, and the condition read back in Chinese.</summary>
public sealed record ConditionEditorModel(string Name, string Label, Condition Condition, IReadOnlyList<DesignerField> Fields)
{
    /// <summary>The condition's clauses and two empty rows to add more.</summary>
    public IEnumerable<Clause> Rows => Condition.Clauses.Append(new Clause()).Append(new Clause());

    public DesignerField? FieldOf(Clause c) => Fields.FirstOrDefault(f => string.Equals(f.Path, c.Path, StringComparison.OrdinalIgnoreCase));

    public string Sentence => DesignerCatalog.Describe(Condition, Fields);
}
