using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Metrology.Benchmarks;

/// <summary>
/// How steady this machine's CPU is while nothing of the benchmark runs: one thread repeats the same ≈1 ms integer loop,
/// and each 50 ms window's mean is compared with the median. On a shared virtual machine windows two or three times slower
/// than the median come and go with the machine idle. Under load the site answers 64 connections in batches, and a
/// page's p99 is the length of the slowest batches, so it moves with these windows (docs/performance.md, thirteenth pass).
/// </summary>
internal static class MachineSteadiness
{
    private const int ChunksPerWindow = 50;

    public static string Measure(TimeSpan duration)
    {
        var perMs = Calibrate();
        var chunks = new List<double>();
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < end)
        {
            var start = Stopwatch.GetTimestamp();
            Spin(perMs);
            chunks.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        var sorted = chunks.Order().ToArray();
        var median = sorted[sorted.Length / 2];
        var windows = chunks.Chunk(ChunksPerWindow).Where(w => w.Length == ChunksPerWindow).Select(w => w.Average() / median).ToArray();
        double Share(double slower) => windows.Length == 0 ? 0 : (double)windows.Count(w => w >= slower) / windows.Length;
        return $"machine steadiness (one thread repeating ≈1 ms of fixed work for {duration.TotalSeconds:0} s, nothing else running): " +
               $"p50 {median:0.00} ms, p99 {sorted[(int)(sorted.Length * 0.99)]:0.00} ms, max {sorted[^1]:0.0} ms; " +
               $"50 ms windows ≥ 1.5× the median {Share(1.5):P0}, ≥ 2× {Share(2):P0}";
    }

    /// <summary>The loop's iterations that take about a millisecond here (the median of a few tries).</summary>
    private static long Calibrate()
    {
        const long probe = 1_000_000;
        Spin(probe);
        var tries = new double[9];
        for (var i = 0; i < tries.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            Spin(probe);
            tries[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(tries);
        return Math.Max(1, (long)(probe / tries[tries.Length / 2]));
    }

    // Fully optimized from the first call, so no tier change lands inside the measurement.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static ulong Spin(long iterations)
    {
        ulong x = 0;
        for (var k = 0L; k < iterations; k++) x += (ulong)k * (ulong)k ^ x >> 7;
        return x;
    }
}
