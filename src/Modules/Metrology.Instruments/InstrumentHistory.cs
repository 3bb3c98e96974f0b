using Metrology.Core.Instruments;
using Metrology.Core.Tenants;

namespace Metrology.Instruments;

/// <summary>An instrument's history from every enabled feature's <see cref="IInstrumentHistorySource"/> (备案, 约检, 接收, 检定, 结论, 有效期至), newest first.</summary>
public sealed class InstrumentHistory(IEnumerable<IInstrumentHistorySource> sources, FeatureFilter features)
{
    public async Task<IReadOnlyList<InstrumentHistoryEntry>> ForAsync(string instrumentId, bool forStaff, CancellationToken ct = default)
    {
        var all = new List<InstrumentHistoryEntry>();
        foreach (var source in features.Enabled(sources)) all.AddRange(await source.ForAsync(instrumentId, forStaff, ct));
        return all.OrderByDescending(e => e.Utc).ThenBy(e => e.Step).ToList();
    }
}
