using System.Security.Claims;
using Metrology.Core.Enterprises;
using Metrology.Core.Reference;
using Metrology.Excel;

namespace Metrology.Reminders;

/// <summary>
/// 逾期跟进 (staff): instruments past valid-until without a booking, of the staff member's institution (the one they are filed
/// with), or of every institution for those who manage all; the page and its xlsx export read through the same scope.
/// </summary>
public sealed class OverdueDesk(ReminderService reminders, IInstrumentRecords instruments, IReferenceData reference, IEnterpriseDirectory enterprises)
{
    public const int ExportLimit = 50_000;

    /// <summary>Whose overdue instruments the user sees: (true, null) all institutions, (true, id) one, (false, _) none (not assigned).</summary>
    public async Task<(bool Allowed, int? InstitutionId)> ScopeAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (await reference.MayManageAllInstitutionsAsync(user)) return (true, null);
        return await reference.InstitutionOfAsync(user, ct) is int own ? (true, own) : (false, null);
    }

    public async Task<DueSearch> SearchAsync(int? institutionId, string? enterprise, string? region, int? enterpriseId, CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(await reminders.LocalNowAsync(ct));
        var named = string.IsNullOrWhiteSpace(enterprise) ? null : enterprises.IdsWhereNameContains(enterprise.Trim());
        return reminders.Unbooked(today.AddDays(-1), institutionId: institutionId, enterpriseId: enterpriseId, regionCode: region, among: named);
    }

    /// <summary>The overdue instruments as an xlsx sheet, one row per instrument, at most <see cref="ExportLimit"/>.</summary>
    public async Task<byte[]> ExportAsync(DueSearch search, CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(await reminders.LocalNowAsync(ct));
        var (items, _) = await instruments.DueAsync(search, 0, ExportLimit, ct);
        var owners = await enterprises.FindManyAsync(items.Select(i => i.EnterpriseId).Distinct(), ct);
        var regions = (await reference.RegionCodesAsync(ct)).ToDictionary(r => r.Code, r => r.Name);
        using var buffer = new MemoryStream();
        XlsxWriter.Write(buffer,
        [
            new SheetData("逾期未检器具", [new("企业名称", Width: 30), new("联系人"), new("联系电话", Width: 14), new("所属地", Width: 14), new("器具名称", Width: 20),
                new("型号规格"), new("出厂编号", Width: 20), new("自编号"), new("种别代码"), new("使用部门"), new("有效期至", Width: 12), new("逾期天数")],
                items.Select(i =>
                {
                    var owner = owners.GetValueOrDefault(i.EnterpriseId);
                    return (IReadOnlyList<string?>)[owner?.Name, owner?.ContactName, owner?.ContactMobile,
                        i.RegionCode is { } r ? regions.GetValueOrDefault(r, r) : null, i.Name, i.ModelSpec, i.SerialNumber, i.OwnNumber, i.CatalogCode,
                        i.Department, ReminderMessage.Date(i.ValidUntil), (today.DayNumber - i.ValidUntil!.Value.DayNumber).ToString()];
                })),
        ]);
        return buffer.ToArray();
    }
}
