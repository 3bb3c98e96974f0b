using Metrology.Core.Content;
using Metrology.Instruments.Models;
using Metrology.Core.Reference;
using Metrology.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Instruments;

/// <summary>
/// Checks an instrument on every save (its fields, catalog and region codes that exist, the duplicate rule)
/// and keeps <see cref="InstrumentIndex"/> in the same transaction. Other types pass through.
/// </summary>
internal sealed class InstrumentIndexHandler(ImportedInstruments imported, IReferenceData reference) : IContentHandler
{
    public const string ContentType = "Instrument";

    public async Task ValidatingAsync(ContentContext context)
    {
        if (context.Item.ContentType != ContentType) return;
        var part = imported.PartOf(context.Item.ContentItemId) ?? InstrumentPart.Of(context.Item);
        var errors = InstrumentRules.Check(part).ToList();
        if (imported.Contains(context.Item.ContentItemId))
        {
            // An import checked codes and duplicates for the whole file with sets loaded once; the unique index still guards a race.
            context.Errors.AddRange(errors);
            return;
        }
        var db = context.Db;
        if (errors.All(e => e.Field != nameof(part.CatalogCode)) && part.CatalogCode is { } catalog
            && !await reference.CatalogCodeExistsAsync(catalog))
            errors.Add((nameof(part.CatalogCode), $"种别代码「{catalog}」不在强检目录中。"));
        if (errors.All(e => e.Field != nameof(part.RegionCode)) && part.RegionCode is { } region
            && !await reference.RegionCodeExistsAsync(region))
            errors.Add((nameof(part.RegionCode), $"所属地代码「{region}」不存在。"));
        if (errors.Count == 0)
        {
            var key = InstrumentIdentity.KeyOf(part);
            var twin = await db.Set<InstrumentIndex>().AsNoTracking()
                .FirstOrDefaultAsync(i => i.EnterpriseId == part.EnterpriseId && i.IdentityKey == key && i.ContentItemId != context.Item.ContentItemId);
            if (twin is not null) errors.Add((nameof(part.SerialNumber), DuplicateMessage(twin)));
        }
        context.Errors.AddRange(errors);
    }

    public static string DuplicateMessage(InstrumentIndex twin) =>
        $"器具名称、型号规格、出厂编号、自编号与已有器具{InstrumentIdentity.Describe(twin.Name, twin.ModelSpec, twin.SerialNumber, twin.OwnNumber)}{(twin.Active ? "" : "（在停用库中）")}相同，不能重复保存。";

    public async Task SavedAsync(ContentContext context)
    {
        if (context.Item.ContentType != ContentType) return;
        var set = context.Db.Set<InstrumentIndex>();
        var row = imported.Contains(context.Item.ContentItemId) ? null : await set.FindAsync(context.Item.ContentItemId);
        if (row is null) set.Add(row = new InstrumentIndex { ContentItemId = context.Item.ContentItemId, CreatedUtc = context.Item.CreatedUtc });
        Fill(row, InstrumentPart.Of(context.Item));
    }

    /// <summary>An import's new instruments: their index rows inserted in bulk (no tracking, no lookups).</summary>
    public async Task ImportedAsync(IReadOnlyList<ContentContext> contexts)
    {
        var rows = contexts.Where(c => c.Item.ContentType == ContentType).Select(c =>
        {
            var row = new InstrumentIndex { ContentItemId = c.Item.ContentItemId, CreatedUtc = c.Item.CreatedUtc };
            Fill(row, imported.PartOf(c.Item.ContentItemId) ?? InstrumentPart.Of(c.Item));
            return row;
        });
        await contexts[0].Db.InsertAsync(rows);
    }

    private static void Fill(InstrumentIndex row, InstrumentPart part)
    {
        row.EnterpriseId = part.EnterpriseId;
        row.Name = part.Name.Trim();
        row.ModelSpec = part.ModelSpec.Trim();
        row.SerialNumber = part.SerialNumber.Trim();
        row.OwnNumber = part.OwnNumber?.Trim();
        row.Manufacturer = part.Manufacturer?.Trim();
        row.CatalogCode = part.CatalogCode;
        row.RegionCode = part.RegionCode;
        row.Department = part.Department?.Trim();
        row.Location = part.Location?.Trim();
        row.Usage = part.Usage;
        row.Method = part.Method;
        row.Mandatory = part.Mandatory;
        row.FilingStatus = part.FilingStatus;
        row.FilingInstitutionId = part.FilingInstitutionId;
        row.FiledOn = part.FiledOn;
        row.Active = part.Active;
        row.ValidUntil = part.ValidUntil;
        row.IdentityKey = InstrumentIdentity.KeyOf(part);
    }

    public async Task RemovedAsync(ContentContext context)
    {
        if (context.Item.ContentType != ContentType) return;
        if (await context.Db.Set<InstrumentIndex>().FindAsync(context.Item.ContentItemId) is { } row) context.Db.Remove(row);
    }
}

/// <summary>
/// New instruments of the import running in this scope, whose catalog and region codes and duplicates were checked
/// for the whole file at once: the handler skips its per-item queries for them, and takes their parts from here
/// instead of reading each item's JSON back.
/// </summary>
public sealed class ImportedInstruments
{
    private IReadOnlyDictionary<string, InstrumentPart> _parts = new Dictionary<string, InstrumentPart>();

    public bool Contains(string id) => _parts.ContainsKey(id);

    /// <summary>The part of an imported item, or null if the item is not one of the running import's.</summary>
    public InstrumentPart? PartOf(string id) => _parts.GetValueOrDefault(id);

    public async Task<T> RunAsync<T>(IReadOnlyDictionary<string, InstrumentPart> parts, Func<Task<T>> work)
    {
        _parts = parts;
        try
        {
            return await work();
        }
        finally
        {
            _parts = new Dictionary<string, InstrumentPart>();
        }
    }
}
