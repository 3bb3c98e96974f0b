using System.Security.Claims;
using Metrology.Core.Data;
using Metrology.Core.Reference;
using Metrology.ReferenceData.Models;
using Microsoft.EntityFrameworkCore;

namespace Metrology.ReferenceData;

/// <summary>The catalog, regions and institutions as other modules see them (<see cref="IReferenceData"/>).</summary>
internal sealed class ReferenceDirectory(TenantDbContext db, StaffScope staff) : IReferenceData
{
    public async Task<CatalogEntry?> CatalogItemAsync(string code, CancellationToken ct = default) =>
        await db.Set<CatalogItem>().AsNoTracking().FirstOrDefaultAsync(c => c.Code == code, ct) is { } c ? Entry(c) : null;

    public async Task<IReadOnlyList<(string Code, string Name)>> CatalogCodesAsync(CancellationToken ct = default) =>
        (await db.Set<CatalogItem>().AsNoTracking().OrderBy(c => c.Code).Select(c => new { c.Code, c.Name }).ToListAsync(ct))
            .Select(c => (c.Code, c.Name)).ToList();

    public async Task<IReadOnlyList<(string Code, string Name)>> RegionCodesAsync(CancellationToken ct = default) =>
        (await db.Set<Region>().AsNoTracking().OrderBy(r => r.Code).Select(r => new { r.Code, r.Name }).ToListAsync(ct))
            .Select(r => (r.Code, r.Name)).ToList();

    public Task<bool> CatalogCodeExistsAsync(string code, CancellationToken ct = default) => db.Set<CatalogItem>().AnyAsync(c => c.Code == code, ct);

    public Task<bool> RegionCodeExistsAsync(string code, CancellationToken ct = default) => db.Set<Region>().AnyAsync(r => r.Code == code, ct);

    public async Task<IReadOnlyList<InstitutionEntry>> InstitutionsAsync(CancellationToken ct = default) =>
        (await db.Set<Institution>().AsNoTracking().OrderBy(i => i.Id).ToListAsync(ct)).Select(Entry).ToList();

    public async Task<IReadOnlyList<InstitutionEntry>> InstitutionsVerifyingAsync(string catalogCode, CancellationToken ct = default)
    {
        var item = db.Set<CatalogItem>().Where(c => c.Code == catalogCode).Select(c => c.Id);
        var ids = db.Set<InstitutionCapability>().Where(c => item.Contains(c.CatalogItemId)).Select(c => c.InstitutionId);
        return (await db.Set<Institution>().AsNoTracking().Where(i => ids.Contains(i.Id)).OrderBy(i => i.Id).ToListAsync(ct)).Select(Entry).ToList();
    }

    public Task<int?> InstitutionOfAsync(ClaimsPrincipal user, CancellationToken ct = default) => staff.InstitutionOfAsync(user, ct);

    public Task<bool> MayManageAllInstitutionsAsync(ClaimsPrincipal user) => staff.MayManageAllAsync(user);

    public async Task<string?> DisciplineOfAsync(string catalogCode, CancellationToken ct = default)
    {
        var discipline = await db.Set<CatalogItem>().AsNoTracking().Where(c => c.Code == catalogCode).Select(c => (Discipline?)c.Discipline).FirstOrDefaultAsync(ct);
        return discipline is null or Discipline.None ? null : discipline.ToString();
    }

    public async Task<IReadOnlyList<DepartmentEntry>> DepartmentsAsync(int institutionId, CancellationToken ct = default) =>
        (await db.Set<Department>().AsNoTracking().Where(d => d.InstitutionId == institutionId).OrderBy(d => d.Id).ToListAsync(ct)).Select(Entry).ToList();

    public async Task<IReadOnlyList<DepartmentEntry>> DepartmentsOfAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var mine = db.Set<StaffDepartment>().Where(s => s.UserId == id).Select(s => s.DepartmentId);
        return (await db.Set<Department>().AsNoTracking().Where(d => mine.Contains(d.Id)).OrderBy(d => d.Id).ToListAsync(ct)).Select(Entry).ToList();
    }

    private static DepartmentEntry Entry(Department d) => new(d.Id, d.InstitutionId, d.Name, d.Phones,
        d.Duties.HasFlag(DepartmentDuty.BookingConfirmation), d.Discipline == Discipline.None ? null : d.Discipline.ToString());

    private static CatalogEntry Entry(CatalogItem c) =>
        new(c.Code, c.Name, Labels.Of(c.Marking), c.PeriodMonths, c.Regulation, Labels.CodesOf(c.Usages).ToList(), c.IsVerifiable);

    private static InstitutionEntry Entry(Institution i) => new(i.Id, i.Name, i.Addresses, i.Phone);
}
