// Deadline benchmark: deadlines per second with the precomputed running counts, against a day-by-day walk
// over the same calendar measured in the same run (the machine is noisy: compare the ratio, not the numbers).
// Run on purpose: dotnet run -c Release --project benchmarks/Deadlines

Gongkai.Benchmarks.DeadlineBenchmark.Run();
