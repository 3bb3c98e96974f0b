using System.Threading.RateLimiting;

namespace Metrology.Certificates;

/// <summary>
/// Limits look-ups on the public check page per client address (30 a minute), so codes cannot be tried in bulk.
/// In memory per node: with several nodes each allows as much, which still makes guessing an 80-bit code hopeless.
/// </summary>
public sealed class CheckThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = 30, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true,
        }));

    public bool TryEnter(string address)
    {
        using var lease = _limiter.AttemptAcquire(address);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
