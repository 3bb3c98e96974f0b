using System.Security.Claims;
using Metrology.Core.Content;
using Metrology.Core.Data;
using Metrology.Core.Enterprises;
using Metrology.Core.Instruments;
using Metrology.Core.Reference;
using Metrology.Core.Workflows;
using Metrology.Filings.Models;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Filings;

/// <summary>
/// The institution's review (受理 / 审核), line by line. Only a reviewer of the filing's institution decides (or one who
/// manages every institution); a decided line stays decided; the filing is reviewed when no line is pending. Accepted
/// instruments become filed with the institution. Events go to workflows after the commit.
/// </summary>
public sealed class FilingReview(TenantDbContext db, ContentManager contents, IInstrumentRecords instruments, IReferenceData reference,
    IEnterpriseDirectory enterprises, IWorkflowEvents events, TimeProvider clock)
{
    public IQueryable<FilingLineIndex> Lines => db.Set<FilingLineIndex>().AsNoTracking();

    /// <summary>The filings this staff member may see: their institution's, or all for those who manage every institution; null when neither.</summary>
    public async Task<IQueryable<FilingIndex>?> VisibleAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var all = db.Set<FilingIndex>().AsNoTracking().Where(f => f.State != FilingState.Draft);
        if (await reference.MayManageAllInstitutionsAsync(user)) return all;
        return await reference.InstitutionOfAsync(user, ct) is int own ? all.Where(f => f.InstitutionId == own) : null;
    }

    public async Task<(ContentItem Item, FilingPart Part)?> GetAsync(ClaimsPrincipal user, string id, CancellationToken ct = default)
    {
        if (await VisibleAsync(user, ct) is not { } visible || !await visible.AnyAsync(f => f.ContentItemId == id, ct)) return null;
        return await contents.GetAsync(id, VersionOptions.Latest, ct) is { } item ? (item, FilingPart.Of(item)) : null;
    }

    /// <summary>Accepts or rejects (with a reason) the pending lines among <paramref name="instrumentIds"/>; all of them, or none.</summary>
    public async Task<FilingResult> DecideAsync(ClaimsPrincipal user, string filingId, IReadOnlyCollection<string> instrumentIds, bool accept, string? reason,
        string? expectedVersionId, CancellationToken ct = default)
    {
        if (await GetAsync(user, filingId, ct) is not { } found) return FilingResult.Fail("申请不存在，或不属于您所在的机构。");
        return await ApplyAsync(found.Item, found.Part, instrumentIds, accept, reason, user.Identity?.Name, expectedVersionId, ct);
    }

    /// <summary>The demo recipes' reviewed filings: decided as the named reviewer, without a signed-in user.</summary>
    internal async Task<FilingResult> DecideForRecipeAsync(string filingId, IReadOnlyCollection<string> instrumentIds, bool accept, string? reason, string reviewer, CancellationToken ct = default)
    {
        if (await contents.GetAsync(filingId, VersionOptions.Latest, ct) is not { } item) return FilingResult.Fail("申请不存在。");
        return await ApplyAsync(item, FilingPart.Of(item), instrumentIds, accept, reason, reviewer, null, ct);
    }

    private async Task<FilingResult> ApplyAsync(ContentItem item, FilingPart part, IReadOnlyCollection<string> instrumentIds, bool accept, string? reason,
        string? who, string? expectedVersionId, CancellationToken ct)
    {
        var filingId = item.ContentItemId;
        if (part.State != FilingState.Submitted) return FilingResult.Fail("该申请已审核完毕，不能再次审核。");
        if (!accept && string.IsNullOrWhiteSpace(reason)) return FilingResult.Fail("不予受理时请填写原因。", "Reason");
        if (reason is { Length: > 200 }) return FilingResult.Fail("原因最多 200 个字。", "Reason");
        var targets = part.Lines.Where(l => instrumentIds.Contains(l.InstrumentId)).ToList();
        if (targets.Count == 0) return FilingResult.Fail("请选择要审核的器具。");
        if (targets.FirstOrDefault(l => l.Decision != LineDecision.Pending) is { } decided)
            return FilingResult.Fail($"「{decided.Name}」（出厂编号 {decided.SerialNumber}）已审核，不能重复审核。");

        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var lines = part.Lines.Select(l => instrumentIds.Contains(l.InstrumentId)
            ? l with { Decision = accept ? LineDecision.Accepted : LineDecision.Rejected, Reason = accept ? null : reason!.Trim(), DecidedBy = who, DecidedUtc = now }
            : l).ToList();
        var changed = part with { Lines = lines };
        if (changed.Pending == 0) changed = changed with { State = FilingState.Reviewed, ReviewedUtc = now };

        var errors = new List<(string, string)>();
        try
        {
            await contents.UnitOfWorkAsync(async () =>
            {
                foreach (var line in targets)
                {
                    var change = accept
                        ? new InstrumentChange(Filing: FilingStatus.Filed, FilingInstitutionId: part.InstitutionId, Mandatory: true, FiledOn: today)
                        : new InstrumentChange(Filing: FilingStatus.Rejected);
                    errors.AddRange((await instruments.ChangeAsync(part.EnterpriseId, line.InstrumentId, change, who, ct)).Select(e => ("", $"「{line.Name}」：{e.Message}")));
                }
                if (errors.Count > 0) return false;
                changed.WriteTo(item);
                var result = await contents.SaveAsync(item, true, who, expectedVersionId ?? item.ContentItemVersionId, ct);
                errors.AddRange(result.Errors);
                return result.Succeeded;
            }, ct);
        }
        catch (ContentConflictException)
        {
            return FilingResult.Fail("该申请刚刚已被其他审核人处理，请刷新页面后查看。");
        }
        if (errors.Count > 0) return new FilingResult(errors);

        var enterprise = await enterprises.FindAsync(part.EnterpriseId, ct);
        var institution = (await reference.InstitutionsAsync(ct)).FirstOrDefault(i => i.Id == part.InstitutionId)?.Name ?? "";
        if (enterprise is not null)
        {
            foreach (var line in targets)
                await events.TriggerAsync(FilingEvents.LineDecided, new
                {
                    Id = filingId, line.InstrumentId, line.Name, line.SerialNumber, accepted = accept, reason, Usage = line.Usage, line.CatalogCode,
                    enterprise = new { name = enterprise.Name },
                }, $"filing:{filingId}", ct);
            if (changed.State == FilingState.Reviewed)
                await events.TriggerAsync(FilingEvents.Reviewed, FilingEvents.Payload(enterprise, changed, institution, filingId), $"filing:{filingId}", ct);
        }
        return FilingResult.Ok;
    }
}
