namespace Metrology.ReferenceData.Models;

/// <summary>A verification body or branch of the tenant (检定机构 / 分院).</summary>
public sealed class Institution
{
    public int Id { get; set; }
    public string Name { get; set; } = "";

    /// <summary>Where instruments are delivered, one address a line.</summary>
    public string? Addresses { get; set; }

    public string? Phone { get; set; }
    public string? Description { get; set; }
}

/// <summary>What a department handles.</summary>
[Flags]
public enum DepartmentDuty
{
    None = 0,
    RegistrationReview = 1,
    FilingReview = 2,
    BookingConfirmation = 4,
    CounterReception = 8,
    OnSiteVerification = 16,
}

/// <summary>The discipline of a laboratory.</summary>
public enum Discipline
{
    None = 0,
    Electrical = 1,
    Mechanics = 2,
    Thermal = 3,
    Length = 4,
    MandatoryRoom = 5,
    Chemistry = 6,
}

/// <summary>A department or laboratory of an institution, with its phones and duties.</summary>
public sealed class Department
{
    public int Id { get; set; }
    public int InstitutionId { get; set; }
    public string Name { get; set; } = "";
    public string? Phones { get; set; }
    public DepartmentDuty Duties { get; set; }
    public Discipline Discipline { get; set; }
    public string? Notes { get; set; }
}

public sealed class InstitutionRegion
{
    public int InstitutionId { get; set; }
    public string RegionCode { get; set; } = "";
}

public sealed class InstitutionCapability
{
    public int InstitutionId { get; set; }
    public int CatalogItemId { get; set; }
}

/// <summary>
/// A staff user's institution; their departments are in <see cref="StaffDepartment"/>. An access record: what staff may see
/// depends on it, so a committed save empties the tenant's <see cref="Metrology.Core.Security.UserAccessCache"/>.
/// </summary>
public sealed class StaffAssignment : Metrology.Core.Security.IAccessRecord
{
    public string UserId { get; set; } = "";
    public int InstitutionId { get; set; }
}

public sealed class StaffDepartment
{
    public string UserId { get; set; } = "";
    public int DepartmentId { get; set; }
}
