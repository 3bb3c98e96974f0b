using System.Security.Cryptography;
using Metrology.Certificates.Models;
using Metrology.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Certificates;

/// <summary>
/// Certificate numbers by the tenant's pattern (year + institution code + sequence) and the check page's random code.
/// The next sequence is one past the highest number ever given with the prefix, and no certificate row is ever deleted,
/// so a number is never given twice; two issues at once may draw the same one, and the unique index makes the second retry.
/// </summary>
internal static class CertificateNumbers
{
    public static string Prefix(CertificateSettings settings, CertificateKind kind, int institutionId, int year)
    {
        var code = settings.InstitutionCodes.GetValueOrDefault(institutionId) ?? institutionId.ToString("D2");
        var pattern = settings.NumberPattern.Contains("{seq}", StringComparison.Ordinal) ? settings.NumberPattern : settings.NumberPattern + "{seq}";
        return pattern[..pattern.IndexOf("{seq}", StringComparison.Ordinal)]
            .Replace("{kind}", kind == CertificateKind.Certificate ? "JD" : "TZ").Replace("{year}", year.ToString()).Replace("{institution}", code);
    }

    public static async Task<string> NextAsync(TenantDbContext db, CertificateSettings settings, CertificateKind kind, int institutionId, int year, CancellationToken ct)
    {
        var prefix = Prefix(settings, kind, institutionId, year);
        var suffix = settings.NumberPattern[(settings.NumberPattern.IndexOf("{seq}", StringComparison.Ordinal) is var i and >= 0 ? i + 5 : settings.NumberPattern.Length)..];
        // The sequence has a fixed width, so the highest number with the prefix sorts last.
        var last = await db.Set<CertificateIndex>().AsNoTracking().Where(c => c.Number.StartsWith(prefix)).OrderByDescending(c => c.Number)
            .Select(c => c.Number).FirstOrDefaultAsync(ct);
        var next = last is not null && last.Length >= prefix.Length + 6 && int.TryParse(last.AsSpan(prefix.Length, 6), out var n) ? n + 1 : 1;
        return $"{prefix}{next:D6}{suffix}";
    }

    private const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    /// <summary>16 characters of a 32-letter alphabet (80 random bits): the check page's code.</summary>
    public static string NewCode() => string.Create(16, 0, (span, _) =>
    {
        for (var i = 0; i < span.Length; i++) span[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
    });

    public static bool LooksLikeCode(string? code) => code is { Length: 16 } && code.All(c => Alphabet.Contains(c));
}
