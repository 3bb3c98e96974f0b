using Metrology.Excel;
using Metrology.Instruments.Models;

namespace Metrology.Instruments.Import;

/// <summary>
/// The state of one import of an enterprise's workbook: the duplicate rule inside the file (a row that repeats an
/// earlier one is told, naming it; the first stays valid, so "only valid rows" keeps it) and against the library (the enterprise's identity keys, loaded once; the existing
/// instruments are named in batches once the file is read).
/// </summary>
internal sealed class InstrumentImport(InstrumentSheet sheet, IReadOnlySet<string> libraryKeys, Func<IReadOnlyList<string>, Task<IReadOnlyList<InstrumentIndex>>> findTwins)
{
    private readonly Dictionary<string, int> _firstRowOf = [];
    private readonly List<(int Row, string Key)> _inLibrary = [];

    private string SerialHeader => sheet.HeaderOf(nameof(InstrumentPart.SerialNumber));

    public InstrumentRow Parse(XlsxRow row, List<ImportError> errors)
    {
        var parsed = sheet.Parse(row, errors);
        var p = parsed.Part;
        // Without the three required parts of the identity there is nothing to compare; the row already has its error.
        if (p.Name.Length == 0 || p.ModelSpec.Length == 0 || p.SerialNumber.Length == 0) return parsed;
        var key = InstrumentIdentity.KeyOf(p);
        if (_firstRowOf.TryGetValue(key, out var first))
            errors.Add(new ImportError(row.Number, SerialHeader, $"与第 {first} 行是同一台器具（器具名称、型号规格、出厂编号、自编号四者相同），只能保留一行。"));
        else
        {
            _firstRowOf[key] = row.Number;
            if (libraryKeys.Contains(key)) _inLibrary.Add((row.Number, key));
        }
        return parsed;
    }

    /// <summary>Rows that repeat an instrument of the library, each told which one.</summary>
    public async Task CrossCheckAsync(List<ImportError> errors)
    {
        foreach (var chunk in _inLibrary.Chunk(500))
        {
            var twins = (await findTwins(chunk.Select(c => c.Key).ToList())).ToDictionary(t => t.IdentityKey);
            foreach (var (row, key) in chunk)
                if (twins.TryGetValue(key, out var twin)) errors.Add(new ImportError(row, SerialHeader, InstrumentIndexHandler.DuplicateMessage(twin)));
        }
    }
}
