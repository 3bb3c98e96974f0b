using System.Security.Claims;
using Metrology.Core.Content;
using Metrology.Core.Data;
using Metrology.Core.Enterprises;
using Metrology.Core.Instruments;
using Metrology.Core.Reference;
using Metrology.Core.Security;
using Metrology.Core.Workflows;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Verification;

/// <summary>What the verifier records (检定记录).</summary>
public sealed record VerificationRecord(DateOnly? VerifiedOn, string? Regulation, string? Standards, string? Temperature, string? Humidity,
    VerificationConclusion? Conclusion, string? AccuracyClass, string? FailedItems, DateOnly? ValidUntil);

/// <summary>
/// The lab's work on a received instrument (seed 004 §一 3 (9)): the queue by due date, assignment, the verifier's record, and the
/// sign-off 检定 → 核验 → 批准 by three different people, each with their own permission, within their institution. A checker or
/// approver may send the record back with a reason. Every step is recorded; an approved result never changes.
/// </summary>
public sealed class SignOff(TenantDbContext db, ContentManager contents, PermissionService permissions, IReferenceData reference,
    IAppointmentRecords appointments, IEnterpriseDirectory enterprises, IWorkflowEvents events, VerificationResults results, Reception reception,
    IInstrumentRecords instruments, IEnumerable<Metrology.Core.Statistics.IProcessFacts> facts, TimeProvider clock)
{
    public IQueryable<VerificationTask> Visible(StaffScope scope)
    {
        var all = db.Set<VerificationTask>().AsNoTracking();
        return scope.All ? all : scope.InstitutionId is int own ? all.Where(t => t.InstitutionId == own) : all.Where(t => false);
    }

    /// <summary>A lab's open tasks, the earliest due first (the queue), with the total.</summary>
    public async Task<(IReadOnlyList<VerificationTask> Rows, int Total)> QueueAsync(StaffScope scope, string? discipline, TaskState? state, int skip, int take,
        CancellationToken ct = default)
    {
        var q = Visible(scope).Where(t => t.Open);
        if (discipline is not null) q = discipline.Length == 0 ? q.Where(t => t.Discipline == null) : q.Where(t => t.Discipline == discipline);
        if (state is { } s) q = q.Where(t => t.State == s);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderBy(t => t.DueDate).ThenBy(t => t.Id).Skip(skip).Take(take).ToListAsync(ct);
        return (rows, total);
    }

    public async Task<VerificationTask?> GetAsync(StaffScope scope, string id, CancellationToken ct = default) =>
        await Visible(scope).FirstOrDefaultAsync(t => t.Id == id, ct);

    public async Task<IReadOnlyList<VerificationStep>> StepsAsync(string id, CancellationToken ct = default) =>
        await db.Set<VerificationStep>().AsNoTracking().Where(s => s.TaskId == id).OrderBy(s => s.Id).ToListAsync(ct);

    /// <summary>The next valid-until by the catalog item's period: the day before the same day <c>PeriodMonths</c> later; null without a period.</summary>
    public async Task<DateOnly?> LatestValidUntilAsync(VerificationTask t, DateOnly verifiedOn, CancellationToken ct = default) =>
        t.CatalogCode is { } code && await reference.CatalogItemAsync(code, ct) is { PeriodMonths: int months and > 0 } ? verifiedOn.AddMonths(months).AddDays(-1) : null;

    /// <summary>指派: the lab head names the verifier (a user of the same institution who may record results).</summary>
    public async Task<WorkResult> AssignAsync(ClaimsPrincipal user, string id, string? verifier, CancellationToken ct = default)
    {
        if (await LoadAsync(user, id, Permissions.AssignVerification, ct) is not { } t) return NotFound;
        if (t.State == TaskState.Approved) return WorkResult.Fail("已批准的检定结果不能修改。");
        if (string.IsNullOrWhiteSpace(verifier)) return WorkResult.Fail("请填写检定员的用户名。", "Verifier");
        var name = verifier.Trim();
        if (!await MayRecordAsync(name, t.InstitutionId, ct)) return WorkResult.Fail($"「{name}」不是本机构有检定权限的用户。", "Verifier");
        t.AssignedTo = name;
        return await SaveAsync(user, t, "指派", $"检定员 {name}", null, ct);
    }

    /// <summary>检定: the verifier's record, submitted for checking.</summary>
    public async Task<WorkResult> SubmitAsync(ClaimsPrincipal user, string id, VerificationRecord r, CancellationToken ct = default)
    {
        var me = user.Identity?.Name ?? "";
        if (await LoadAsync(user, id, Permissions.RecordVerification, ct) is not { } t) return NotFound;
        if (t.State != TaskState.Waiting) return Locked(t);
        if (t.AssignedTo is { } assigned && assigned != me) return WorkResult.Fail($"该任务已指派给 {assigned}。");
        var errors = new List<(string, string)>();
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var received = DateOnly.FromDateTime(t.ReceivedUtc);
        if (r.VerifiedOn is not { } on) errors.Add(("VerifiedOn", "请填写检定日期。"));
        else if (on > today) errors.Add(("VerifiedOn", "检定日期不能晚于今天。"));
        else if (on < received.AddDays(-1)) errors.Add(("VerifiedOn", "检定日期不能早于接收日期。"));
        Text(errors, "Regulation", "检定依据（规程）", r.Regulation, 100, true);
        Text(errors, "Standards", "计量标准器", r.Standards, 500, true);
        Text(errors, "Temperature", "温度", r.Temperature, 20, true);
        Text(errors, "Humidity", "湿度", r.Humidity, 20, true);
        DateOnly? validUntil = null;
        switch (r.Conclusion)
        {
            case VerificationConclusion.Pass:
                Text(errors, "AccuracyClass", "准确度等级", r.AccuracyClass, 50, false);
                if (r.VerifiedOn is { } day)
                {
                    var latest = await LatestValidUntilAsync(t, day, ct);
                    validUntil = r.ValidUntil ?? latest;
                    if (validUntil is null) errors.Add(("ValidUntil", "该器具的目录项没有检定周期：请填写有效期至。"));
                    else if (validUntil <= day) errors.Add(("ValidUntil", "有效期至应晚于检定日期。"));
                    else if (latest is { } max && validUntil > max) errors.Add(("ValidUntil", $"有效期至不能晚于检定周期所定的 {VerificationLabels.Date(max)}。"));
                }
                break;
            case VerificationConclusion.Fail:
                Text(errors, "FailedItems", "不合格项目", r.FailedItems, 500, true);
                break;
            default:
                errors.Add(("Conclusion", "请选择检定结论：合格或不合格。"));
                break;
        }
        if (errors.Count > 0) return new WorkResult(errors);
        var pass = r.Conclusion == VerificationConclusion.Pass;
        t.VerifiedOn = r.VerifiedOn;
        t.Regulation = r.Regulation!.Trim();
        t.Standards = r.Standards!.Trim();
        t.Temperature = r.Temperature!.Trim();
        t.Humidity = r.Humidity!.Trim();
        t.Conclusion = r.Conclusion;
        t.AccuracyClass = pass ? r.AccuracyClass?.Trim() is { Length: > 0 } c ? c : null : null;
        t.FailedItems = pass ? null : r.FailedItems!.Trim();
        t.ValidUntil = pass ? validUntil : null;
        t.Verifier = me;
        t.AssignedTo ??= me;
        t.SubmittedUtc = clock.GetUtcNow().UtcDateTime;
        t.ReturnReason = null;
        t.State = TaskState.Submitted;
        return await SaveAsync(user, t, "检定提交", VerificationLabels.Of(t.Conclusion), VerificationEvents.Submitted, ct);
    }

    /// <summary>核验: a second person, not the verifier.</summary>
    public async Task<WorkResult> CheckAsync(ClaimsPrincipal user, string id, CancellationToken ct = default)
    {
        var me = user.Identity?.Name ?? "";
        if (await LoadAsync(user, id, Permissions.CheckVerification, ct) is not { } t) return NotFound;
        if (t.State != TaskState.Submitted) return t.State == TaskState.Approved ? Locked(t) : WorkResult.Fail($"该任务{VerificationLabels.Of(t.State)}，不能核验。");
        if (t.Verifier == me) return WorkResult.Fail("不能核验自己检定的结果。");
        t.Checker = me;
        t.CheckedUtc = clock.GetUtcNow().UtcDateTime;
        t.State = TaskState.Checked;
        return await SaveAsync(user, t, "核验通过", null, null, ct);
    }

    /// <summary>批准: a third person, neither the verifier nor the checker. The result is then fixed, and the certificate feature is told.</summary>
    public async Task<WorkResult> ApproveAsync(ClaimsPrincipal user, string id, CancellationToken ct = default)
    {
        var me = user.Identity?.Name ?? "";
        if (await LoadAsync(user, id, Permissions.ApproveVerification, ct) is not { } t) return NotFound;
        if (t.State != TaskState.Checked) return t.State == TaskState.Approved ? Locked(t) : WorkResult.Fail($"该任务{VerificationLabels.Of(t.State)}，不能批准。");
        if (t.Verifier == me || t.Checker == me) return WorkResult.Fail("批准人不能是本结果的检定员或核验员。");
        t.Approver = me;
        t.ApprovedUtc = clock.GetUtcNow().UtcDateTime;
        t.State = TaskState.Approved;
        t.Open = false;
        t.WaitsForFees = await results.FeesOutstandingAsync(t.AppointmentId, ct) > 0;
        var appointment = await appointments.GetAsync(t.AppointmentId, ct);
        // For the statistics: the result with its turnaround in working days from reception, and whether it passed its due date.
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var received = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(new DateTimeOffset(t.ReceivedUtc, TimeSpan.Zero), clock.LocalTimeZone).DateTime);
        var holidays = (await reception.SettingsAsync(ct)).Holidays;
        var instrument = (await instruments.FindAnyAsync([t.InstrumentId], ct)).FirstOrDefault();
        foreach (var sink in facts)
            sink.Record(new Metrology.Core.Statistics.ProcessFact(Metrology.Core.Statistics.ProcessStep.Verified, t.InstitutionId, t.EnterpriseId, t.InstrumentId, today,
                instrument?.RegionCode, t.CatalogCode, instrument?.Usage, Passed: t.Conclusion == VerificationConclusion.Pass,
                TurnaroundDays: WorkingDays.Between(received, today, holidays), Late: today > t.DueDate));
        var result = await SaveAsync(user, t, "批准", t.WaitsForFees ? "有未缴费用：电子证书待缴费后发放" : null, VerificationEvents.Approved, ct,
            appointment is { Kind: AppointmentKind.OnSite } ? () => reception.CompleteIfDoneAsync(appointment, me, ct) : null);
        if (!result.Succeeded) return result;
        await results.ApprovedAsync(t.Id, ct);
        if (appointment is { Kind: not AppointmentKind.OnSite }
            && !await db.Set<VerificationTask>().AnyAsync(x => x.AppointmentId == t.AppointmentId && x.State != TaskState.Approved, ct))
        {
            var count = await db.Set<VerificationTask>().CountAsync(x => x.AppointmentId == t.AppointmentId && x.CollectedUtc == null, ct);
            await events.TriggerAsync(VerificationEvents.ReadyForCollection,
                VerificationEvents.AppointmentPayload(appointment, await enterprises.FindAsync(t.EnterpriseId, ct), count), $"appointment:{t.AppointmentId}", ct);
        }
        return WorkResult.Ok;
    }

    /// <summary>退回: the checker (before checking) or the approver (before approving) sends the record back to the verifier with a reason.</summary>
    public async Task<WorkResult> ReturnAsync(ClaimsPrincipal user, string id, string? reason, CancellationToken ct = default)
    {
        var me = user.Identity?.Name ?? "";
        var scope = await ScopeAsync(user, ct);
        if (await db.Set<VerificationTask>().FirstOrDefaultAsync(x => x.Id == id, ct) is not { } t || !scope.Allows(t.InstitutionId)) return NotFound;
        if (t.State is TaskState.Approved) return Locked(t);
        if (t.State is TaskState.Waiting) return WorkResult.Fail("该任务尚未提交核验。");
        var needed = t.State == TaskState.Submitted ? Permissions.CheckVerification : Permissions.ApproveVerification;
        if (!await HasAsync(user, needed)) return WorkResult.Fail(t.State == TaskState.Submitted ? "只有核验人员可以退回待核验的结果。" : "只有批准人可以退回待批准的结果。");
        if (t.Verifier == me || (t.State == TaskState.Checked && t.Checker == me)) return WorkResult.Fail("不能退回自己检定或核验的结果。");
        if (string.IsNullOrWhiteSpace(reason)) return WorkResult.Fail("请填写退回原因。", "Reason");
        if (reason.Trim().Length > 200) return WorkResult.Fail("退回原因最多 200 个字。", "Reason");
        t.State = TaskState.Waiting;
        t.Checker = null;
        t.CheckedUtc = null;
        t.ReturnReason = reason.Trim();
        return await SaveAsync(user, t, "退回", t.ReturnReason, VerificationEvents.Returned, ct);
    }

    private WorkResult NotFound => _missing ?? WorkResult.Fail("检定任务不存在，或不属于您所在的机构。");

    /// <summary>Set when the last <see cref="LoadAsync"/> failed for want of the permission (its message is clearer than "not found").</summary>
    private WorkResult? _missing;

    private static WorkResult Locked(VerificationTask t) =>
        WorkResult.Fail(t.State == TaskState.Approved ? "已批准的检定结果不能修改。" : $"该结果{VerificationLabels.Of(t.State)}，不能修改：需要修改请由核验或批准人员退回。");

    private async Task<VerificationTask?> LoadAsync(ClaimsPrincipal user, string id, Permission permission, CancellationToken ct)
    {
        if (!await HasAsync(user, permission))
        {
            _missing = WorkResult.Fail($"您没有“{permission.Description}”的权限。");
            return null;
        }
        _missing = null;
        var scope = await ScopeAsync(user, ct);
        return await db.Set<VerificationTask>().FirstOrDefaultAsync(t => t.Id == id, ct) is { } t && scope.Allows(t.InstitutionId) ? t : null;
    }

    /// <summary>The authentication type of <see cref="RecipeActor"/>: a principal made on the server for the demo recipes, never by a sign-in.</summary>
    internal const string RecipeAuthentication = "metrology-recipe";

    /// <summary>The named staff member the demo recipes act as (every permission, every institution).</summary>
    internal static ClaimsPrincipal RecipeActor(string name) => new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], RecipeAuthentication));

    private static bool IsRecipe(ClaimsPrincipal user) => user.Identity?.AuthenticationType == RecipeAuthentication;

    private async Task<bool> HasAsync(ClaimsPrincipal user, Permission permission) => IsRecipe(user) || await permissions.HasAsync(user, permission);

    private async Task<StaffScope> ScopeAsync(ClaimsPrincipal user, CancellationToken ct) => IsRecipe(user) ? new StaffScope(true, null) : await StaffScope.OfAsync(reference, user, ct);

    /// <summary>Whether the user exists, is enabled, may record results (by a role or as administrator) and works at the institution.</summary>
    /// <summary>The picker's choices: enabled users of the institution whose role grants 检定 (<see cref="Permissions.RecordVerification"/>), by name.</summary>
    public async Task<IReadOnlyList<string>> VerifiersAsync(int institutionId, CancellationToken ct = default)
    {
        var roles = db.RoleClaims.Where(c => c.ClaimType == Permission.ClaimType && c.ClaimValue == Permissions.RecordVerification.Name).Select(c => c.RoleId);
        var users = await db.Users.AsNoTracking().Where(u => u.IsEnabled && db.UserRoles.Any(ur => ur.UserId == u.Id && roles.Contains(ur.RoleId)))
            .OrderBy(u => u.UserName).Select(u => new { u.Id, u.UserName }).Take(200).ToListAsync(ct);
        var names = new List<string>();
        foreach (var u in users)
            if (await reference.InstitutionOfAsync(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, u.Id)])), ct) == institutionId)
                names.Add(u.UserName!);
        return names;
    }

    private async Task<bool> MayRecordAsync(string userName, int institutionId, CancellationToken ct)
    {
        var normalized = userName.ToUpperInvariant();
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedUserName == normalized && u.IsEnabled, ct);
        if (user is null) return false;
        var roles = db.UserRoles.Where(ur => ur.UserId == user.Id).Select(ur => ur.RoleId);
        var holds = await db.Roles.AnyAsync(r => roles.Contains(r.Id) && r.Name == StandardPermissions.AdministratorRole, ct)
            || await db.RoleClaims.AnyAsync(c => roles.Contains(c.RoleId) && c.ClaimType == Permission.ClaimType && c.ClaimValue == Permissions.RecordVerification.Name, ct);
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id)]));
        return holds && await reference.InstitutionOfAsync(principal, ct) == institutionId;
    }

    private static void Text(List<(string, string)> errors, string key, string label, string? value, int max, bool required)
    {
        if (string.IsNullOrWhiteSpace(value)) { if (required) errors.Add((key, $"请填写{label}。")); }
        else if (value.Trim().Length > max) errors.Add((key, $"{label}最多 {max} 个字。"));
    }

    private async Task<WorkResult> SaveAsync(ClaimsPrincipal user, VerificationTask t, string action, string? note, string? eventName, CancellationToken ct,
        Func<Task>? alsoInUnit = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        t.Stamp = Guid.NewGuid().ToString("N");
        db.Add(new VerificationStep { TaskId = t.Id, Utc = now, By = user.Identity?.Name ?? "", Action = action, Note = note });
        try
        {
            await contents.UnitOfWorkAsync(async () =>
            {
                await db.SaveChangesAsync(ct);
                if (alsoInUnit is not null) await alsoInUnit();
                return true;
            }, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return WorkResult.Fail("该任务刚刚已被他人处理，请刷新页面后查看。");
        }
        if (eventName is not null)
            await events.TriggerAsync(eventName, VerificationEvents.Payload(t, await enterprises.FindAsync(t.EnterpriseId, ct), t.ReturnReason), $"appointment:{t.AppointmentId}", ct);
        return WorkResult.Ok;
    }
}
