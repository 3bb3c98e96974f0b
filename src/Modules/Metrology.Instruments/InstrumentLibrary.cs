using Metrology.Core.Content;
using Metrology.Core.Data;
using Metrology.Core.Reference;
using Metrology.Excel;
using Metrology.Instruments.Models;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Instruments;

/// <summary>
/// An enterprise's instrument library: every read and change takes the enterprise's id and touches only
/// its own instruments. Instruments are "Instrument" content items (versioned, with the tenant's extra
/// fields); <see cref="InstrumentIndex"/> serves the lists and the duplicate rule.
/// </summary>
public sealed partial class InstrumentLibrary(TenantDbContext db, ContentManager contents, ContentDefinitionStore definitions, ImportedInstruments imported,
    IReferenceData reference, XlsxLimits limits)
{
    public const string ContentType = InstrumentIndexHandler.ContentType;

    public Task<ContentTypeDefinition?> DefinitionAsync(CancellationToken ct = default) => definitions.FindAsync(ContentType, ct);

    /// <summary>The enterprise's instruments that pass the filter, in its order (for a page, or all for an export).</summary>
    public IQueryable<InstrumentIndex> Query(int enterpriseId, InstrumentFilter filter) =>
        filter.Apply(db.Set<InstrumentIndex>().AsNoTracking().Where(i => i.EnterpriseId == enterpriseId));

    /// <summary>The enterprise's instrument, or null when it is not theirs (or not there).</summary>
    public async Task<(ContentItem Item, InstrumentPart Part)?> GetAsync(int enterpriseId, string id, CancellationToken ct = default)
    {
        if (!await db.Set<InstrumentIndex>().AnyAsync(i => i.ContentItemId == id && i.EnterpriseId == enterpriseId, ct)) return null;
        var item = await contents.GetAsync(id, VersionOptions.Latest, ct);
        return item is null ? null : (item, InstrumentPart.Of(item));
    }

    /// <summary>Adds (<paramref name="id"/> null) or changes an instrument of the enterprise; see the overload that takes the loaded item.</summary>
    public async Task<ContentSaveResult> SaveAsync(int enterpriseId, string? id, InstrumentPart input, IReadOnlyDictionary<string, string?> extraFields,
        string? userName, string? expectedVersionId = null, CancellationToken ct = default)
    {
        (ContentItem, InstrumentPart)? existing = null;
        if (id is not null) existing = await GetAsync(enterpriseId, id, ct) ?? throw new InvalidOperationException("器具不存在。");
        return await SaveLoadedAsync(enterpriseId, existing, input, extraFields, userName, expectedVersionId, ct);
    }

    /// <summary>
    /// Adds (<paramref name="existing"/> null) or changes an instrument (as <see cref="GetAsync"/> loaded it) from what the form gave.
    /// The status the process sets is kept; so are category and usage once filed. Errors are keyed as the form names its inputs:
    /// the part's property name, or "Fields[name]" for the tenant's extra fields.
    /// </summary>
    public async Task<ContentSaveResult> SaveLoadedAsync(int enterpriseId, (ContentItem Item, InstrumentPart Part)? existing, InstrumentPart input,
        IReadOnlyDictionary<string, string?> extraFields, string? userName, string? expectedVersionId = null, CancellationToken ct = default)
    {
        ContentItem item;
        var part = input with { EnterpriseId = enterpriseId, Mandatory = false, FilingStatus = FilingStatus.NotFiled, FilingInstitutionId = null, EverFiled = false, Active = true };
        if (existing is null) item = await contents.NewAsync(ContentType, userName, ct);
        else
        {
            item = existing.Value.Item;
            var old = existing.Value.Part;
            part = part with
            {
                Mandatory = old.Mandatory, FilingStatus = old.FilingStatus, FilingInstitutionId = old.FilingInstitutionId, EverFiled = old.EverFiled, Active = old.Active,
                CatalogCode = old.CategoryLocked ? old.CatalogCode : part.CatalogCode,
                Usage = old.CategoryLocked ? old.Usage : part.Usage,
            };
        }
        part.WriteTo(item);
        var type = await DefinitionAsync(ct) ?? throw new InvalidOperationException("器具内容类型不存在。");
        var errors = new List<(string, string)>();
        foreach (var field in type.Fields)
        {
            var (value, error) = FieldTypes.Parse(field, extraFields.GetValueOrDefault(field.Name));
            if (error is not null) errors.Add(($"Fields[{field.Name}]", error));
            else item.SetField(field.Name, value);
        }
        if (errors.Count > 0) return new ContentSaveResult(null, errors);
        try
        {
            var result = await contents.SaveAsync(item, true, userName, expectedVersionId, ct);
            return result.Succeeded ? result : new ContentSaveResult(null, result.Errors.Select(e => (KeyOf(type, e.Field), MessageOf(e.Field, e.Message))).ToList());
        }
        catch (DbUpdateException)
        {
            // Two saves of the same instrument at once: the unique index lets only one in.
            db.ChangeTracker.Clear();
            return new ContentSaveResult(null, [(nameof(InstrumentPart.SerialNumber), "同一台器具刚刚已被保存，不能重复保存。")]);
        }
    }

    // The content manager names the title "Title" and an extra field by its name; the form names them Name and Fields[name].
    // The item's title is the instrument's name: its messages speak of 器具名称.
    private static string MessageOf(string field, string message) => field == "Title" ? message.Replace("标题", "器具名称") : message;

    private static string KeyOf(ContentTypeDefinition type, string field) =>
        field == "Title" ? nameof(InstrumentPart.Name) : type.Fields.Any(f => f.Name == field) ? $"Fields[{field}]" : field;

    /// <summary>Applies a change of status (filing, verification) from the process; the caller checks ownership.</summary>
    public async Task<bool> UpdateAsync(string id, Func<InstrumentPart, InstrumentPart> change, string? userName, CancellationToken ct = default)
    {
        var item = await contents.GetAsync(id, VersionOptions.Latest, ct);
        if (item is null || item.ContentType != ContentType) return false;
        change(InstrumentPart.Of(item)).WriteTo(item);
        return (await SaveItemAsync(item, userName, ct)).Succeeded;
    }

    /// <summary>Saves an instrument item the caller loaded and changed (the process's status), with the same rules as any save.</summary>
    internal async Task<ContentSaveResult> SaveItemAsync(ContentItem item, string? userName, CancellationToken ct = default)
    {
        var result = await contents.SaveAsync(item, true, userName, item.ContentItemVersionId, ct);
        if (result.Succeeded) return result;
        var type = await DefinitionAsync(ct) ?? throw new InvalidOperationException("器具内容类型不存在。");
        return new ContentSaveResult(null, result.Errors.Select(e => (KeyOf(type, e.Field), MessageOf(e.Field, e.Message))).ToList());
    }

    /// <summary>停用: moves the enterprise's selected active instruments to the deactivated list.</summary>
    public Task<int> DeactivateAsync(int enterpriseId, IEnumerable<string> ids, string? userName, CancellationToken ct = default) =>
        ChangeManyAsync(enterpriseId, ids, p => p.Active, p => p with { Active = false }, userName, ct);

    /// <summary>启用: back to the library as not filed and not mandatory (seed 000 §五 note 2).</summary>
    public Task<int> ReactivateAsync(int enterpriseId, IEnumerable<string> ids, string? userName, CancellationToken ct = default) =>
        ChangeManyAsync(enterpriseId, ids, p => !p.Active,
            p => p with { Active = true, Mandatory = false, FilingStatus = FilingStatus.NotFiled, FilingInstitutionId = null }, userName, ct);

    /// <summary>Deletes the never-filed ones of the selection; filed ones have history and are left (counted).</summary>
    public async Task<(int Deleted, int Kept)> DeleteAsync(int enterpriseId, IEnumerable<string> ids, string? userName, CancellationToken ct = default)
    {
        var (deleted, kept) = (0, 0);
        foreach (var id in ids.Distinct())
        {
            if (await GetAsync(enterpriseId, id, ct) is not { } found) continue;
            if (!found.Part.Deletable) { kept++; continue; }
            if (await contents.RemoveAsync(id, userName, ct)) deleted++;
        }
        return (deleted, kept);
    }

    /// <summary>
    /// 清理设备库 (seed 000 §五 note 3): removes the library's non-mandatory instruments; those that were
    /// ever filed cannot be deleted and go to the deactivated list instead.
    /// </summary>
    public async Task<(int Deleted, int Deactivated)> CleanUpAsync(int enterpriseId, string? userName, CancellationToken ct = default)
    {
        var ids = await db.Set<InstrumentIndex>().AsNoTracking()
            .Where(i => i.EnterpriseId == enterpriseId && i.Active && !i.Mandatory && i.FilingStatus == FilingStatus.NotFiled)
            .Select(i => i.ContentItemId).ToListAsync(ct);
        var (deleted, kept) = (0, new List<string>());
        foreach (var id in ids)
        {
            if (await GetAsync(enterpriseId, id, ct) is not { } found) continue;
            if (found.Part.Deletable) { if (await contents.RemoveAsync(id, userName, ct)) deleted++; }
            else kept.Add(id);
        }
        return (deleted, await DeactivateAsync(enterpriseId, kept, userName, ct));
    }

    private async Task<int> ChangeManyAsync(int enterpriseId, IEnumerable<string> ids, Func<InstrumentPart, bool> applies,
        Func<InstrumentPart, InstrumentPart> change, string? userName, CancellationToken ct)
    {
        var count = 0;
        foreach (var id in ids.Distinct())
        {
            if (await GetAsync(enterpriseId, id, ct) is not { } found || !applies(found.Part)) continue;
            if (await UpdateAsync(id, change, userName, ct)) count++;
        }
        return count;
    }
}
