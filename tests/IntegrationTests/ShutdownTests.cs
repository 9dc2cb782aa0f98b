using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Xunit.Abstractions;

namespace Gongkai.IntegrationTests;

/// <summary>
/// The AppHost as an operator runs it (<c>dotnet AppHost.dll</c>, dashboard on, a terminal of its own), stopped by
/// Ctrl+C, SIGTERM or SIGKILL: afterwards none of the processes it started (DCP, PostgreSQL, RabbitMQ, the services,
/// Chromium) is left. The time it takes is printed; the bound asserted is generous, because on a loaded machine DCP
/// needs longer to notice a killed AppHost (the figures unloaded are in the README).
/// </summary>
[Collection(ShutdownCollection.Name)]
public sealed class ShutdownTests(ITestOutputHelper output)
{
    private static readonly TimeSpan StartWait = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan GoneWait = TimeSpan.FromSeconds(90);

    [Theory]
    [InlineData("Ctrl+C")]
    [InlineData("SIGTERM")]
    [InlineData("SIGKILL")]
    public async Task Stopping_the_AppHost_leaves_no_process_of_the_platform(string how)
    {
        var data = Path.Combine(PlatformFixture.DataRoot, "shutdown-" + Guid.NewGuid().ToString("N"));
        using var appHost = StartAppHost(data);
        try
        {
            await WaitForHealthyAsync(appHost);
            // Healthy means every service answers; Document starts Chromium only for its first report, so none runs here.
            var started = DescendantsOf(appHost.Id);
            Assert.Contains(started, p => p.CommandLine.Contains("dcp start-apiserver"));
            Assert.Contains(started, p => p.CommandLine.Contains("postgres"));
            Assert.Contains(started, p => p.CommandLine.Contains("beam.smp"));
            Assert.Contains(started, p => p.CommandLine.Contains("Gateway"));

            var clock = Stopwatch.StartNew();
            Signal(appHost, how);
            List<ProcessInfo> left = [];
            while (clock.Elapsed < GoneWait)
            {
                left = started.Where(p => p.IsAlive()).ToList();
                if (left.Count == 0)
                    break;
                await Task.Delay(250);
            }

            output.WriteLine($"{how}: {started.Count} processes, all gone after {clock.Elapsed.TotalSeconds:0.0} s");
            Assert.True(left.Count == 0, $"{how}: still running after {GoneWait.TotalSeconds} s:\n" + string.Join("\n", left.Select(p => $"{p.Pid} {p.CommandLine}")));
        }
        finally
        {
            foreach (var process in DescendantsOf(appHost.Id).Append(new ProcessInfo(appHost.Id, 0, "")))
            {
                try { Process.GetProcessById(process.Pid).Kill(); }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException) { }
            }
            await appHost.WaitForExitAsync();
            try { Directory.Delete(data, recursive: true); }
            catch (DirectoryNotFoundException) { }
        }
    }

    private static Process StartAppHost(string data)
    {
        var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", ".."));
        var appHost = Path.Combine(root, "AppHost", "bin", "Debug", "net10.0", "AppHost.dll");
        Assert.True(File.Exists(appHost), $"{appHost} is not built");
        // setsid: a process group of its own, so "Ctrl+C" can go to the whole group as a terminal sends it; perl puts
        // SIGINT back to its default, which a test run started in the background (as CI does) inherits as ignored.
        var start = new ProcessStartInfo("setsid",
            ["perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die", "dotnet", appHost, "--Gongkai:Ephemeral=true", $"--Gongkai:Data={data}", "--Gongkai:GatewayPort=0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        var dashboard = FreePort();
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{dashboard}";
        start.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://127.0.0.1:{FreePort()}";
        start.Environment["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://127.0.0.1:{FreePort()}";
        start.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        return Process.Start(start)!;
    }

    private async Task WaitForHealthyAsync(Process appHost)
    {
        var healthy = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        void OnLine(object _, DataReceivedEventArgs e)
        {
            if (e.Data is null)
                return;
            lines.Enqueue(e.Data);
            if (e.Data.Contains("Platform healthy in"))
                healthy.TrySetResult();
        }
        appHost.OutputDataReceived += OnLine;
        appHost.ErrorDataReceived += OnLine;
        appHost.BeginOutputReadLine();
        appHost.BeginErrorReadLine();
        var finished = await Task.WhenAny(healthy.Task, appHost.WaitForExitAsync(), Task.Delay(StartWait));
        if (finished != healthy.Task)
        {
            output.WriteLine(string.Join("\n", lines.TakeLast(80)));
            Assert.Fail(appHost.HasExited ? $"AppHost exited with {appHost.ExitCode} before the platform was healthy" : $"platform not healthy within {StartWait}");
        }
    }

    private static void Signal(Process appHost, string how)
    {
        var (signal, target) = how switch
        {
            "Ctrl+C" => ("INT", $"-{appHost.Id}"),
            "SIGTERM" => ("TERM", appHost.Id.ToString()),
            "SIGKILL" => ("KILL", appHost.Id.ToString()),
            _ => throw new ArgumentOutOfRangeException(nameof(how)),
        };
        using var kill = Process.Start("kill", ["-s", signal, "--", target])!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Every process the AppHost started, now: its children, and DCP, which detaches into a session of its own and
    /// watches the AppHost (<c>dcp start-apiserver --monitor &lt;pid&gt;</c>), with everything DCP runs.
    /// </summary>
    private static List<ProcessInfo> DescendantsOf(int root)
    {
        var all = Directory.GetDirectories("/proc").Select(d => ProcessInfo.Read(Path.GetFileName(d))).OfType<ProcessInfo>().ToList();
        var dcp = all.Where(p => p.CommandLine.Contains($"--monitor {root} ")).ToList();
        var found = new List<ProcessInfo>(dcp);
        var parents = new HashSet<int>(dcp.Select(p => p.Pid)) { root };
        bool added;
        do
        {
            var next = all.Where(p => parents.Contains(p.ParentPid) && !parents.Contains(p.Pid)).ToList();
            found.AddRange(next);
            parents.UnionWith(next.Select(p => p.Pid));
            added = next.Count > 0;
        }
        while (added);
        return found;
    }

    private sealed record ProcessInfo(int Pid, int ParentPid, string CommandLine, string StartTime = "")
    {
        public static ProcessInfo? Read(string pid)
        {
            if (!int.TryParse(pid, out var id))
                return null;
            try
            {
                var stat = File.ReadAllText($"/proc/{id}/stat");
                // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ')'.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var commandLine = File.ReadAllText($"/proc/{id}/cmdline").Replace('\0', ' ').Trim();
                return fields[0] == "Z" ? null : new ProcessInfo(id, int.Parse(fields[1]), commandLine, fields[19]);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }

        /// <summary>Still running: the same process (same start time, not a reused pid) and not a zombie.</summary>
        public bool IsAlive() => Read(Pid.ToString()) is { } now && now.StartTime == StartTime;
    }
}

/// <summary>Runs alone, after the other collections: each test starts a whole platform of its own.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ShutdownCollection
{
    public const string Name = "shutdown";
}
