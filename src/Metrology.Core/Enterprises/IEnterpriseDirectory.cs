using System.Security.Claims;

namespace Metrology.Core.Enterprises;

/// <summary>What other modules know of an enterprise (the Enterprises feature owns the record).</summary>
public sealed record EnterpriseInfo(int Id, string Name, string CreditCode, string ContactName, string ContactMobile,
    string? Email, string? Address, string? RegionCode, IReadOnlyList<string> Departments, bool Active);

/// <summary>The enterprises of the tenant, for the modules that keep an enterprise's data (implemented by the Enterprises feature).</summary>
public interface IEnterpriseDirectory
{
    /// <summary>The active enterprise the signed-in account acts for, read once per request; null for staff and visitors.</summary>
    Task<EnterpriseInfo?> CurrentAsync(ClaimsPrincipal user, CancellationToken ct = default);

    Task<EnterpriseInfo?> FindAsync(int id, CancellationToken ct = default);

    /// <summary>By the contact's mobile number (the login), in any state.</summary>
    Task<EnterpriseInfo?> FindByMobileAsync(string mobile, CancellationToken ct = default);

    Task<IReadOnlyDictionary<int, EnterpriseInfo>> FindManyAsync(IEnumerable<int> ids, CancellationToken ct = default);

    /// <summary>Ids of the enterprises whose name contains the text: composes into the caller's query as a sub-query.</summary>
    IQueryable<int> IdsWhereNameContains(string text);
}
