namespace Metrology.Enterprises.Models;

/// <summary>The unified social credit code of GB 32100: 18 characters, the last a check character.</summary>
public static class CreditCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>The problem with <paramref name="code"/>, in words an applicant can act on, or null.</summary>
    public static string? Problem(string? code)
    {
        var c = code?.Trim().ToUpperInvariant() ?? "";
        if (c.Length != 18) return $"统一社会信用代码应为 18 位（当前 {c.Length} 位）。";
        var bad = c.FirstOrDefault(ch => Alphabet.IndexOf(ch) < 0);
        if (bad != default) return $"统一社会信用代码不能含有「{bad}」（不使用 I、O、Z、S、V）。";
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += Alphabet.IndexOf(c[i]) * Weights[i];
        var check = (31 - sum % 31) % 31;
        return Alphabet[check] == c[17] ? null : "统一社会信用代码的校验位不正确，请核对后重新输入。";
    }
}
