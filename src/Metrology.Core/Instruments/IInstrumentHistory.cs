namespace Metrology.Core.Instruments;

/// <summary>
/// One step of an instrument's verification cycles (备案, 约检, 接收, 检定, 结论, 证书) as the library and the staff pages show
/// it, newest first. <c>Url</c> is tenant-relative and leads to where the step can be seen (an enterprise page or a staff
/// page, as asked); <c>Cycle</c> groups the steps of one cycle (the appointment's number, or null for filing).
/// </summary>
public sealed record InstrumentHistoryEntry(DateTime Utc, string Step, string Text, string? Cycle = null, string? Url = null);

/// <summary>A feature's part of an instrument's history (register as scoped; only the enabled features' sources run).</summary>
public interface IInstrumentHistorySource
{
    Task<IReadOnlyList<InstrumentHistoryEntry>> ForAsync(string instrumentId, bool forStaff, CancellationToken ct = default);
}
