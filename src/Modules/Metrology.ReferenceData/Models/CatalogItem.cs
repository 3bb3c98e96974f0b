namespace Metrology.ReferenceData.Models;

/// <summary>How the state controls an instrument (强检目录的管理方式).</summary>
public enum ControlMarking
{
    /// <summary>Type approval only (型式批准): not verified by the institute.</summary>
    P = 1,

    /// <summary>Mandatory verification (强制检定).</summary>
    V = 2,

    /// <summary>Both.</summary>
    PV = 3,
}

/// <summary>How an item is verified (检定方式).</summary>
public enum VerificationMode
{
    Periodic = 1,
    FirstOnlyScrap = 2,
    FirstOnlyFixedLife = 3,
}

/// <summary>The four usages of the Guangdong template, code n is bit n-1.</summary>
[Flags]
public enum Usage
{
    None = 0,
    Safety = 1,
    Medical = 2,
    Environment = 4,
    Trade = 8,
}

/// <summary>An item of the mandatory-verification catalog (强检目录).</summary>
public sealed class CatalogItem
{
    public int Id { get; set; }

    /// <summary>Category code (种别代码), unique in the tenant.</summary>
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>First level of the catalog (e.g. 电能表).</summary>
    public string Group { get; set; } = "";

    /// <summary>Second level, when the group has several items.</summary>
    public string? Item { get; set; }

    public ControlMarking Marking { get; set; }
    public VerificationMode Mode { get; set; }
    public int? PeriodMonths { get; set; }
    public Usage Usages { get; set; }

    /// <summary>Verification regulation (JJG …).</summary>
    public string? Regulation { get; set; }

    public string? MeasuringRange { get; set; }
    public string? Mpe { get; set; }

    /// <summary>The code is a sample, not the official one (the official codes were not available).</summary>
    public bool IsSample { get; set; }

    /// <summary>The lab that verifies the item on site (seed 004 §四 2: 强检室, 电学室, 力学室, 热工室, 长度室); None when the business office handles it.</summary>
    public Discipline Discipline { get; set; }

    public bool IsVerifiable => Marking is ControlMarking.V or ControlMarking.PV;
}
