using System.Text;

namespace Metrology.Enterprises.Models;

/// <summary>
/// The unified social credit code of GB 32100: the registration authority (1st character), the organisation type
/// (2nd), the administrative division of the registration (3rd–8th, GB/T 2260), the organisation's own code (9th–17th)
/// and a check character (18th).
/// </summary>
public static class CreditCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>The registration authorities of the standard (and its amendments) and the organisation types each may give.</summary>
    private static readonly Dictionary<char, (string Authority, string Types)> Authorities = new()
    {
        ['1'] = ("机构编制", "1239"),
        ['2'] = ("外交", "19"),
        ['3'] = ("司法行政", "1234569"),
        ['4'] = ("文化", "19"),
        ['5'] = ("民政", "1239"),
        ['6'] = ("旅游", "129"),
        ['7'] = ("宗教", "129"),
        ['8'] = ("工会", "19"),
        ['9'] = ("市场监管（工商）", "123"),
        ['A'] = ("中央军委改革和编制办公室", "19"),
        ['N'] = ("农业农村", "1239"),
        ['Y'] = ("其他", "1"),
    };

    /// <summary>The first two digits of the provinces, regions and municipalities of GB/T 2260 (71 Taiwan, 81 Hong Kong, 82 Macao).</summary>
    private static readonly HashSet<int> Provinces = [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82];

    /// <summary>The code as it is stored: full-width characters as half-width (an input method's "９１４４…"), no spaces, upper case.</summary>
    public static string Normalize(string? code)
    {
        var text = (code ?? "").Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(text.Length);
        foreach (var ch in text)
            if (!char.IsWhiteSpace(ch)) builder.Append(char.ToUpperInvariant(ch));
        return builder.ToString();
    }

    /// <summary>The problem with <paramref name="code"/> (normalised first), in words an applicant can act on, or null.</summary>
    public static string? Problem(string? code)
    {
        var c = Normalize(code);
        if (c.Length != 18) return $"统一社会信用代码应为 18 位（当前 {c.Length} 位）。";
        var bad = c.FirstOrDefault(ch => Alphabet.IndexOf(ch) < 0);
        if (bad != default) return $"统一社会信用代码不能含有「{bad}」（只用数字和大写字母，不使用 I、O、Z、S、V）。";
        if (!Authorities.TryGetValue(c[0], out var authority))
            return $"统一社会信用代码第 1 位「{c[0]}」不是登记管理部门代码（应为 1–9、A、N 或 Y），请核对。";
        if (authority.Types.IndexOf(c[1]) < 0)
            return $"统一社会信用代码第 2 位「{c[1]}」不是{authority.Authority}登记的机构类别代码（应为 {string.Join("、", authority.Types.ToCharArray())}），请核对。";
        var division = c[2..8];
        if (!division.All(char.IsAsciiDigit) || !Provinces.Contains(int.Parse(division[..2])) || division[2..4] == "00" && division[4..] != "00")
            return $"统一社会信用代码第 3–8 位「{division}」不是行政区划代码，请核对。";
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += Alphabet.IndexOf(c[i]) * Weights[i];
        var check = (31 - sum % 31) % 31;
        return Alphabet[check] == c[17] ? null : "统一社会信用代码的校验位不正确，请核对后重新输入。";
    }
}
