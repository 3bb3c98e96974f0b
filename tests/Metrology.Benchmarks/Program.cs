using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Metrology.Benchmarks.PortalPageBenchmarks).Assembly).Run(args.Length == 0 ? ["--filter", "*"] : args);
