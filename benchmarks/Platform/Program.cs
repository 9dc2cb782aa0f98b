// Platform benchmark: the whole platform in Release on durable storage, measured through its gateway against baselines
// of the same run (the machine is noisy: compare the ratios): cold start, idle and loaded memory against the city
// simulator, an authenticated GET through the gateway against the service directly, registrations per second (one unit
// and three) against PostgreSQL's own single-row inserts (pgbench), and application → case-opened latency at a fixed
// arrival rate. Where a figure is bounded by CPU, the CPU time each process spent per request says by what.
// Prints the figures and writes them as JSON (the first argument, default platform.json).
// Run on purpose: ./build.sh bench, or dotnet run -c Release --project benchmarks/Platform

using System.Text.Json;
using Gongkai.Benchmarks.Platform;
using Gongkai.Contracts;

var output = args.Length > 0 ? args[0] : "platform.json";
var arrivalRate = args.Length > 1 ? int.Parse(args[1]) : 100;
var configuration = typeof(ProcessMeter).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyConfigurationAttribute), false)
    .OfType<System.Reflection.AssemblyConfigurationAttribute>().Single().Configuration;
var figures = new Dictionary<string, object> { ["configuration"] = configuration, ["at"] = DateTimeOffset.UtcNow, ["processors"] = Environment.ProcessorCount };
var meter = new ProcessMeter(configuration);

Console.WriteLine($"Starting the platform ({configuration}, new data directory: initdb included)…");
await using var platform = await RunningPlatform.StartAsync();
var start = platform.ColdStart;
Console.WriteLine($"Cold start to healthy: {start.TotalSeconds:F1} s (PostgreSQL {start.HealthyAtSeconds[ResourceNames.Postgres]} s, " +
    $"RabbitMQ {start.HealthyAtSeconds[ResourceNames.Messaging]} s, " +
    string.Join(", ", start.HealthyAtSeconds.Where(h => h.Key is not (ResourceNames.Postgres or ResourceNames.Messaging)).Select(h => $"{h.Key} {h.Value} s")) + ")");
// CPU time each process spent starting (all of it so far): their sum over the cores is a floor for the cold start.
var startCpu = meter.Now().Where(p => p.Key != ProcessMeter.Client && p.Value.CpuSeconds > 0)
    .OrderByDescending(p => p.Value.CpuSeconds).ToDictionary(p => p.Key, p => Math.Round(p.Value.CpuSeconds, 1));
Console.WriteLine($"  {startCpu.Values.Sum():F1} s CPU to start ({startCpu.Values.Sum() / Environment.ProcessorCount:F1} s on {Environment.ProcessorCount} cores at best): " +
    string.Join(", ", startCpu.Select(c => $"{c.Key} {c.Value}")));
figures["coldStart"] = new { start.TotalSeconds, start.HealthyAtSeconds, cpuSeconds = startCpu };

const int IdleSeconds = 30;
await Task.Delay(TimeSpan.FromSeconds(IdleSeconds));
var idle = meter.Now().ToDictionary(p => p.Key, p => Math.Round(p.Value.RssMb));
figures["idleRssMb"] = ProcessMeter.Services.ToDictionary(name => name, name => idle[name]);

using var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
var gateway = platform.Endpoint(ResourceNames.Gateway);
var registrations = new Registrations(handler, gateway);
await registrations.SignInAsync();

// For a profiler (dotnet-trace) attached to a service: only registrations into three units, for as long as asked.
if (Environment.GetEnvironmentVariable("GONGKAI_BENCH_SOAK_SECONDS") is { Length: > 0 } soak)
{
    Console.WriteLine($"Registering for {soak} s; attach e.g. dotnet-trace collect --profile cpu-sampling -p $(pgrep -f {configuration}/net10.0/Intake.dll)");
    var soaked = await Load.ClosedLoopAsync(8, TimeSpan.FromSeconds(int.Parse(soak)),
        n => registrations.RegisterAsync(Registrations.Units[n % Registrations.Units.Length], DateTimeOffset.UtcNow));
    Console.WriteLine($"{soaked.PerSecond:F1} registrations/s");
    return;
}

// CPU seconds each process spent during a phase, per request of it (ms), largest first.
Dictionary<string, double> CpuPerRequest(Dictionary<string, (double RssMb, double CpuSeconds)> before, int requests) =>
    meter.Now().Select(p => (p.Key, Ms: (p.Value.CpuSeconds - before[p.Key].CpuSeconds) * 1000 / Math.Max(1, requests)))
        .Where(p => p.Ms >= 0.05).OrderByDescending(p => p.Ms).ToDictionary(p => p.Key, p => Math.Round(p.Ms, 2));
string Failures(LoadResult result) => result.Failed == 0 ? "" :
    $", {result.Failed} failed: " + string.Join(", ", result.Errors.Select(e => $"{e.Key} {e.Value}").Concat(registrations.Refused.Select(r => $"HTTP {r.Key} {r.Value}")));
string Describe(Dictionary<string, double> cpu) =>
    $"{cpu.Values.Sum():F1} ms CPU per request: " + string.Join(", ", cpu.Select(c => $"{c.Key} {c.Value:F1}"));

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
figures["gatewayVsDirect"] = gatewayFigures;

const int Clients = 8;
var inserts = await Pgbench.InsertsPerSecondAsync(platform.ConnectionStrings[ResourceNames.Postgres], Clients, TimeSpan.FromSeconds(10));
Console.WriteLine($"pgbench, single-row durable inserts, {Clients} clients: {inserts:F0}/s (the baseline of registrations)");
figures["pgbenchInsertsPerSecond"] = Math.Round(inserts);

var workflow = platform.ConnectionStrings[ResourceNames.WorkflowDb + ResourceNames.AdminSuffix];
meter.StartPeaks();
var registrationFigures = new Dictionary<string, object>();
foreach (var (label, units) in new[] { ("one unit", Registrations.Units[..1]), ("three units", Registrations.Units) })
{
    registrations.Registered.Clear();
    registrations.Refused.Clear();
    var before = meter.Now();
    var result = await Load.ClosedLoopAsync(Clients, TimeSpan.FromSeconds(20),
        n => registrations.RegisterAsync(units[n % units.Length], DateTimeOffset.UtcNow));
    // Everything a registration causes (case, receipt, audit, statistics) is counted: CPU until its cases are open.
    var opened = await registrations.CasesOpenedAsync(workflow, registrations.Registered.Keys, TimeSpan.FromMinutes(10));
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
figures["registrations"] = registrationFigures;

// Arrivals at a fixed rate, as citizens come: each application's time from being due to its case being opened.
registrations.Registered.Clear();
registrations.Refused.Clear();
var arrivals = await Load.OpenLoopAsync(arrivalRate, TimeSpan.FromSeconds(20),
    (n, dueAt) => registrations.RegisterAsync(Registrations.Units[n % Registrations.Units.Length], dueAt));
var due = new Dictionary<Guid, DateTimeOffset>(registrations.Registered);
var casesOpened = await registrations.CasesOpenedAsync(workflow, due.Keys, TimeSpan.FromMinutes(10));
var toCase = casesOpened.Select(o => (o.Value - due[o.Key]).TotalMilliseconds).ToList();
Console.WriteLine($"Arrivals at {arrivalRate}/s for 20 s across three units: registration p50 {arrivals.Percentile(50):F0} ms, p99 {arrivals.Percentile(99):F0} ms" +
    Failures(arrivals) +
    $"; application → case opened p50 {Load.Percentile(toCase, 50):F0} ms, p99 {Load.Percentile(toCase, 99):F0} ms ({casesOpened.Count} of {due.Count} cases)");
figures["arrivals"] = new
{
    perSecond = arrivalRate, sent = arrivals.Succeeded + arrivals.Failed, failed = arrivals.Failed,
    registrationP50Ms = Math.Round(arrivals.Percentile(50)), registrationP99Ms = Math.Round(arrivals.Percentile(99)),
    toCaseP50Ms = Math.Round(Load.Percentile(toCase, 50)), toCaseP99Ms = Math.Round(Load.Percentile(toCase, 99)), casesOpened = casesOpened.Count,
};
var loaded = await meter.StopPeaksAsync();
figures["loadedRssMb"] = ProcessMeter.Services.ToDictionary(name => name, name => Math.Round(loaded.GetValueOrDefault(name)));

var floor = idle["CitySimulator"];
Console.WriteLine($"{"process",-14}{"idle MB",9}{"× floor",9}{"loaded MB",11}");
foreach (var name in ProcessMeter.Services)
    Console.WriteLine($"{name,-14}{idle[name],9:F0}{idle[name] / floor,9:F2}{loaded.GetValueOrDefault(name),11:F0}");

await File.WriteAllTextAsync(output, JsonSerializer.Serialize(figures, new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine($"Written to {Path.GetFullPath(output)}");
