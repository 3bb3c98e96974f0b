namespace Metrology.Instruments.Models;

/// <summary>A coded column of the template: the number stored and the words it stands for.</summary>
public sealed record CodeList(string Name, IReadOnlyList<(int Code, string Label)> Codes)
{
    public string? Label(int? code)
    {
        // A loop, not LINQ: the library asks for each row's label, and the closure and enumerator were garbage per row.
        for (var i = 0; i < Codes.Count; i++)
            if (Codes[i].Code == code) return Codes[i].Label;
        return null;
    }

    /// <summary>"1 国产、2 进口": how the allowed codes are named in a message.</summary>
    public string Allowed => string.Join("、", Codes.Select(c => $"{c.Code} {c.Label}"));
}

/// <summary>The codes of the Guangdong template (seed 004 §三), the same in Chongqing.</summary>
public static class InstrumentCodes
{
    public static readonly CodeList Origin = new("生产地", [(1, "国产"), (2, "进口")]);
    public static readonly CodeList State = new("器具状态", [(1, "新增"), (2, "启用")]);
    public static readonly CodeList Usage = new("器具用途", [(1, "安全防护"), (2, "医疗卫生"), (3, "环境监测"), (4, "贸易结算")]);
    public static readonly CodeList Kind = new("器具类型", [(1, "社会公用计量标准"), (2, "部门和企事业单位最高计量标准"), (3, "工作计量器具")]);
    public static readonly CodeList Method = new("检定方式", [(1, "送检"), (2, "现场")]);

    public static string Of(FilingStatus s) => s switch
    {
        FilingStatus.NotFiled => "未备案",
        FilingStatus.Submitted => "备案审核中",
        FilingStatus.Filed => "已备案",
        _ => "备案未通过",
    };
}
