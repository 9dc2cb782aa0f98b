// Platform benchmark: the whole platform in Release on durable storage, measured through its gateway against baselines
// of the same run (the machine is noisy: compare the ratios): cold start, idle and loaded memory against the city
// simulator, an authenticated GET through the gateway against the service directly, registrations per second (one unit
// and three) against PostgreSQL's own single-row inserts (pgbench), and application → case-opened latency at a fixed
// arrival rate. Prints the figures and writes them as JSON (the first argument, default platform.json; the second is
// the arrival rate, default 100/s).
// Run on purpose: ./build.sh bench, or dotnet run -c Release --project benchmarks/Platform

using Gongkai.Benchmarks.Platform;

await PlatformBenchmark.RunAsync(args);
