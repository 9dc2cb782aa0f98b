using System.Text.Json;
using Gongkai.Contracts;

namespace Gongkai.Benchmarks.Platform;

/// <summary>The benchmark's run, phase by phase (<see cref="PlatformPhases"/>); the arguments as Program.cs describes them.</summary>
public static class PlatformBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var output = args.Length > 0 ? args[0] : "platform.json";
        var arrivalRate = args.Length > 1 ? int.Parse(args[1]) : 100;
        var configuration = typeof(ProcessMeter).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyConfigurationAttribute), false)
            .OfType<System.Reflection.AssemblyConfigurationAttribute>().Single().Configuration;
        var meter = new ProcessMeter(configuration);

        Console.WriteLine($"Starting the platform ({configuration}, new data directory: initdb included)…");
        await using var platform = await RunningPlatform.StartAsync();
        using var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        var registrations = new Registrations(handler, platform.Endpoint(ResourceNames.Gateway));
        var phases = new PlatformPhases(platform, meter, registrations, handler);
        phases.Figures["configuration"] = configuration;
        phases.Figures["at"] = DateTimeOffset.UtcNow;
        phases.Figures["processors"] = Environment.ProcessorCount;

        phases.ReportColdStart();
        var idle = await phases.IdleAsync(seconds: 30);
        await registrations.SignInAsync();

        // For a profiler (dotnet-trace) attached to a service: only registrations into three units, for as long as asked.
        if (Environment.GetEnvironmentVariable("GONGKAI_BENCH_SOAK_SECONDS") is { Length: > 0 } soak)
        {
            Console.WriteLine($"Registering for {soak} s; attach e.g. dotnet-trace collect -p $(pgrep -f {configuration}/net10.0/Intake.dll)");
            var soaked = await Load.ClosedLoopAsync(8, TimeSpan.FromSeconds(int.Parse(soak)),
                n => registrations.RegisterAsync(Registrations.Units[n % Registrations.Units.Length], DateTimeOffset.UtcNow));
            Console.WriteLine($"{soaked.PerSecond:F1} registrations/s");
            return;
        }

        await phases.GatewayVsDirectAsync();
        meter.StartPeaks();
        await phases.RegistrationsAsync();
        await phases.ArrivalsAsync(arrivalRate);
        phases.ReportMemory(idle, await meter.StopPeaksAsync());

        await File.WriteAllTextAsync(output, JsonSerializer.Serialize(phases.Figures, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"Written to {Path.GetFullPath(output)}");
    }
}
