using System.Security.Cryptography;
using Metrology.Certificates.Models;
using Metrology.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Certificates;

/// <summary>An enterprise's tokens for the read-only API: made (shown once), listed, revoked; a request's token resolves to its enterprise.</summary>
public sealed class ApiTokens(TenantDbContext db, TimeProvider clock)
{
    public const int MaxActive = 5;

    public Task<List<ApiToken>> ListAsync(int enterpriseId, CancellationToken ct = default) =>
        db.Set<ApiToken>().AsNoTracking().Where(t => t.EnterpriseId == enterpriseId).OrderByDescending(t => t.CreatedUtc).ToListAsync(ct);

    /// <summary>A new token (the only time it is seen), or the reason it cannot be made.</summary>
    public async Task<(string? Token, string? Error)> CreateAsync(int enterpriseId, string? name, CancellationToken ct = default)
    {
        name = name?.Trim();
        if (string.IsNullOrEmpty(name)) return (null, "请填写令牌名称（如：对接系统名称）。");
        if (name.Length > 40) return (null, "令牌名称最多 40 个字。");
        if (await db.Set<ApiToken>().CountAsync(t => t.EnterpriseId == enterpriseId && t.RevokedUtc == null, ct) >= MaxActive)
            return (null, $"最多同时有 {MaxActive} 个有效令牌，请先撤销不用的令牌。");
        var token = "mcms_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)).Replace('+', '-').Replace('/', '_');
        db.Add(new ApiToken { EnterpriseId = enterpriseId, Name = name, Hash = Hash(token), Hint = token[..10], CreatedUtc = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(ct);
        return (token, null);
    }

    public async Task<bool> RevokeAsync(int enterpriseId, int id, CancellationToken ct = default) =>
        await db.Set<ApiToken>().Where(t => t.Id == id && t.EnterpriseId == enterpriseId && t.RevokedUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedUtc, clock.GetUtcNow().UtcDateTime), ct) > 0;

    /// <summary>The enterprise of a live token from "Authorization: Bearer …", or null.</summary>
    public async Task<int?> EnterpriseOfAsync(string? authorization, CancellationToken ct = default)
    {
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return null;
        var token = authorization[7..].Trim();
        if (!token.StartsWith("mcms_", StringComparison.Ordinal) || token.Length > 100) return null;
        var hash = Hash(token);
        var row = await db.Set<ApiToken>().FirstOrDefaultAsync(t => t.Hash == hash && t.RevokedUtc == null, ct);
        if (row is null) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        if (row.LastUsedUtc is null || now - row.LastUsedUtc > TimeSpan.FromMinutes(5))
        {
            row.LastUsedUtc = now;
            await db.SaveChangesAsync(ct);
        }
        return row.EnterpriseId;
    }

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token))).ToLowerInvariant();
}
