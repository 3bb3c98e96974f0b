using Metrology.Appointments.Models;
using Metrology.Core.Content;
using Metrology.Core.Data;
using Metrology.Core.Enterprises;
using Metrology.Core.Instruments;
using Metrology.Core.Reference;
using Metrology.Core.Settings;
using Metrology.Core.Workflows;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Appointments;

/// <summary>The outcome of an appointment use case: the problems (key = "" for the appointment, else the field) or none.</summary>
public sealed record AppointmentResult(IReadOnlyList<(string Key, string Message)> Errors)
{
    public static readonly AppointmentResult Ok = new([]);

    public bool Succeeded => Errors.Count == 0;

    public static AppointmentResult Fail(string message, string key = "") => new([(key, message)]);
}

/// <summary>What an on-site booking says of the visit (seed 004 §一 3 (5)).</summary>
public sealed record OnSiteDetails(string? Address, string? ContactName, string? ContactPhone, string? PreferredDates);

/// <summary>
/// The enterprise's side of booking (约检 / 量值溯源): create, add instruments from the library, submit, cancel. Every call
/// takes the enterprise (from the signed-in account) and touches only its own appointments and instruments.
/// </summary>
public sealed class AppointmentService(TenantDbContext db, ContentManager contents, IInstrumentRecords instruments, IReferenceData reference,
    DocumentStore documents, IWorkflowEvents events, TimeProvider clock)
{
    public const string ContentType = "Appointment";

    public IQueryable<AppointmentIndex> Query(int enterpriseId) => db.Set<AppointmentIndex>().AsNoTracking().Where(a => a.EnterpriseId == enterpriseId);

    public Task<AppointmentSettings> SettingsAsync(CancellationToken ct = default) => documents.GetAsync<AppointmentSettings>(ct);

    /// <summary>The ids of the enterprise's instruments that are in an open appointment.</summary>
    public IQueryable<string> BusyInstruments(int enterpriseId) =>
        db.Set<AppointmentLineIndex>().AsNoTracking().Where(l => l.Open && l.EnterpriseId == enterpriseId).Select(l => l.InstrumentId);

    public async Task<(ContentItem Item, AppointmentPart Part)?> GetAsync(int enterpriseId, string id, CancellationToken ct = default)
    {
        if (!await Query(enterpriseId).AnyAsync(a => a.ContentItemId == id, ct)) return null;
        return await contents.GetAsync(id, VersionOptions.Latest, ct) is { } item ? (item, AppointmentPart.Of(item)) : null;
    }

    /// <summary>增加 / 保存委托单: a self-delivery gets its delivery number at once; a booking starts as a draft.</summary>
    public async Task<(string? Id, AppointmentResult Result)> CreateAsync(EnterpriseInfo enterprise, AppointmentKind kind, int institutionId, OnSiteDetails? onSite,
        string? userName, CancellationToken ct = default)
    {
        var settings = await SettingsAsync(ct);
        if (!settings.Kinds.Contains(kind)) return (null, AppointmentResult.Fail($"本站不办理{AppointmentLabels.Of(kind)}。", "Kind"));
        if ((await reference.InstitutionsAsync(ct)).All(i => i.Id != institutionId)) return (null, AppointmentResult.Fail("请选择检定机构。", "InstitutionId"));
        var part = new AppointmentPart { EnterpriseId = enterprise.Id, InstitutionId = institutionId, Kind = kind, State = AppointmentState.Draft };
        if (kind == AppointmentKind.OnSite)
        {
            var errors = new List<(string, string)>();
            if (string.IsNullOrWhiteSpace(onSite?.Address)) errors.Add(("Address", "请填写现场检定地址。"));
            else if (onSite.Address.Trim().Length > 200) errors.Add(("Address", "地址最多 200 个字。"));
            if (string.IsNullOrWhiteSpace(onSite?.ContactName)) errors.Add(("ContactName", "请填写现场联系人。"));
            else if (onSite.ContactName.Trim().Length > 20) errors.Add(("ContactName", "联系人最多 20 个字。"));
            if (string.IsNullOrWhiteSpace(onSite?.ContactPhone)) errors.Add(("ContactPhone", "请填写联系电话。"));
            else if (!System.Text.RegularExpressions.Regex.IsMatch(onSite.ContactPhone.Trim(), @"^[0-9\-+ ]{7,20}$")) errors.Add(("ContactPhone", "联系电话格式不正确。"));
            if (string.IsNullOrWhiteSpace(onSite?.PreferredDates)) errors.Add(("PreferredDates", "请填写希望检定的日期。"));
            else if (onSite.PreferredDates.Trim().Length > 100) errors.Add(("PreferredDates", "希望日期最多 100 个字。"));
            if (errors.Count > 0) return (null, new AppointmentResult(errors));
            part = part with
            {
                Address = onSite!.Address!.Trim(), ContactName = onSite.ContactName!.Trim(), ContactPhone = onSite.ContactPhone!.Trim(),
                PreferredDates = onSite.PreferredDates!.Trim(),
            };
        }
        // Two appointments created at once may draw the same number (or the same sequence): the unique indexes refuse the
        // second save, which then draws again.
        for (var attempt = 0; ; attempt++)
        {
            var item = await contents.NewAsync(ContentType, userName, ct);
            var numbered = part with { Number = await AppointmentNumbers.NextAsync(db, clock, ct) };
            if (kind == AppointmentKind.SelfDelivery)
                numbered = numbered with { State = AppointmentState.Confirmed, DeliveryNumber = await AppointmentNumbers.DeliveryAsync(db, ct) };
            numbered.WriteTo(item);
            try
            {
                var saved = await contents.SaveAsync(item, true, userName, null, ct);
                return saved.Succeeded ? (item.ContentItemId, AppointmentResult.Ok) : (null, new AppointmentResult(saved.Errors));
            }
            catch (DbUpdateException) when (attempt < 30)
            {
                // On PostgreSQL the racers really run at once: each round lets at least one through, and a short random
                // pause spreads the others so that they do not draw the same sequence again.
                db.ChangeTracker.Clear();
                await Task.Delay(System.Security.Cryptography.RandomNumberGenerator.GetInt32(5, 20 + attempt * 10), ct);
            }
        }
    }

    /// <summary>从设备库导入: the enterprise's filed instruments, filed with the appointment's institution, in no other open appointment, within the window.</summary>
    public async Task<AppointmentResult> AddAsync(EnterpriseInfo enterprise, string id, IEnumerable<string> instrumentIds, string? userName, CancellationToken ct = default)
    {
        if (await GetAsync(enterprise.Id, id, ct) is not { } found) return AppointmentResult.Fail("约检单不存在。");
        var (item, part) = found;
        if (NotEditable(part) is { } why) return AppointmentResult.Fail(why);
        var ids = instrumentIds.Where(i => part.Lines.All(l => l.InstrumentId != i)).Distinct().ToList();
        if (ids.Count == 0) return AppointmentResult.Fail("请选择要约检的器具。");
        var picked = await instruments.FindAsync(enterprise.Id, ids, ct);
        if (picked.Count != ids.Count) return AppointmentResult.Fail("所选器具不存在或不属于本单位。");
        var errors = await CheckAsync(enterprise.Id, id, part, picked, ct);
        if (errors.Count > 0) return new AppointmentResult(errors);

        var discipline = part.Discipline;
        if (part.Kind == AppointmentKind.OnSite)
        {
            // The lab of the item's discipline confirms; where the institution has no such lab, its office does (discipline null).
            var labs = (await reference.DepartmentsAsync(part.InstitutionId, ct)).Where(d => d.ConfirmsBookings && d.Discipline is not null).Select(d => d.Discipline).ToHashSet();
            foreach (var i in picked)
            {
                var d = i.CatalogCode is { } code ? await reference.DisciplineOfAsync(code, ct) : null;
                if (!labs.Contains(d)) d = null;
                if (part.Lines.Count == 0 && i == picked[0]) discipline = d;
                else if (d != discipline)
                    errors.Add(("", $"「{i.Name}」（出厂编号 {i.SerialNumber}）由{AppointmentLabels.Lab(d)}现场检定，本预约单的器具由{AppointmentLabels.Lab(discipline)}检定：请按检定室分别预约。"));
            }
            if (errors.Count > 0) return new AppointmentResult(errors);
        }
        var first = part.Lines.Count == 0;
        var changed = part with
        {
            Discipline = discipline,
            Lines = part.Lines.Concat(picked.Select(i => new AppointmentLine
            {
                InstrumentId = i.Id, Name = i.Name, ModelSpec = i.ModelSpec, SerialNumber = i.SerialNumber, OwnNumber = i.OwnNumber,
                CatalogCode = i.CatalogCode, ValidUntil = i.ValidUntil,
            })).ToList(),
        };
        var result = await SaveAsync(item, changed, userName, ct);
        // A self-delivery is ready once it holds instruments: the enterprise is sent its number.
        if (result.Succeeded && first && part.Kind == AppointmentKind.SelfDelivery)
            await events.TriggerAsync(AppointmentEvents.Confirmed, await PayloadAsync(enterprise, changed, item.ContentItemId, null, ct), $"appointment:{item.ContentItemId}", ct);
        return result;
    }

    public async Task<AppointmentResult> RemoveLineAsync(int enterpriseId, string id, string instrumentId, string? userName, CancellationToken ct = default)
    {
        if (await GetAsync(enterpriseId, id, ct) is not { } found) return AppointmentResult.Fail("约检单不存在。");
        if (NotEditable(found.Part) is { } why) return AppointmentResult.Fail(why);
        return await SaveAsync(found.Item, found.Part with { Lines = found.Part.Lines.Where(l => l.InstrumentId != instrumentId).ToList() }, userName, ct);
    }

    /// <summary>提交委托单: a booking goes to the institution, which confirms it; every line is checked again (the window may have closed since).</summary>
    public async Task<AppointmentResult> SubmitAsync(EnterpriseInfo enterprise, string id, string? userName, CancellationToken ct = default)
    {
        if (await GetAsync(enterprise.Id, id, ct) is not { } found) return AppointmentResult.Fail("约检单不存在。");
        var (item, part) = found;
        if (part.Kind == AppointmentKind.SelfDelivery) return AppointmentResult.Fail("自助送检无需提交：凭自助送检编号直接送检。");
        if (part.State != AppointmentState.Draft) return AppointmentResult.Fail(NotEditable(part) ?? "约检单已提交。");
        if (part.Lines.Count == 0) return AppointmentResult.Fail("约检单中还没有器具：请先从设备库导入。");
        var current = await instruments.FindAsync(enterprise.Id, part.Lines.Select(l => l.InstrumentId), ct);
        if (current.Count != part.Lines.Count) return AppointmentResult.Fail("约检单中有器具已不在器具库中，请移除后再提交。");
        var errors = await CheckAsync(enterprise.Id, id, part, current, ct);
        if (errors.Count > 0) return new AppointmentResult(errors);
        var submitted = part with { State = AppointmentState.Submitted, SubmittedUtc = clock.GetUtcNow().UtcDateTime };
        var result = await SaveAsync(item, submitted, userName, ct);
        if (result.Succeeded)
            await events.TriggerAsync(AppointmentEvents.Submitted, await PayloadAsync(enterprise, submitted, id, null, ct), $"appointment:{id}", ct);
        return result;
    }

    /// <summary>取消: before the counter or the verifier received it; the instruments and the number are free again.</summary>
    public async Task<AppointmentResult> CancelAsync(EnterpriseInfo enterprise, string id, string? userName, CancellationToken ct = default)
    {
        if (await GetAsync(enterprise.Id, id, ct) is not { } found) return AppointmentResult.Fail("约检单不存在。");
        var (item, part) = found;
        if (!part.IsOpen) return AppointmentResult.Fail(NotEditable(part)!);
        var cancelled = part with { State = AppointmentState.Cancelled, CancelledUtc = clock.GetUtcNow().UtcDateTime };
        var result = await SaveAsync(item, cancelled, userName, ct);
        if (result.Succeeded && part.State != AppointmentState.Draft)
            await events.TriggerAsync(AppointmentEvents.Cancelled, await PayloadAsync(enterprise, cancelled, id, null, ct), $"appointment:{id}", ct);
        return result;
    }

    internal static string? NotEditable(AppointmentPart part) => part switch
    {
        { IsEditable: true } => null,
        { State: AppointmentState.Cancelled } => "约检单已取消，不能再修改。",
        { State: AppointmentState.Received } => "约检单已被检定机构接收，不能再修改或取消。",
        { State: AppointmentState.Declined } => "检定机构未确认该约检单，不能再修改：请新建约检单。",
        { State: AppointmentState.Submitted } => "约检单已提交，等待检定机构确认，不能再修改。",
        _ => "约检单已确认，不能再修改。",
    };

    private async Task<List<(string, string)>> CheckAsync(int enterpriseId, string id, AppointmentPart part, IReadOnlyList<InstrumentSummary> picked, CancellationToken ct)
    {
        var settings = await SettingsAsync(ct);
        var institution = (await reference.InstitutionsAsync(ct)).FirstOrDefault(i => i.Id == part.InstitutionId)?.Name ?? "";
        var pickedIds = picked.Select(i => i.Id).ToList();
        var busy = await db.Set<AppointmentLineIndex>().AsNoTracking().Where(l => l.Open && l.AppointmentId != id && pickedIds.Contains(l.InstrumentId))
            .Select(l => l.InstrumentId).ToListAsync(ct);
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        return picked.Select(i => AppointmentRules.CannotBook(i, part.InstitutionId, institution, busy.Contains(i.Id), settings, today))
            .OfType<string>().Select(m => ("", m)).ToList();
    }

    internal async Task<object> PayloadAsync(EnterpriseInfo enterprise, AppointmentPart part, string id, string? reason, CancellationToken ct)
    {
        var institution = (await reference.InstitutionsAsync(ct)).FirstOrDefault(i => i.Id == part.InstitutionId);
        var departments = await reference.DepartmentsAsync(part.InstitutionId, ct);
        return AppointmentEvents.Payload(enterprise, part, id, institution, departments, reason);
    }

    private async Task<AppointmentResult> SaveAsync(ContentItem item, AppointmentPart part, string? userName, CancellationToken ct)
    {
        part.WriteTo(item);
        try
        {
            var result = await contents.SaveAsync(item, true, userName, item.ContentItemVersionId, ct);
            return result.Succeeded ? AppointmentResult.Ok : new AppointmentResult(result.Errors);
        }
        catch (ContentConflictException)
        {
            return AppointmentResult.Fail("该约检单刚刚已被修改，请刷新页面后重试。");
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return AppointmentResult.Fail("所选器具刚刚已加入另一份约检单。");
        }
    }
}
