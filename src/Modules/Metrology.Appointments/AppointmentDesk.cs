using System.Security.Claims;
using Metrology.Appointments.Models;
using Metrology.Core.Content;
using Metrology.Core.Data;
using Metrology.Core.Enterprises;
using Metrology.Core.Reference;
using Metrology.Core.Workflows;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Appointments;

/// <summary>
/// The institution's side (检定机构确认约检, seed 004 §一 3 (6), §四 2): staff see their institution's appointments; a delivery
/// booking is confirmed by a department with the booking-confirmation duty that is no lab (业务室), an on-site booking by the lab
/// of its instruments' discipline (or, for items without one, by the office). Those who manage every institution may answer all.
/// </summary>
public sealed class AppointmentDesk(TenantDbContext db, ContentManager contents, IReferenceData reference, IEnterpriseDirectory enterprises,
    AppointmentService appointments, IWorkflowEvents events, TimeProvider clock)
{
    public async Task<IQueryable<AppointmentIndex>?> VisibleAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var all = db.Set<AppointmentIndex>().AsNoTracking().Where(a => a.State != AppointmentState.Draft);
        if (await reference.MayManageAllInstitutionsAsync(user)) return all;
        return await reference.InstitutionOfAsync(user, ct) is int own ? all.Where(a => a.InstitutionId == own) : null;
    }

    public async Task<(ContentItem Item, AppointmentPart Part)?> GetAsync(ClaimsPrincipal user, string id, CancellationToken ct = default)
    {
        if (await VisibleAsync(user, ct) is not { } visible || !await visible.AnyAsync(a => a.ContentItemId == id, ct)) return null;
        return await contents.GetAsync(id, VersionOptions.Latest, ct) is { } item ? (item, AppointmentPart.Of(item)) : null;
    }

    /// <summary>Whether this staff member answers the booking (see the class summary).</summary>
    public async Task<bool> MayAnswerAsync(ClaimsPrincipal user, AppointmentPart part, CancellationToken ct = default)
    {
        if (await reference.MayManageAllInstitutionsAsync(user)) return true;
        var discipline = part.Kind == AppointmentKind.OnSite ? part.Discipline : null;
        return (await reference.DepartmentsOfAsync(user, ct)).Any(d => d.InstitutionId == part.InstitutionId && d.ConfirmsBookings && d.Discipline == discipline);
    }

    public async Task<AppointmentResult> ConfirmAsync(ClaimsPrincipal user, string id, DateOnly? date, string? timeWindow, string? verifier, string? expectedVersionId,
        CancellationToken ct = default)
    {
        if (await GetAsync(user, id, ct) is not { } found) return AppointmentResult.Fail("约检单不存在，或不属于您所在的机构。");
        if (!await MayAnswerAsync(user, found.Part, ct)) return NotYours(found.Part);
        return await AnswerAsync(found.Item, found.Part, true, date, timeWindow, verifier, null, user.Identity?.Name, expectedVersionId, ct);
    }

    public async Task<AppointmentResult> DeclineAsync(ClaimsPrincipal user, string id, string? reason, string? expectedVersionId, CancellationToken ct = default)
    {
        if (await GetAsync(user, id, ct) is not { } found) return AppointmentResult.Fail("约检单不存在，或不属于您所在的机构。");
        if (!await MayAnswerAsync(user, found.Part, ct)) return NotYours(found.Part);
        return await AnswerAsync(found.Item, found.Part, false, null, null, null, reason, user.Identity?.Name, expectedVersionId, ct);
    }

    /// <summary>The demo recipes' confirmed bookings: answered as the named staff member, without a signed-in user.</summary>
    internal async Task<AppointmentResult> ConfirmForRecipeAsync(string id, DateOnly date, string? timeWindow, string? verifier, string who, CancellationToken ct = default)
    {
        if (await contents.GetAsync(id, VersionOptions.Latest, ct) is not { } item) return AppointmentResult.Fail("约检单不存在。");
        return await AnswerAsync(item, AppointmentPart.Of(item), true, date, timeWindow, verifier, null, who, null, ct);
    }

    private static AppointmentResult NotYours(AppointmentPart part) => AppointmentResult.Fail(part.Kind == AppointmentKind.OnSite
        ? $"该现场检定预约由{AppointmentLabels.Lab(part.Discipline)}确认，您所在的部门不能确认。"
        : "预约送检由业务室确认，您所在的部门不能确认。");

    private async Task<AppointmentResult> AnswerAsync(ContentItem item, AppointmentPart part, bool confirm, DateOnly? date, string? timeWindow, string? verifier,
        string? reason, string? who, string? expectedVersionId, CancellationToken ct)
    {
        if (part.State != AppointmentState.Submitted) return AppointmentResult.Fail($"该约检单{AppointmentLabels.Of(part.State)}，不能再确认或拒绝。");
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var errors = new List<(string, string)>();
        if (confirm)
        {
            if (date is null) errors.Add(("Date", "请选择约定日期。"));
            else if (date < today) errors.Add(("Date", "约定日期不能早于今天。"));
            if (part.Kind == AppointmentKind.OnSite)
            {
                if (string.IsNullOrWhiteSpace(timeWindow)) errors.Add(("TimeWindow", "请填写到场时段（如 09:00-11:00）。"));
                else if (timeWindow.Trim().Length > 30) errors.Add(("TimeWindow", "时段最多 30 个字。"));
                if (string.IsNullOrWhiteSpace(verifier)) errors.Add(("Verifier", "请填写检定员。"));
                else if (verifier.Trim().Length > 30) errors.Add(("Verifier", "检定员最多 30 个字。"));
            }
        }
        else if (string.IsNullOrWhiteSpace(reason)) errors.Add(("Reason", "请填写不能确认的原因。"));
        else if (reason.Trim().Length > 200) errors.Add(("Reason", "原因最多 200 个字。"));
        if (errors.Count > 0) return new AppointmentResult(errors);

        var answered = part with
        {
            State = confirm ? AppointmentState.Confirmed : AppointmentState.Declined,
            ConfirmedDate = confirm ? date : null,
            TimeWindow = confirm && part.Kind == AppointmentKind.OnSite ? timeWindow!.Trim() : null,
            Verifier = confirm && part.Kind == AppointmentKind.OnSite ? verifier!.Trim() : null,
            DeclineReason = confirm ? null : reason!.Trim(),
            AnsweredBy = who,
            AnsweredUtc = clock.GetUtcNow().UtcDateTime,
        };
        answered.WriteTo(item);
        try
        {
            var saved = await contents.SaveAsync(item, true, who, expectedVersionId ?? item.ContentItemVersionId, ct);
            if (!saved.Succeeded) return new AppointmentResult(saved.Errors);
        }
        catch (ContentConflictException)
        {
            return AppointmentResult.Fail("该约检单刚刚已被他人处理或被企业取消，请刷新页面后查看。");
        }
        if (await enterprises.FindAsync(part.EnterpriseId, ct) is { } enterprise)
            await events.TriggerAsync(confirm ? AppointmentEvents.Confirmed : AppointmentEvents.Declined,
                await appointments.PayloadAsync(enterprise, answered, item.ContentItemId, reason, ct), $"appointment:{item.ContentItemId}", ct);
        return AppointmentResult.Ok;
    }
}
