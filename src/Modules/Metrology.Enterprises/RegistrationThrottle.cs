using Metrology.Core.Tenants;
using Metrology.Enterprises.Models;
using Microsoft.Extensions.Caching.Memory;

namespace Metrology.Enterprises;

/// <summary>
/// Counts registration attempts per client (IP address) and per contact mobile in fixed one-hour windows, so the
/// form's "already registered" answers cannot be used to look up who is registered in bulk. Counts live in this
/// node's memory: a restart or another node starts again (a brake, not an account lock).
/// </summary>
public sealed class RegistrationThrottle(IMemoryCache cache, TimeProvider clock)
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);

    private sealed class Counter(DateTimeOffset ends)
    {
        public DateTimeOffset Ends { get; } = ends;
        public int Count;
    }

    /// <summary>Counts one attempt; the refusal (with the wait) when the client or the mobile is over its limit, else null.</summary>
    public (string? ClientRefusal, string? MobileRefusal) Attempt(TenantSettings tenant, string? client, string? mobile, RegistrationSettings settings)
    {
        var clientWait = Count($"register:{tenant.Name}:client:{client ?? "?"}", settings.AttemptsPerClientPerHour);
        var mobileWait = string.IsNullOrWhiteSpace(mobile) ? null : Count($"register:{tenant.Name}:mobile:{mobile.Trim()}", settings.AttemptsPerMobilePerHour);
        return (clientWait is { } c ? $"提交过于频繁：每小时最多提交 {settings.AttemptsPerClientPerHour} 次，请 {c} 分钟后再试。" : null,
            mobileWait is { } m ? $"该手机号提交过于频繁：每小时最多 {settings.AttemptsPerMobilePerHour} 次，请 {m} 分钟后再试。" : null);
    }

    /// <summary>Minutes to wait when the key is over its limit, else null.</summary>
    private int? Count(string key, int limit)
    {
        var now = clock.GetUtcNow();
        var counter = cache.Get<Counter>(key);
        if (counter is null || counter.Ends <= now)
        {
            counter = new Counter(now + Window);
            cache.Set(key, counter, counter.Ends);
        }
        var count = Interlocked.Increment(ref counter.Count);
        return count <= limit ? null : Math.Max(1, (int)Math.Ceiling((counter.Ends - now).TotalMinutes));
    }
}
