using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Metrology.Benchmarks;

/// <summary>
/// In the benchmark's own process (the site it starts and seeds stays up across iterations), 3 warm-ups and 10 measured
/// iterations; the optimizations validator is off because the site's assemblies are referenced as built.
/// </summary>
internal sealed class InProcessConfig : ManualConfig
{
    public InProcessConfig()
    {
        AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(10));
        Options |= ConfigOptions.DisableOptimizationsValidator;
    }
}

/// <summary>
/// For operations of seconds: each iteration is one run (no unrolling, no pilot), one warm-up; the iteration count is set on
/// the class with <c>[IterationCount(n)]</c>.
/// </summary>
internal sealed class SingleRunConfig : ManualConfig
{
    public SingleRunConfig()
    {
        AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1).WithWarmupCount(1).WithInvocationCount(1).WithUnrollFactor(1));
        Options |= ConfigOptions.DisableOptimizationsValidator;
    }
}
