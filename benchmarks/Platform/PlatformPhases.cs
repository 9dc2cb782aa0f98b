using Gongkai.Contracts;

namespace Gongkai.Benchmarks.Platform;

/// <summary>
/// The benchmark's phases against a started platform, each printing its figures and adding them to <see cref="Figures"/>
/// (written as JSON at the end). Where a figure is bounded by CPU, the CPU time each process spent per request says by what.
/// </summary>
internal sealed class PlatformPhases(RunningPlatform platform, ProcessMeter meter, Registrations registrations, HttpMessageHandler handler)
{
    private const int Clients = 8;

    public Dictionary<string, object> Figures { get; } = new();

    private string WorkflowOwner => platform.ConnectionStrings[ResourceNames.WorkflowDb + ResourceNames.AdminSuffix];

    /// <summary>Time to healthy per resource, and the CPU each process spent starting: their sum over the cores is a floor.</summary>
    public void ReportColdStart()
    {
        var start = platform.ColdStart;
        Console.WriteLine($"Cold start to healthy: {start.TotalSeconds:F1} s (PostgreSQL {start.HealthyAtSeconds[ResourceNames.Postgres]} s, " +
            $"RabbitMQ {start.HealthyAtSeconds[ResourceNames.Messaging]} s, " +
            string.Join(", ", start.HealthyAtSeconds.Where(h => h.Key is not (ResourceNames.Postgres or ResourceNames.Messaging)).Select(h => $"{h.Key} {h.Value} s")) + ")");
        var startCpu = meter.Now().Where(p => p.Key != ProcessMeter.Client && p.Value.CpuSeconds > 0)
            .OrderByDescending(p => p.Value.CpuSeconds).ToDictionary(p => p.Key, p => Math.Round(p.Value.CpuSeconds, 1));
        Console.WriteLine($"  {startCpu.Values.Sum():F1} s CPU to start ({startCpu.Values.Sum() / Environment.ProcessorCount:F1} s on {Environment.ProcessorCount} cores at best): " +
            string.Join(", ", startCpu.Select(c => $"{c.Key} {c.Value}")));
        Figures["coldStart"] = new { start.TotalSeconds, start.HealthyAtSeconds, cpuSeconds = startCpu };
    }

    /// <summary>Each process's resident memory after <paramref name="seconds"/> idle.</summary>
    public async Task<Dictionary<string, double>> IdleAsync(int seconds)
    {
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        var idle = meter.Now().ToDictionary(p => p.Key, p => Math.Round(p.Value.RssMb));
        Figures["idleRssMb"] = ProcessMeter.Services.ToDictionary(name => name, name => idle[name]);
        return idle;
    }

    public async Task GatewayVsDirectAsync()
    {
        var gateway = platform.Endpoint(ResourceNames.Gateway);
        // An authenticated GET through the gateway (token checked there and again in the service) against the same GET sent to
        // the service itself; alternated twice so a drift of the machine hits both.
        var gatewayFigures = new Dictionary<string, object>();
        foreach (var (service, path) in new[] { (ResourceNames.Identity, "/api/identity/me"), (ResourceNames.Workflow, "/api/workflow/settings") })
        {
            HttpClient Client(Uri baseAddress)
            {
                var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = baseAddress };
                client.DefaultRequestHeaders.Authorization = registrations.Authorization(Registrations.Units[0]);
                return client;
            }
            using var viaGateway = Client(gateway);
            using var direct = Client(platform.Endpoint(service));
            Func<int, Task<bool>> Get(HttpClient client) => async _ =>
            {
                using var response = await client.GetAsync(path);
                return response.IsSuccessStatusCode;
            };
            const int Connections = 16;
            await Load.ClosedLoopAsync(Connections, TimeSpan.FromSeconds(3), Get(viaGateway));
            await Load.ClosedLoopAsync(Connections, TimeSpan.FromSeconds(3), Get(direct));
            var rounds = new List<(LoadResult Gateway, LoadResult Direct)>();
            Dictionary<string, double> gatewayCpu = [], directCpu = [];
            for (var round = 0; round < 2; round++)
            {
                var before = meter.Now();
                var throughGatewayRound = await Load.ClosedLoopAsync(Connections, TimeSpan.FromSeconds(10), Get(viaGateway));
                gatewayCpu = CpuPerRequest(before, throughGatewayRound.Succeeded);
                before = meter.Now();
                var directRound = await Load.ClosedLoopAsync(Connections, TimeSpan.FromSeconds(10), Get(direct));
                directCpu = CpuPerRequest(before, directRound.Succeeded);
                rounds.Add((throughGatewayRound, directRound));
            }
            var throughGateway = rounds.Sum(r => r.Gateway.Succeeded) / rounds.Sum(r => r.Gateway.Seconds);
            var directly = rounds.Sum(r => r.Direct.Succeeded) / rounds.Sum(r => r.Direct.Seconds);
            var failed = rounds.Sum(r => r.Gateway.Failed + r.Direct.Failed);
            Console.WriteLine($"GET {path}, {Connections} connections: gateway {throughGateway:F0}/s, direct {directly:F0}/s → {throughGateway / directly:F2}× direct" +
                (failed > 0 ? $" ({failed} failed)" : ""));
            Console.WriteLine($"  via gateway {Describe(gatewayCpu)}");
            Console.WriteLine($"  direct      {Describe(directCpu)}");
            gatewayFigures[path] = new
            {
                gatewayPerSecond = Math.Round(throughGateway), directPerSecond = Math.Round(directly), ratio = Math.Round(throughGateway / directly, 2), failed,
                gatewayCpuMsPerRequest = gatewayCpu, directCpuMsPerRequest = directCpu,
            };
        }
        Figures["gatewayVsDirect"] = gatewayFigures;
    }

    /// <summary>pgbench's single-row inserts, then closed-loop registrations into one unit and into three.</summary>
    public async Task RegistrationsAsync()
    {
        var inserts = await Pgbench.InsertsPerSecondAsync(platform.ConnectionStrings[ResourceNames.Postgres], Clients, TimeSpan.FromSeconds(10));
        Console.WriteLine($"pgbench, single-row durable inserts, {Clients} clients: {inserts:F0}/s (the baseline of registrations)");
        Figures["pgbenchInsertsPerSecond"] = Math.Round(inserts);

        var registrationFigures = new Dictionary<string, object>();
        foreach (var (label, units) in new[] { ("one unit", Registrations.Units[..1]), ("three units", Registrations.Units) })
        {
            registrations.Registered.Clear();
            registrations.Refused.Clear();
            var before = meter.Now();
            var result = await Load.ClosedLoopAsync(Clients, TimeSpan.FromSeconds(20),
                n => registrations.RegisterAsync(units[n % units.Length], DateTimeOffset.UtcNow));
            // Everything a registration causes (case, receipt, audit, statistics) is counted: CPU until its cases are open.
            var opened = await registrations.CasesOpenedAsync(WorkflowOwner, registrations.Registered.Keys, TimeSpan.FromMinutes(10));
            var cpu = CpuPerRequest(before, result.Succeeded);
            Console.WriteLine($"Registrations into {label}, {Clients} clients: {result.PerSecond:F1}/s (p50 {result.Percentile(50):F0} ms, p99 {result.Percentile(99):F0} ms" +
                Failures(result) + $") → {result.PerSecond / inserts:F3}× pgbench; {opened.Count} of {result.Succeeded} cases opened");
            Console.WriteLine($"  {Describe(cpu)}");
            registrationFigures[label] = new
            {
                perSecond = Math.Round(result.PerSecond, 1), p50Ms = Math.Round(result.Percentile(50)), p99Ms = Math.Round(result.Percentile(99)),
                failed = result.Failed, ratioToPgbench = Math.Round(result.PerSecond / inserts, 3), casesOpened = opened.Count, cpuMsPerRegistration = cpu,
            };
        }
        Figures["registrations"] = registrationFigures;
    }

    /// <summary>Arrivals at a fixed rate, as citizens come: each application's time from being due to its case being opened.</summary>
    public async Task ArrivalsAsync(int arrivalRate)
    {
        registrations.Registered.Clear();
        registrations.Refused.Clear();
        var arrivals = await Load.OpenLoopAsync(arrivalRate, TimeSpan.FromSeconds(20),
            (n, dueAt) => registrations.RegisterAsync(Registrations.Units[n % Registrations.Units.Length], dueAt));
        var due = new Dictionary<Guid, DateTimeOffset>(registrations.Registered);
        var casesOpened = await registrations.CasesOpenedAsync(WorkflowOwner, due.Keys, TimeSpan.FromMinutes(10));
        var toCase = casesOpened.Select(o => (o.Value - due[o.Key]).TotalMilliseconds).ToList();
        Console.WriteLine($"Arrivals at {arrivalRate}/s for 20 s across three units: registration p50 {arrivals.Percentile(50):F0} ms, p99 {arrivals.Percentile(99):F0} ms" +
            Failures(arrivals) +
            $"; application → case opened p50 {Load.Percentile(toCase, 50):F0} ms, p99 {Load.Percentile(toCase, 99):F0} ms ({casesOpened.Count} of {due.Count} cases)");
        Figures["arrivals"] = new
        {
            perSecond = arrivalRate, sent = arrivals.Succeeded + arrivals.Failed, failed = arrivals.Failed,
            registrationP50Ms = Math.Round(arrivals.Percentile(50)), registrationP99Ms = Math.Round(arrivals.Percentile(99)),
            toCaseP50Ms = Math.Round(Load.Percentile(toCase, 50)), toCaseP99Ms = Math.Round(Load.Percentile(toCase, 99)), casesOpened = casesOpened.Count,
        };
    }

    /// <summary>Idle and loaded resident memory per service, against the city simulator's (the runtime's floor).</summary>
    public void ReportMemory(Dictionary<string, double> idle, Dictionary<string, double> loaded)
    {
        Figures["loadedRssMb"] = ProcessMeter.Services.ToDictionary(name => name, name => Math.Round(loaded.GetValueOrDefault(name)));
        var floor = idle["CitySimulator"];
        Console.WriteLine($"{"process",-14}{"idle MB",9}{"× floor",9}{"loaded MB",11}");
        foreach (var name in ProcessMeter.Services)
            Console.WriteLine($"{name,-14}{idle[name],9:F0}{idle[name] / floor,9:F2}{loaded.GetValueOrDefault(name),11:F0}");
    }

    // CPU seconds each process spent during a phase, per request of it (ms), largest first.
    private Dictionary<string, double> CpuPerRequest(Dictionary<string, (double RssMb, double CpuSeconds)> before, int requests) =>
        meter.Now().Select(p => (p.Key, Ms: (p.Value.CpuSeconds - before[p.Key].CpuSeconds) * 1000 / Math.Max(1, requests)))
            .Where(p => p.Ms >= 0.05).OrderByDescending(p => p.Ms).ToDictionary(p => p.Key, p => Math.Round(p.Ms, 2));

    private string Failures(LoadResult result) => result.Failed == 0 ? "" :
        $", {result.Failed} failed: " + string.Join(", ", result.Errors.Select(e => $"{e.Key} {e.Value}").Concat(registrations.Refused.Select(r => $"HTTP {r.Key} {r.Value}")));

    private static string Describe(Dictionary<string, double> cpu) =>
        $"{cpu.Values.Sum():F1} ms CPU per request: " + string.Join(", ", cpu.Select(c => $"{c.Key} {c.Value:F1}"));
}
