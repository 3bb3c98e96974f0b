using System.Text.RegularExpressions;

namespace Metrology.Core.Notifications;

/// <summary>Mainland China mobile numbers: 11 digits, 1 then 3–9 (a leading +86 or 86 and spaces or dashes are dropped).</summary>
public static partial class MobileNumber
{
    public const string Message = "手机号码格式不正确：应为 11 位中国大陆手机号码（以 13–19 开头）。";

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex Pattern();

    /// <summary>The number in its 11-digit form, or null when it is not a mainland mobile number.</summary>
    public static string? Normalize(string? number)
    {
        if (string.IsNullOrWhiteSpace(number)) return null;
        var digits = number.Trim().Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (digits.StartsWith("+86", StringComparison.Ordinal)) digits = digits[3..];
        else if (digits.Length == 13 && digits.StartsWith("86", StringComparison.Ordinal)) digits = digits[2..];
        return Pattern().IsMatch(digits) ? digits : null;
    }
}
