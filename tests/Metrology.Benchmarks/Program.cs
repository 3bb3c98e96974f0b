using BenchmarkDotNet.Running;
using Metrology.Benchmarks;

if (args is ["portal", .. var rest]) return await PortalThroughput.RunAsync(rest);
BenchmarkSwitcher.FromAssembly(typeof(PortalPageBenchmarks).Assembly).Run(args.Length == 0 ? ["--filter", "*"] : args);
return 0;
