namespace Metrology.Core.Instruments;

/// <summary>Where an instrument stands with filing (备案).</summary>
public enum FilingStatus
{
    NotFiled = 0,
    Submitted = 1,
    Filed = 2,
    Rejected = 3,
}

/// <summary>An instrument as the process modules (filing, booking, verification) see it; the Instruments feature owns the record.</summary>
public sealed record InstrumentSummary(string Id, int EnterpriseId, string Name, string ModelSpec, string SerialNumber, string? OwnNumber,
    string? CatalogCode, int? Usage, int? Method, string? Department, string? Location, string? RegionCode, bool Active, bool Mandatory,
    FilingStatus Filing, int? FilingInstitutionId, DateOnly? FiledOn, DateOnly? ValidUntil, string? Manufacturer = null);

/// <summary>Which of an enterprise's instruments a picker lists.</summary>
public sealed record InstrumentSearch(string? Name = null, string? SerialContains = null, string? CatalogCode = null, string? Department = null,
    FilingStatus? Filing = null, int? FiledWith = null, DateOnly? ValidFrom = null, DateOnly? ValidTo = null, IReadOnlyCollection<string>? Except = null);

/// <summary>
/// Which instruments are due for verification across enterprises (the reminder job, the overdue follow-up): mandatory, active
/// instruments with a valid-until on or before <see cref="To"/> (and on or after <see cref="From"/>, when given), optionally of
/// the institution they are filed with, one enterprise, one region (the instrument's 所属地代码), the enterprises of a sub-query,
/// and without the ids of <see cref="Except"/> (a sub-query, e.g. the instruments in an open appointment).
/// </summary>
public sealed record DueSearch(DateOnly To, DateOnly? From = null, int? InstitutionId = null, int? EnterpriseId = null, string? RegionCode = null,
    IQueryable<int>? Enterprises = null, IQueryable<string>? Except = null);

/// <summary>What <see cref="IInstrumentRecords.CountDueAsync"/> counts due instruments by.</summary>
public enum DueGrouping
{
    Region = 0,
    Catalog = 1,
    Usage = 2,

    /// <summary>The month of valid-until, as yyyyMM.</summary>
    Month = 3,
}

/// <summary>An enterprise's share of a <see cref="DueSearch"/>: how many instruments and the earliest valid-until.</summary>
public sealed record DueGroup(int EnterpriseId, int Count, DateOnly Earliest);

/// <summary>
/// What a process step changes on an instrument; a null member is left as it is. Filing values that a filing line
/// completes (catalog item, usage, method, department, location) are checked by the library's rules on save.
/// </summary>
public sealed record InstrumentChange(FilingStatus? Filing = null, int? FilingInstitutionId = null, bool? ClearFilingInstitution = null,
    bool? Mandatory = null, DateOnly? FiledOn = null, string? CatalogCode = null, int? Usage = null, int? Method = null,
    string? Department = null, string? Location = null, DateOnly? ValidUntil = null, DateOnly? LastVerificationDate = null);

/// <summary>The instrument library as the process modules use it (implemented by the Instruments feature).</summary>
public interface IInstrumentRecords
{
    /// <summary>The enterprise's instruments among <paramref name="ids"/> (others' are left out).</summary>
    Task<IReadOnlyList<InstrumentSummary>> FindAsync(int enterpriseId, IEnumerable<string> ids, CancellationToken ct = default);

    /// <summary>Instruments of any enterprise by id, for staff pages that have checked their own scope.</summary>
    Task<IReadOnlyList<InstrumentSummary>> FindAnyAsync(IEnumerable<string> ids, CancellationToken ct = default);

    /// <summary>A page of the enterprise's active instruments that pass the search, by name, with the total.</summary>
    Task<(IReadOnlyList<InstrumentSummary> Items, int Total)> SearchAsync(int enterpriseId, InstrumentSearch search, int skip, int take, CancellationToken ct = default);

    /// <summary>A page of the due instruments (<see cref="DueSearch"/>) by enterprise, then valid-until, then name, with the total.</summary>
    Task<(IReadOnlyList<InstrumentSummary> Items, int Total)> DueAsync(DueSearch search, int skip, int take, CancellationToken ct = default);

    /// <summary>How many instruments of a <see cref="DueSearch"/> per region, catalog item, usage or month; "" for those without one.</summary>
    Task<IReadOnlyDictionary<string, int>> CountDueAsync(DueSearch search, DueGrouping by, CancellationToken ct = default);

    /// <summary>A page of the enterprises that have due instruments, the most instruments first, with the number of enterprises.</summary>
    Task<(IReadOnlyList<DueGroup> Items, int Total)> DueByEnterpriseAsync(DueSearch search, int skip, int take, CancellationToken ct = default);

    /// <summary>
    /// Applies <paramref name="change"/> to the enterprise's instrument in the caller's unit of work (the library's rules run;
    /// nothing is saved until the caller's own save). Returns the problems, keyed by the part's property name.
    /// </summary>
    Task<IReadOnlyList<(string Field, string Message)>> ChangeAsync(int enterpriseId, string id, InstrumentChange change, string? userName, CancellationToken ct = default);

    /// <summary>
    /// As <see cref="ChangeAsync"/> for an instrument of any enterprise (its owner is looked up), for staff-side steps that
    /// have checked their own scope: an issued certificate sets <c>ValidUntil</c> and <c>LastVerificationDate</c>.
    /// </summary>
    Task<IReadOnlyList<(string Field, string Message)>> ChangeAnyAsync(string id, InstrumentChange change, string? userName, CancellationToken ct = default);
}

/// <summary>
/// A bulk action another feature offers on the selected rows of the enterprise's instrument library (强检申请, 约检):
/// the library's selection form posts the ids (<c>Selected</c>) and its anti-forgery token to <see cref="Url"/>.
/// Shown only where the offering feature is enabled.
/// </summary>
public interface IInstrumentSelectionAction
{
    string Label { get; }

    /// <summary>Tenant-relative, e.g. "/my/filings/import".</summary>
    string Url { get; }

    int Order { get; }
}
