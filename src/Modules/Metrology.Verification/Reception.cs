using System.Security.Claims;
using Metrology.Core.Content;
using Metrology.Core.Data;
using Metrology.Core.Enterprises;
using Metrology.Core.Instruments;
using Metrology.Core.Reference;
using Metrology.Core.Settings;
using Metrology.Core.Workflows;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Verification;

/// <summary>
/// 收件 / 接收登记 and 用户取回仪器 at the counter (seed 000 steps 7 and 9, seed 004 §一 3 (8)): find the appointment, receive all or
/// some of its instruments (only filed with and booked at this institution), print the receipt, hand the verified instruments back.
/// Every call is limited to the staff member's institution (<see cref="StaffScope"/>).
/// </summary>
public sealed class Reception(TenantDbContext db, ContentManager contents, IAppointmentRecords appointments, IInstrumentRecords instruments,
    IReferenceData reference, DocumentStore documents, IEnterpriseDirectory enterprises, IWorkflowEvents events, VerificationResults results,
    IEnumerable<Metrology.Core.Statistics.IProcessFacts> facts, TimeProvider clock)
{
    public Task<VerificationSettings> SettingsAsync(CancellationToken ct = default) => documents.GetAsync<VerificationSettings>(ct);

    /// <summary>The appointments the typed or scanned text finds at the staff member's institution, or why there is none to receive.</summary>
    public async Task<(IReadOnlyList<AppointmentInfo> Found, string? Refusal)> FindAsync(StaffScope scope, string? query, CancellationToken ct = default)
    {
        query = query?.Trim() ?? "";
        if (query.Length == 0 || scope.None) return ([], null);
        if (query.Length > 100) return ([], "输入过长。");
        var found = await appointments.FindForCounterAsync(scope.All ? null : scope.InstitutionId, query, 20, ct);
        if (found.Count > 0) return (found, null);
        if (!scope.All && (await appointments.FindForCounterAsync(null, query, 1, ct)).FirstOrDefault() is { } elsewhere)
        {
            var name = (await reference.InstitutionsAsync(ct)).FirstOrDefault(i => i.Id == elsewhere.InstitutionId)?.Name;
            return ([], $"「{query}」约检的是「{name}」，本机构不予接收。{VerificationLabels.Rule}");
        }
        return ([], $"没有找到「{query}」的已确认约检：没有备案、约检的器具不予接收。{VerificationLabels.Rule}");
    }

    public async Task<(AppointmentInfo Appointment, IReadOnlyList<VerificationTask> Tasks)?> GetAsync(StaffScope scope, string id, CancellationToken ct = default)
    {
        if (await appointments.GetAsync(id, ct) is not { } a || !scope.Allows(a.InstitutionId)) return null;
        if (a.State is not (AppointmentState.Confirmed or AppointmentState.Received or AppointmentState.Completed)) return null;
        return (a, await TasksOfAsync(id, ct));
    }

    public async Task<IReadOnlyList<VerificationTask>> TasksOfAsync(string appointmentId, CancellationToken ct = default) =>
        await db.Set<VerificationTask>().AsNoTracking().Where(t => t.AppointmentId == appointmentId).OrderBy(t => t.ReceivedUtc).ThenBy(t => t.SerialNumber).ToListAsync(ct);

    /// <summary>
    /// The points the staff member may receive at for the institution: the ones of their department(s) when they work at a point,
    /// else all of the institution's (an institution without configured points has one: 业务大厅 at its first address).
    /// </summary>
    public async Task<IReadOnlyList<ReceptionPoint>> PointsForAsync(ClaimsPrincipal user, int institutionId, CancellationToken ct = default)
    {
        var points = (await SettingsAsync(ct)).Points.Where(p => p.InstitutionId == institutionId).ToList();
        if (points.Count == 0)
        {
            var institution = (await reference.InstitutionsAsync(ct)).FirstOrDefault(i => i.Id == institutionId);
            return [new ReceptionPoint { InstitutionId = institutionId, Name = "业务大厅", Address = institution?.Addresses?.Split('\n')[0] }];
        }
        var mine = (await reference.DepartmentsOfAsync(user, ct)).Where(d => d.InstitutionId == institutionId).Select(d => d.Name).ToHashSet();
        var assigned = points.Where(p => p.Department is { } d && mine.Contains(d)).ToList();
        return assigned.Count > 0 ? assigned : points;
    }

    /// <summary>接收: the chosen lines become verification tasks of their labs, and the appointment is received, in one transaction.</summary>
    public async Task<WorkResult> ReceiveAsync(ClaimsPrincipal user, StaffScope scope, string appointmentId, IReadOnlyCollection<string> instrumentIds, string? point,
        CancellationToken ct = default)
    {
        var who = user.Identity?.Name ?? "";
        if (await appointments.GetAsync(appointmentId, ct) is not { } a || !scope.Allows(a.InstitutionId)) return WorkResult.Fail($"约检单不存在，或不在本机构受理。{VerificationLabels.Rule}");
        if (a.State is not (AppointmentState.Confirmed or AppointmentState.Received))
            return WorkResult.Fail(a.State == AppointmentState.Completed ? "该约检单已完成。" : $"该约检单尚未确认，不予接收。{VerificationLabels.Rule}");
        var ids = instrumentIds.Distinct().ToList();
        if (ids.Count == 0) return WorkResult.Fail("请勾选要接收的器具。", "Selected");
        var points = await PointsForAsync(user, a.InstitutionId, ct);
        var chosen = points.FirstOrDefault(p => p.Name == point?.Trim()) ?? (points.Count == 1 ? points[0] : null);
        if (chosen is null) return WorkResult.Fail("请选择接收点。", "Point");

        var lines = a.Lines.Where(l => ids.Contains(l.InstrumentId)).ToList();
        if (lines.Count != ids.Count) return WorkResult.Fail("所选器具不在该约检单中。", "Selected");
        var received = await db.Set<VerificationTask>().AsNoTracking().Where(t => t.AppointmentId == appointmentId && ids.Contains(t.InstrumentId))
            .Select(t => t.InstrumentId).ToListAsync(ct);
        var summaries = (await instruments.FindAnyAsync(ids, ct)).ToDictionary(i => i.Id);
        var errors = new List<(string, string)>();
        foreach (var l in lines)
        {
            var label = $"「{l.Name}」（出厂编号 {l.SerialNumber}）";
            if (received.Contains(l.InstrumentId)) errors.Add(("Selected", $"{label}已接收。"));
            else if (!summaries.TryGetValue(l.InstrumentId, out var s) || !s.Active) errors.Add(("Selected", $"{label}已不在企业器具库中，不予接收。"));
            else if (s.Filing != FilingStatus.Filed || s.FilingInstitutionId != a.InstitutionId)
                errors.Add(("Selected", $"{label}未向本机构备案，不予接收。{VerificationLabels.Rule}"));
        }
        if (errors.Count > 0) return new WorkResult(errors);

        var settings = await SettingsAsync(ct);
        var labs = (await reference.DepartmentsAsync(a.InstitutionId, ct)).Where(d => d.Discipline is not null).Select(d => d.Discipline!).ToHashSet();
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var tasks = new List<VerificationTask>();
        foreach (var l in lines)
        {
            var s = summaries[l.InstrumentId];
            var discipline = s.CatalogCode is { } code ? await reference.DisciplineOfAsync(code, ct) : null;
            if (discipline is not null && !labs.Contains(discipline)) discipline = null;
            tasks.Add(new VerificationTask
            {
                AppointmentId = a.Id, AppointmentNumber = a.Number, AppointmentKind = a.Kind, InstrumentId = s.Id, EnterpriseId = a.EnterpriseId,
                InstitutionId = a.InstitutionId, Discipline = discipline, InstrumentName = s.Name, ModelSpec = s.ModelSpec, SerialNumber = s.SerialNumber,
                OwnNumber = s.OwnNumber, CatalogCode = s.CatalogCode, Manufacturer = s.Manufacturer, ReceptionPoint = chosen.Name, ReceivedUtc = now,
                ReceivedBy = who, DueDate = WorkingDays.Add(today, settings.TurnaroundFor(discipline), settings.Holidays), State = TaskState.Waiting,
            });
        }
        string? refused = null;
        try
        {
            var done = await contents.UnitOfWorkAsync(async () =>
            {
                refused = await appointments.MarkReceivedAsync(a.Id, who, ct);
                if (refused is not null) return false;
                db.AddRange(tasks);
                foreach (var t in tasks)
                foreach (var sink in facts)
                    sink.Record(new Metrology.Core.Statistics.ProcessFact(Metrology.Core.Statistics.ProcessStep.Received, t.InstitutionId, t.EnterpriseId, t.InstrumentId, today,
                        summaries[t.InstrumentId].RegionCode, t.CatalogCode, summaries[t.InstrumentId].Usage));
                db.AddRange(tasks.Select(t => new VerificationStep { TaskId = t.Id, Utc = now, By = who, Action = "接收", Note = $"{chosen.Name}，{VerificationLabels.Lab(t.Discipline)}规定 {VerificationLabels.Date(t.DueDate)} 前完成" }));
                return true;
            }, ct);
            if (!done) return WorkResult.Fail(refused ?? "未能接收，请重试。");
        }
        catch (DbUpdateException)
        {
            return WorkResult.Fail("所选器具刚刚已被接收，请刷新页面后查看。");
        }
        catch (ContentConflictException)
        {
            return WorkResult.Fail("该约检单刚刚已被修改，请刷新页面后重试。");
        }
        var enterprise = await enterprises.FindAsync(a.EnterpriseId, ct);
        foreach (var t in tasks) await events.TriggerAsync(VerificationEvents.Received, VerificationEvents.Payload(t, enterprise), $"appointment:{a.Id}", ct);
        return WorkResult.Ok;
    }

    /// <summary>用户取回仪器: approved instruments are handed back to the named person; the appointment completes when every line is verified and collected.</summary>
    public async Task<WorkResult> CollectAsync(ClaimsPrincipal user, StaffScope scope, string appointmentId, IReadOnlyCollection<string> taskIds, string? collectedBy,
        CancellationToken ct = default)
    {
        var who = user.Identity?.Name ?? "";
        if (await appointments.GetAsync(appointmentId, ct) is not { } a || !scope.Allows(a.InstitutionId)) return WorkResult.Fail("约检单不存在，或不在本机构受理。");
        if (string.IsNullOrWhiteSpace(collectedBy)) return WorkResult.Fail("请填写取件人。", "CollectedBy");
        if (collectedBy.Trim().Length > 50) return WorkResult.Fail("取件人最多 50 个字。", "CollectedBy");
        if (taskIds.Count == 0) return WorkResult.Fail("请勾选取回的器具。", "Collect");
        var tasks = await db.Set<VerificationTask>().Where(t => t.AppointmentId == appointmentId && taskIds.Contains(t.Id)).ToListAsync(ct);
        if (tasks.Count != taskIds.Distinct().Count()) return WorkResult.Fail("所选器具不在该约检单中。", "Collect");
        var errors = tasks.Where(t => t.State != TaskState.Approved || t.CollectedUtc is not null)
            .Select(t => ("Collect", t.CollectedUtc is not null ? $"「{t.InstrumentName}」（{t.SerialNumber}）已取回。" : $"「{t.InstrumentName}」（{t.SerialNumber}）尚未批准检定结果，不能取回。")).ToList();
        if (errors.Count > 0) return new WorkResult(errors);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var t in tasks)
        {
            t.CollectedUtc = now;
            t.CollectedBy = collectedBy.Trim();
            t.HandedOverBy = who;
            t.Stamp = Guid.NewGuid().ToString("N");
            db.Add(new VerificationStep { TaskId = t.Id, Utc = now, By = who, Action = "取回", Note = $"取件人 {t.CollectedBy}" });
        }
        try
        {
            await contents.UnitOfWorkAsync(async () =>
            {
                await db.SaveChangesAsync(ct);
                await CompleteIfDoneAsync(a, who, ct);
                return true;
            }, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return WorkResult.Fail("所选器具刚刚已被他人办理，请刷新页面后查看。");
        }
        var enterprise = await enterprises.FindAsync(a.EnterpriseId, ct);
        foreach (var t in tasks) await events.TriggerAsync(VerificationEvents.Collected, VerificationEvents.Payload(t, enterprise), $"appointment:{a.Id}", ct);
        return WorkResult.Ok;
    }

    /// <summary>已完成 (in the caller's unit of work): every line approved and, for a delivery, collected.</summary>
    internal async Task CompleteIfDoneAsync(AppointmentInfo a, string who, CancellationToken ct)
    {
        var tasks = await db.Set<VerificationTask>().Where(t => t.AppointmentId == a.Id).ToListAsync(ct);
        var done = a.Lines.All(l => tasks.Any(t => t.InstrumentId == l.InstrumentId && t.State == TaskState.Approved
            && (a.Kind == AppointmentKind.OnSite || t.CollectedUtc is not null)));
        if (done) await appointments.MarkCompletedAsync(a.Id, who, ct);
    }

    /// <summary>What the enterprise still owes on the appointment.</summary>
    public Task<decimal> OutstandingAsync(string appointmentId, CancellationToken ct = default) => results.FeesOutstandingAsync(appointmentId, ct);
}
