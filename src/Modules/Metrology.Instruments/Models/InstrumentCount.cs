namespace Metrology.Instruments.Models;

/// <summary>
/// How many index rows an enterprise has, in use (<see cref="Active"/>) or deactivated: kept by the database's triggers on
/// <see cref="InstrumentIndex"/> in the same transaction as the rows (<see cref="InstrumentCountSql"/>), whatever writes them
/// (the content handler, an import, a bulk deactivation). The whole library's count reads this row, not the rows (ADR 0025).
/// </summary>
public sealed class InstrumentCount
{
    public int EnterpriseId { get; set; }
    public bool Active { get; set; }
    public int Count { get; set; }
}
