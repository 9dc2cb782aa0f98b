namespace Gongkai.Benchmarks.Platform;

/// <summary>
/// Resident memory (VmRSS) and CPU time of the platform's processes: each .NET process found by the assembly it runs
/// from this configuration's build output (<c>…/bin/Release/net10.0/Intake.dll</c>), PostgreSQL's and RabbitMQ's server
/// processes, Aspire's orchestrator (DCP), and this benchmark (the load generator, which also hosts the AppHost, shares
/// the machine). The city simulator is the memory floor the
/// runtime sets.
/// </summary>
internal sealed class ProcessMeter(string configuration)
{
    public static readonly string[] Services = ["Gateway", "Identity", "Intake", "Workflow", "LegalReview", "Document", "Publishing", "Portal", "CitySimulator"];
    public const string PostgreSql = "PostgreSQL";
    public const string RabbitMq = "RabbitMQ";
    public const string Orchestrator = "DCP";
    public const string Client = "load generator";
    public static readonly string[] All = [.. Services, PostgreSql, RabbitMq, Orchestrator, Client];

    private readonly Dictionary<string, double> _peak = new();
    private CancellationTokenSource? _sampling;
    private Task? _sampler;

    /// <summary>Each group's RSS (MB) and CPU time used so far (s, user + system); PostgreSQL's is summed over its backends.</summary>
    public Dictionary<string, (double RssMb, double CpuSeconds)> Now()
    {
        var found = All.ToDictionary(name => name, _ => (RssMb: 0.0, CpuSeconds: 0.0));
        var self = Environment.ProcessId.ToString();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var pid = Path.GetFileName(directory);
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var command = stat[(stat.IndexOf('(') + 1)..stat.LastIndexOf(')')];
                var name = pid == self ? Client
                    : command == "postgres" ? PostgreSql
                    : command == "beam.smp" ? RabbitMq
                    : command.StartsWith("dcp", StringComparison.Ordinal) ? Orchestrator
                    : Services.FirstOrDefault(n => File.ReadAllText(Path.Combine(directory, "cmdline")).Contains($"/bin/{configuration}/net10.0/{n}.dll"));
                if (name is null)
                    continue;
                // "pid (comm) state ppid … utime stime …": utime and stime are the 12th and 13th fields after the ')'.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var cpu = (double.Parse(fields[11]) + double.Parse(fields[12])) / 100;
                var rss = File.ReadLines(Path.Combine(directory, "status")).First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
                var mb = double.Parse(rss.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
                var (oldMb, oldCpu) = found[name];
                found[name] = (oldMb + mb, oldCpu + cpu);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                // a process that ended while being read, or a kernel thread without memory
            }
        }
        return found;
    }

    /// <summary>Samples every half second until <see cref="StopPeaksAsync"/>, keeping each group's highest RSS.</summary>
    public void StartPeaks()
    {
        _peak.Clear();
        _sampling = new CancellationTokenSource();
        var token = _sampling.Token;
        _sampler = Task.Run(async () =>
        {
            while (!token.IsCancellationRequested)
            {
                foreach (var (name, (mb, _)) in Now())
                    _peak[name] = Math.Max(_peak.GetValueOrDefault(name), mb);
                try { await Task.Delay(500, token); } catch (OperationCanceledException) { }
            }
        });
    }

    public async Task<Dictionary<string, double>> StopPeaksAsync()
    {
        await _sampling!.CancelAsync();
        await _sampler!;
        return new Dictionary<string, double>(_peak);
    }
}
