using System.Security.Claims;

namespace Metrology.Core.Reference;

/// <summary>A catalog item as other modules see it. <c>Marking</c> is "P", "V" or "P+V"; usages are the codes 1–4.</summary>
public sealed record CatalogEntry(string Code, string Name, string Marking, int? PeriodMonths, string? Regulation,
    IReadOnlyList<int> Usages, bool IsVerifiable);

/// <summary>A verification institution of the tenant (检定机构 / 分院).</summary>
public sealed record InstitutionEntry(int Id, string Name, string? Addresses, string? Phone);

/// <summary>
/// A department or laboratory of an institution as other modules see it. <c>Discipline</c> is the lab's discipline
/// ("Electrical", "Mechanics", "Thermal", "Length", "MandatoryRoom", "Chemistry") or null for an office.
/// </summary>
public sealed record DepartmentEntry(int Id, int InstitutionId, string Name, string? Phones, bool ConfirmsBookings, string? Discipline);

/// <summary>The tenant's catalog, regions and institutions, and which institution a staff member belongs to (implemented by the ReferenceData feature).</summary>
public interface IReferenceData
{
    Task<CatalogEntry?> CatalogItemAsync(string code, CancellationToken ct = default);

    /// <summary>(code, name) of every catalog item, by code.</summary>
    Task<IReadOnlyList<(string Code, string Name)>> CatalogCodesAsync(CancellationToken ct = default);

    /// <summary>(code, name) of every region, by code.</summary>
    Task<IReadOnlyList<(string Code, string Name)>> RegionCodesAsync(CancellationToken ct = default);

    Task<bool> CatalogCodeExistsAsync(string code, CancellationToken ct = default);

    Task<bool> RegionCodeExistsAsync(string code, CancellationToken ct = default);

    Task<IReadOnlyList<InstitutionEntry>> InstitutionsAsync(CancellationToken ct = default);

    /// <summary>The institutions whose verifiable catalog items include <paramref name="catalogCode"/>.</summary>
    Task<IReadOnlyList<InstitutionEntry>> InstitutionsVerifyingAsync(string catalogCode, CancellationToken ct = default);

    /// <summary>The institution a staff member is assigned to, or null.</summary>
    Task<int?> InstitutionOfAsync(ClaimsPrincipal user, CancellationToken ct = default);

    /// <summary>The discipline of the lab that verifies a catalog item on site (see <see cref="DepartmentEntry.Discipline"/>), or null.</summary>
    Task<string?> DisciplineOfAsync(string catalogCode, CancellationToken ct = default);

    /// <summary>The departments of an institution.</summary>
    Task<IReadOnlyList<DepartmentEntry>> DepartmentsAsync(int institutionId, CancellationToken ct = default);

    /// <summary>The departments a staff member is assigned to.</summary>
    Task<IReadOnlyList<DepartmentEntry>> DepartmentsOfAsync(ClaimsPrincipal user, CancellationToken ct = default);

    /// <summary>True for staff who may see every institution's work (ManageInstitutions).</summary>
    Task<bool> MayManageAllInstitutionsAsync(ClaimsPrincipal user);
}
