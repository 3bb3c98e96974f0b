using Metrology.Core.Content;
using Metrology.Excel;
using Metrology.Instruments.Import;
using Metrology.Instruments.Models;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Instruments;

/// <summary>How far an import got: rows read, then how many valid rows are being written (0 while reading).</summary>
public sealed record ImportProgress(int RowsRead, int Writing);

/// <summary>The library's Excel side: the tenant's sheet (template), import and export.</summary>
public sealed partial class InstrumentLibrary
{
    private const int Batch = 500;

    /// <summary>The sheet of this tenant: its extra fields, and the catalog and region codes (read once).</summary>
    internal async Task<InstrumentSheet> SheetAsync(CancellationToken ct = default)
    {
        var type = await DefinitionAsync(ct) ?? throw new InvalidOperationException("器具内容类型不存在。");
        return new InstrumentSheet(type.Fields, await reference.CatalogCodesAsync(ct), await reference.RegionCodesAsync(ct));
    }

    /// <summary>The import template as an .xlsx file: the tenant's columns with an example row, and the codes sheet.</summary>
    public async Task<byte[]> TemplateAsync(CancellationToken ct = default)
    {
        var sheet = await SheetAsync(ct);
        using var buffer = new MemoryStream();
        XlsxWriter.Write(buffer, sheet.Template());
        return buffer.ToArray();
    }

    /// <summary>
    /// Writes the enterprise's instruments that pass the filter to <paramref name="output"/> (readable and seekable,
    /// a file), in the template's layout so the file imports back.
    /// </summary>
    public async Task ExportAsync(int enterpriseId, InstrumentFilter filter, Stream output, CancellationToken ct = default)
    {
        var sheet = await SheetAsync(ct);
        XlsxWriter.Write(output, sheet.Export(ExportRows(enterpriseId, filter, sheet)));
    }

    /// <summary>
    /// Imports a workbook into the enterprise's library: every row is checked first (cells, codes that exist,
    /// the duplicate rule in the file and against the library), then all rows are created in one transaction,
    /// or none when there is a problem, unless <paramref name="importValidRows"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">The stream is not an .xlsx workbook.</exception>
    public async Task<ImportResult> ImportAsync(int enterpriseId, Stream workbook, bool importValidRows, string? userName,
        IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        var sheet = await SheetAsync(ct);
        var read = 0;
        var keys = await db.Set<InstrumentIndex>().AsNoTracking().Where(i => i.EnterpriseId == enterpriseId)
            .Select(i => i.IdentityKey).ToHashSetAsync(ct);
        var run = new InstrumentImport(sheet, keys, async batch => await db.Set<InstrumentIndex>().AsNoTracking()
            .Where(i => i.EnterpriseId == enterpriseId && batch.Contains(i.IdentityKey)).ToListAsync(ct));
        return await SheetImport.RunAsync(workbook, new SheetImport<InstrumentRow>
        {
            Columns = sheet.Columns,
            Parse = run.Parse,
            Skip = InstrumentSheet.IsExample,
            CrossCheck = (_, errors) => run.CrossCheckAsync(errors),
            Save = (rows, errors) =>
            {
                progress?.Report(new ImportProgress(read, rows.Count));
                return CreateAsync(enterpriseId, sheet, rows, errors, userName, ct);
            },
            ImportValidRows = importValidRows,
            Limits = limits,
            Progress = new RowsRead(n => progress?.Report(new ImportProgress(read = n, 0))),
        }, ct);
    }

    private sealed class RowsRead(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }

    private async Task CreateAsync(int enterpriseId, InstrumentSheet sheet, IReadOnlyList<(int Row, InstrumentRow Item)> rows, List<ImportError> errors,
        string? userName, CancellationToken ct)
    {
        var items = new List<ContentItem>(rows.Count);
        var parts = new Dictionary<string, InstrumentPart>(rows.Count);
        foreach (var (_, row) in rows)
        {
            var item = new ContentItem { ContentItemId = Guid.NewGuid().ToString("N"), ContentType = ContentType, Owner = userName };
            var part = row.Part with { EnterpriseId = enterpriseId, Mandatory = false, FilingStatus = FilingStatus.NotFiled, FilingInstitutionId = null, EverFiled = false, Active = true };
            part.WriteTo(item);
            foreach (var (name, value) in row.Fields) item.SetField(name, value);
            items.Add(item);
            parts[item.ContentItemId] = part;
        }
        try
        {
            foreach (var (index, field, message) in await imported.RunAsync(parts, () => contents.CreateManyAsync(items, userName, ct)))
                errors.Add(new ImportError(rows[index].Row, sheet.HeaderOf(field), message));
        }
        catch (DbUpdateException)
        {
            // Another import or save of the same instrument got in first: the unique index lets only one in.
            db.ChangeTracker.Clear();
            errors.Add(new ImportError(0, "器具", "导入期间有相同的器具被保存，未导入任何数据，请重新导入。"));
        }
    }

    /// <summary>
    /// The rows of an export of the filter, in its order: read in batches of ids from the index, each batch's
    /// items (for the fields the index does not hold) read together. Enumerated lazily, once.
    /// </summary>
    internal IEnumerable<IReadOnlyList<string?>> ExportRows(int enterpriseId, InstrumentFilter filter, InstrumentSheet sheet)
    {
        var query = Query(enterpriseId, filter).Select(i => i.ContentItemId);
        for (var skip = 0; ; skip += Batch)
        {
            var ids = query.Skip(skip).Take(Batch).ToList();
            if (ids.Count == 0) yield break;
            var items = db.Set<ContentItem>().AsNoTracking().Where(i => i.Latest && ids.Contains(i.ContentItemId)).ToDictionary(i => i.ContentItemId);
            foreach (var id in ids)
                if (items.TryGetValue(id, out var item)) yield return sheet.ToCells(InstrumentPart.Of(item), item);
            if (ids.Count < Batch) yield break;
        }
    }
}
