using Microsoft.Extensions.Caching.Memory;

namespace Metrology.Core.Security;

/// <summary>
/// What protected values (a cookie's, a form token's) decrypted to, remembered for <see cref="Lifetime"/> and at most
/// <see cref="Capacity"/> of them, least recently used first to go (ADR 0024). Values that did not decrypt are never
/// put here. Shared by <see cref="RememberedTickets"/> and <see cref="RememberedFormTokens"/>.
/// </summary>
internal sealed class RememberedValues<T>(TimeProvider clock) where T : class
{
    /// <summary>Values remembered at most.</summary>
    public const int Capacity = 4096;

    /// <summary>How long a decrypted value is remembered: also how long a revoked data protection key may still be honoured.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly MemoryCache _values = new(new MemoryCacheOptions { SizeLimit = Capacity, Clock = new SystemClockAdapter(clock) });

    public bool TryGet(string protectedText, out T? value) => _values.TryGetValue(protectedText, out value);

    public void Remember(string protectedText, T value) =>
        _values.Set(protectedText, value, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });

#pragma warning disable CS0618 // MemoryCacheOptions.Clock still takes ISystemClock
    private sealed class SystemClockAdapter(TimeProvider clock) : Microsoft.Extensions.Internal.ISystemClock
    {
        public DateTimeOffset UtcNow => clock.GetUtcNow();
    }
#pragma warning restore CS0618
}
