namespace Metrology.ReferenceData.Models;

/// <summary>An administrative division (所属地代码, GB/T 2260): province, prefecture or county.</summary>
public sealed class Region
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string? ParentCode { get; set; }

    /// <summary>1 province (xx0000), 2 prefecture (xxxx00), 3 county.</summary>
    public int Level => Code.EndsWith("0000", StringComparison.Ordinal) ? 1 : Code.EndsWith("00", StringComparison.Ordinal) ? 2 : 3;
}
