using Metrology.Core.Content;
using Metrology.Core.Data;
using Metrology.Core.Enterprises;
using Metrology.Core.Instruments;
using Metrology.Core.Reference;
using Metrology.Core.Workflows;
using Metrology.Filings.Models;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Filings;

/// <summary>The outcome of a filing use case: the problems (key = "" for the filing, "Lines[i].Field" for a line's field) or none.</summary>
public sealed record FilingResult(IReadOnlyList<(string Key, string Message)> Errors)
{
    public static readonly FilingResult Ok = new([]);

    public bool Succeeded => Errors.Count == 0;

    public static FilingResult Fail(string message, string key = "") => new([(key, message)]);
}

/// <summary>
/// The enterprise's side of filing (备案): drafts, lines, submit, delete, move rejected lines back. Every call takes the
/// enterprise (from the signed-in account) and touches only its own filings and instruments.
/// </summary>
public sealed class FilingService(TenantDbContext db, ContentManager contents, IInstrumentRecords instruments, IReferenceData reference,
    IWorkflowEvents events, TimeProvider clock, IEnumerable<IBookingWindowSource> windows, Metrology.Core.Tenants.FeatureFilter features)
{
    /// <summary>Whether a filed instrument's filing has lapsed today (outside the booking window, where the tenant has one).</summary>
    private async Task<Func<InstrumentSummary, bool>> LapsedAsync(CancellationToken ct)
    {
        var window = features.Enabled(windows).FirstOrDefault() is { } source ? await source.WindowAsync(ct) : null;
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        return i => window?.Lapsed(i.Filing, i.FiledOn, i.ValidUntil, today) == true;
    }

    public const string ContentType = "Filing";

    public IQueryable<FilingIndex> Query(int enterpriseId) => db.Set<FilingIndex>().AsNoTracking().Where(f => f.EnterpriseId == enterpriseId);

    /// <summary>The enterprise's filing, or null when it is not theirs.</summary>
    public async Task<(ContentItem Item, FilingPart Part)?> GetAsync(int enterpriseId, string id, CancellationToken ct = default)
    {
        if (!await Query(enterpriseId).AnyAsync(f => f.ContentItemId == id, ct)) return null;
        return await contents.GetAsync(id, VersionOptions.Latest, ct) is { } item ? (item, FilingPart.Of(item)) : null;
    }

    public async Task<(string? Id, FilingResult Result)> CreateDraftAsync(EnterpriseInfo enterprise, int institutionId, string? address, string? userName, CancellationToken ct = default)
    {
        if ((await reference.InstitutionsAsync(ct)).All(i => i.Id != institutionId)) return (null, FilingResult.Fail("请选择服务机构。", "InstitutionId"));
        if (string.IsNullOrWhiteSpace(address)) return (null, FilingResult.Fail("请填写企业详细地址。", "Address"));
        if (address.Trim().Length > 200) return (null, FilingResult.Fail("详细地址最多 200 个字。", "Address"));
        for (var attempt = 0; ; attempt++)
        {
            var item = await contents.NewAsync(ContentType, userName, ct);
            new FilingPart
            {
                EnterpriseId = enterprise.Id, InstitutionId = institutionId, Address = address.Trim(), State = FilingState.Draft,
                Number = await FilingNumbers.NextAsync(db, clock, ct),
            }.WriteTo(item);
            try
            {
                var saved = await contents.SaveAsync(item, true, userName, null, ct);
                return saved.Succeeded ? (item.ContentItemId, FilingResult.Ok) : (null, new FilingResult(saved.Errors));
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another draft took the same number at the same moment (unique index): take the next one.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>Adds the enterprise's instruments to its draft (picked from the library, or 强检申请 from the library's selection).</summary>
    public async Task<FilingResult> AddAsync(int enterpriseId, string filingId, IEnumerable<string> instrumentIds, string? userName, CancellationToken ct = default)
    {
        if (await DraftAsync(enterpriseId, filingId, ct) is not { } found) return FilingResult.Fail("草稿不存在，或已提交，不能再添加器具。");
        var (item, part) = found;
        var ids = instrumentIds.Where(i => part.Lines.All(l => l.InstrumentId != i)).Distinct().ToList();
        if (ids.Count == 0) return FilingResult.Fail("请选择要添加的器具。");
        var picked = await instruments.FindAsync(enterpriseId, ids, ct);
        if (picked.Count != ids.Count) return FilingResult.Fail("所选器具不存在或不属于本单位。");
        var busy = await db.Set<FilingLineIndex>().AsNoTracking().Where(l => l.Open && ids.Contains(l.InstrumentId) && l.FilingId != filingId)
            .Select(l => new { l.InstrumentId, l.Decision }).ToListAsync(ct);
        var lapsed = await LapsedAsync(ct);
        var errors = picked.Select(i => busy.Any(b => b.InstrumentId == i.Id && b.Decision == LineDecision.Rejected)
                ? $"「{i.Name}」（出厂编号 {i.SerialNumber}）在原强检申请中未受理：请先在该申请中点【移到设备库】，再重新申请。"
                : FilingRules.CannotAdd(i, busy.Any(b => b.InstrumentId == i.Id), lapsed(i)))
            .OfType<string>().Select(m => ("", m)).ToList();
        if (errors.Count > 0) return new FilingResult(errors);
        var lines = part.Lines.Concat(picked.Select(i => new FilingLine
        {
            InstrumentId = i.Id, Name = i.Name, ModelSpec = i.ModelSpec, SerialNumber = i.SerialNumber, OwnNumber = i.OwnNumber,
            CatalogCode = i.CatalogCode, Usage = i.Usage, Method = i.Method, Department = i.Department, Location = i.Location,
        })).ToList();
        return await SaveAsync(item, part with { Lines = lines }, userName, ct);
    }

    /// <summary>Completes what the review needs of the lines (catalog item, usage, method, department, location), all in one save.</summary>
    public async Task<FilingResult> UpdateLinesAsync(int enterpriseId, string filingId, IReadOnlyList<FilingLine> values, string? userName, CancellationToken ct = default)
    {
        if (await DraftAsync(enterpriseId, filingId, ct) is not { } found) return FilingResult.Fail("草稿不存在，或已提交，不能修改。");
        var (item, part) = found;
        var lines = part.Lines.ToList();
        var problems = new List<(string, string)>();
        for (var index = 0; index < lines.Count; index++)
        {
            if (values.FirstOrDefault(v => v.InstrumentId == lines[index].InstrumentId) is not { } v) continue;
            var line = lines[index] = lines[index] with
            {
                CatalogCode = string.IsNullOrWhiteSpace(v.CatalogCode) ? null : v.CatalogCode.Trim(), Usage = v.Usage, Method = v.Method,
                Department = string.IsNullOrWhiteSpace(v.Department) ? null : v.Department.Trim(),
                Location = string.IsNullOrWhiteSpace(v.Location) ? null : v.Location.Trim(),
            };
            // Only the lengths here: a draft may be saved incomplete; submitting checks everything.
            if (line.Department is { Length: > 8 }) problems.Add(($"Lines[{index}].Department", "使用部门最多 8 个字。"));
            if (line.Location is { Length: > 100 }) problems.Add(($"Lines[{index}].Location", "安装地点最多 100 个字。"));
            if (line.CatalogCode is { Length: > 20 }) problems.Add(($"Lines[{index}].CatalogCode", "种别代码最多 20 个字符。"));
        }
        if (problems.Count > 0) return new FilingResult(problems);
        return await SaveAsync(item, part with { Lines = lines }, userName, ct);
    }

    public async Task<FilingResult> RemoveLineAsync(int enterpriseId, string filingId, string instrumentId, string? userName, CancellationToken ct = default)
    {
        if (await DraftAsync(enterpriseId, filingId, ct) is not { } found) return FilingResult.Fail("草稿不存在，或已提交，不能修改。");
        var (item, part) = found;
        return await SaveAsync(item, part with { Lines = part.Lines.Where(l => l.InstrumentId != instrumentId).ToList() }, userName, ct);
    }

    /// <summary>强检申请: checks every line and submits the whole draft, or nothing; the instruments' category and usage become the filing's.</summary>
    public async Task<FilingResult> SubmitAsync(EnterpriseInfo enterprise, string filingId, string? userName, CancellationToken ct = default)
    {
        if (await DraftAsync(enterprise.Id, filingId, ct) is not { } found) return FilingResult.Fail("草稿不存在，或已提交。");
        var (item, part) = found;
        if (part.Lines.Count == 0) return FilingResult.Fail("草稿中还没有器具：请先录入或从设备库导入器具。");
        var institution = (await reference.InstitutionsAsync(ct)).FirstOrDefault(i => i.Id == part.InstitutionId);
        if (institution is null) return FilingResult.Fail("所选服务机构已不存在，请删除草稿后重新申请。");
        var errors = new List<(string, string)>();
        var lapsed = await LapsedAsync(ct);
        var current = (await instruments.FindAsync(enterprise.Id, part.Lines.Select(l => l.InstrumentId), ct)).ToDictionary(i => i.Id);
        var busy = await db.Set<FilingLineIndex>().AsNoTracking()
            .Where(l => l.Open && l.FilingId != filingId && l.EnterpriseId == enterprise.Id).Select(l => l.InstrumentId).ToListAsync(ct);
        for (var i = 0; i < part.Lines.Count; i++)
        {
            var line = part.Lines[i];
            if (!current.TryGetValue(line.InstrumentId, out var instrument)) { errors.Add(($"Lines[{i}]", $"第 {i + 1} 行「{line.Name}」已不在器具库中，请移除。")); continue; }
            if (FilingRules.CannotAdd(instrument, busy.Contains(line.InstrumentId), lapsed(instrument)) is { } why) { errors.Add(($"Lines[{i}]", why)); continue; }
            // The library's serial number is the one that counts: it may have been corrected since the line was added.
            line = part.Lines[i] = line with { Name = instrument.Name, ModelSpec = instrument.ModelSpec, SerialNumber = instrument.SerialNumber, OwnNumber = instrument.OwnNumber };
            var catalog = line.CatalogCode is { Length: > 0 } code ? await reference.CatalogItemAsync(code, ct) : null;
            var verifies = catalog is not null && (await reference.InstitutionsVerifyingAsync(catalog.Code, ct)).Any(v => v.Id == part.InstitutionId);
            errors.AddRange(FilingRules.Check(line, catalog, verifies, institution.Name).Select(p => ($"Lines[{i}].{p.Field}", $"第 {i + 1} 行：{p.Message}")));
        }
        if (errors.Count > 0) return new FilingResult(errors);

        var now = clock.GetUtcNow().UtcDateTime;
        var submitted = part with { State = FilingState.Submitted, SubmittedUtc = now };
        var failed = new List<(string, string)>();
        await contents.UnitOfWorkAsync(async () =>
        {
            foreach (var (line, i) in submitted.Lines.Select((l, i) => (l, i)))
            {
                var problems = await instruments.ChangeAsync(enterprise.Id, line.InstrumentId, new InstrumentChange(Filing: FilingStatus.Submitted,
                    CatalogCode: line.CatalogCode, Usage: line.Usage, Method: line.Method, Department: line.Department, Location: line.Location), userName, ct);
                failed.AddRange(problems.Select(p => ($"Lines[{i}]", $"第 {i + 1} 行「{line.Name}」：{p.Message}")));
            }
            if (failed.Count > 0) return false;
            submitted.WriteTo(item);
            var result = await contents.SaveAsync(item, true, userName, item.ContentItemVersionId, ct);
            failed.AddRange(result.Errors);
            return result.Succeeded;
        }, ct);
        if (failed.Count > 0) return new FilingResult(failed);
        await events.TriggerAsync(FilingEvents.Submitted, FilingEvents.Payload(enterprise, submitted, institution.Name, item.ContentItemId), $"filing:{item.ContentItemId}", ct);
        return FilingResult.Ok;
    }

    /// <summary>Deletes a draft (never a submitted filing).</summary>
    public async Task<FilingResult> DeleteDraftAsync(int enterpriseId, string filingId, string? userName, CancellationToken ct = default)
    {
        if (await DraftAsync(enterpriseId, filingId, ct) is null) return FilingResult.Fail("只能删除草稿。");
        return await contents.RemoveAsync(filingId, userName, ct) ? FilingResult.Ok : FilingResult.Fail("草稿不存在。");
    }

    /// <summary>移到设备库: a rejected line goes back to the library, from where it can be corrected and filed through a new draft.</summary>
    public async Task<FilingResult> MoveBackAsync(int enterpriseId, string filingId, IReadOnlyCollection<string> instrumentIds, string? userName, CancellationToken ct = default)
    {
        if (await GetAsync(enterpriseId, filingId, ct) is not { } found) return FilingResult.Fail("申请不存在。");
        var (item, part) = found;
        var lines = part.Lines.Select(l => instrumentIds.Contains(l.InstrumentId) && l.Decision == LineDecision.Rejected ? l with { MovedBack = true } : l).ToList();
        if (lines.SequenceEqual(part.Lines)) return FilingResult.Fail("请选择未受理的器具。");
        return await SaveAsync(item, part with { Lines = lines }, userName, ct);
    }

    private async Task<(ContentItem Item, FilingPart Part)?> DraftAsync(int enterpriseId, string filingId, CancellationToken ct) =>
        await GetAsync(enterpriseId, filingId, ct) is { } found && found.Part.State == FilingState.Draft ? found : null;

    private async Task<FilingResult> SaveAsync(ContentItem item, FilingPart part, string? userName, CancellationToken ct)
    {
        part.WriteTo(item);
        try
        {
            var result = await contents.SaveAsync(item, true, userName, item.ContentItemVersionId, ct);
            return result.Succeeded ? FilingResult.Ok : new FilingResult(result.Errors);
        }
        catch (ContentConflictException)
        {
            return FilingResult.Fail("该申请刚刚已被修改，请刷新页面后重试。");
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return FilingResult.Fail("所选器具刚刚已加入另一份强检申请。");
        }
    }
}
