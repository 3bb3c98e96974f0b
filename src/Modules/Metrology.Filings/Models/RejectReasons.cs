namespace Metrology.Filings.Models;

/// <summary>The reasons a reviewer picks from when refusing a line, per institution (tenant document); free text is always possible too.</summary>
public sealed class RejectReasons
{
    public static readonly IReadOnlyList<string> Defaults =
    [
        "出厂编号不完整或与铭牌不符",
        "不属于强制检定范围（只需型式批准）",
        "本机构不检定该类器具",
        "强检类别或用途选择错误",
        "器具信息填写不完整",
    ];

    public Dictionary<string, List<string>> ByInstitution { get; set; } = [];

    public IReadOnlyList<string> Of(int institutionId) =>
        ByInstitution.TryGetValue(institutionId.ToString(), out var list) && list.Count > 0 ? list : Defaults;
}
