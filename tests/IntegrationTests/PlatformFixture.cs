using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Gongkai.AppHost;
using Gongkai.Contracts;

namespace Gongkai.IntegrationTests;

/// <summary>
/// Starts the real AppHost once per test run through Aspire.Hosting.Testing: the topology <c>./build.sh run</c>
/// starts (private PostgreSQL and RabbitMQ, or servers given as ConnectionStrings__postgres / __messaging, the six
/// services and the gateway), with throwaway data, free ports, the demo seed, and a second Workflow instance.
/// Tests talk to it through the gateway only, except where a test is about the database or the broker themselves.
/// </summary>
public class PlatformFixture : IAsyncLifetime
{
    // Units and staff of the demo seed (Identity:SeedDemo); every demo user has one role, named like the user.
    public const string District = "510116";
    public const string TenantA = "510116-dsj";
    public const string TenantB = "510116-xhg";
    public const string Department = "510116-fgj";
    public const string DemoPassword = "Gongkai2026demo";
    public const string SecondWorkflow = "workflow-2";

    /// <summary>
    /// The tests' own public rate limit (production: 120 per client, route and minute). Every test comes from one
    /// address, so polling a public page must not run into a limit meant for one citizen; the rate-limit test itself
    /// sends more than this many requests to see its 429.
    /// </summary>
    public const int PublicRequestsPerMinute = 1000;

    /// <summary>
    /// How long a test waits for an event's effect (a case opened, a review started). It takes about a second; the
    /// bound is generous because tests poll the state and move on at once, and a loaded machine can be much slower.
    /// </summary>
    public static readonly TimeSpan EventWait = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long a test waits for a line to reach a resource's log stream: Aspire's orchestrator forwards console output
    /// with a delay that grows on a loaded machine (over a minute with both cores busy).
    /// </summary>
    public static readonly TimeSpan LogWait = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a test waits for a rendered document. Documents render one after another (~0.5 s each on a quiet
    /// machine, ~2 s on a loaded one), and an earlier test may have queued dozens (50 registrations → 50 receipts).
    /// </summary>
    public static readonly TimeSpan DocumentWait = TimeSpan.FromMinutes(5);

    /// <summary>For a test that itself queues a backlog of documents (50 replies) and waits for all of them.</summary>
    public static readonly TimeSpan DocumentBacklogWait = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Attempts Intake makes at a city callback before dead-lettering it (in the tests): 1, 2, 4, 8, 15, 15 s apart, about
    /// 45 s, long enough for a test to stop Intake between two attempts on a loaded machine.
    /// </summary>
    public const int CityCallbackAttempts = 7;

    /// <summary>Attempts Document makes at a requested document before marking it Failed (in the tests).</summary>
    public const int DocumentRequestAttempts = 5;

    // Access tokens live 15 minutes; a slow run outlasts that, so a cached token is renewed after 10.
    private static readonly TimeSpan TokenReuse = TimeSpan.FromMinutes(10);
    private readonly Dictionary<(string Unit, string User), (string Token, DateTime At)> _tokens = new();
    private readonly SemaphoreSlim _tokenLock = new(1, 1);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    /// <summary>Common parent of the throwaway data directories, so a run can remove what a killed run left.</summary>
    internal static readonly string DataRoot = Path.Combine(Path.GetTempPath(), "gongkai-aspire-test");

    private readonly string _data = Path.Combine(DataRoot, Guid.NewGuid().ToString("N"));

    public PlatformApp App { get; private set; } = null!;

    public Uri Gateway { get; private set; } = null!;

    /// <summary>AppHost options beyond the tests' defaults (e.g. <c>--Gongkai:Replicas=2</c>).</summary>
    protected virtual IEnumerable<string> Options => [];

    /// <summary>How long the platform may take to become healthy (a loaded machine starts every process slowly).</summary>
    protected virtual TimeSpan StartTimeout => TimeSpan.FromMinutes(5);

    /// <summary>A second Workflow instance as a resource of its own, so a test can address each instance directly.</summary>
    protected virtual bool AddSecondWorkflow => true;

    public async Task InitializeAsync()
    {
        RemoveAbandonedDataDirectories();
        using var timeout = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync(
            typeof(PlatformOptions),
            [
                // Throwaway data (initdb --no-sync, fsync off), free ports for servers and gateway, the demo units and staff.
                "--Gongkai:Ephemeral=true", $"--Gongkai:Data={_data}", "--Gongkai:GatewayPort=0", "--Gongkai:Demo=true", .. Options,
            ],
            (options, _) => options.DisableDashboard = true,
            timeout.Token);

        // The tests' own public rate limit, and Document giving up on a failing request after seconds instead of ≈20
        // minutes, so a test can watch it fail and recover.
        builder.CreateResourceBuilder<ProjectResource>(ResourceNames.Gateway)
            .WithEnvironment("Gateway__PublicRequestsPerMinute", PublicRequestsPerMinute.ToString());
        builder.CreateResourceBuilder<ProjectResource>(ResourceNames.Intake)
            .WithEnvironment("CityLink__MaxAttempts", CityCallbackAttempts.ToString())
            .WithEnvironment("CityLink__MaxRetryDelay", "00:00:15");
        builder.CreateResourceBuilder<ProjectResource>(ResourceNames.Document)
            .WithEnvironment("Document__Requests__FirstDelay", "00:00:01")
            .WithEnvironment("Document__Requests__MaxDelay", "00:00:02")
            .WithEnvironment("Document__Requests__MaxAttempts", DocumentRequestAttempts.ToString())
            .WithEnvironment("Document__Requests__PollInterval", "00:00:00.500");
        // A second Workflow instance competes for the same queues and scans, as in a scaled-out deployment.
        if (AddSecondWorkflow)
        {
            builder.AddProject(SecondWorkflow, Path.Combine(builder.AppHostDirectory, "..", "services", "Workflow", "Workflow.csproj"))
                .AsGongkaiService(
                    builder.CreateResourceBuilder<PostgresDatabaseResource>(ResourceNames.WorkflowDb),
                    builder.CreateResourceBuilder<IResourceWithConnectionString>(ResourceNames.Messaging),
                    builder.CreateResourceBuilder<ProjectResource>(ResourceNames.Identity));
        }

        // Without the dashboard nothing receives telemetry; exporters retrying against a closed port only take CPU from the tests.
        foreach (var project in builder.Resources.OfType<ProjectResource>())
            builder.CreateResourceBuilder(project).WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", "");

        App = new PlatformApp(await builder.BuildAsync(timeout.Token), Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..")));
        await App.StartAsync(timeout.Token);
        Gateway = App.GetEndpoint(ResourceNames.Gateway);
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
            await App.DisposeAsync();
        if (Directory.Exists(_data))
            Directory.Delete(_data, recursive: true);
    }

    /// <summary>
    /// DCP stops the processes of a test host that was killed, but its data directory stays: remove those no server
    /// runs on any more (a postmaster.pid naming a live process means a run in progress).
    /// </summary>
    private static void RemoveAbandonedDataDirectories()
    {
        if (!Directory.Exists(DataRoot))
            return;
        foreach (var directory in Directory.GetDirectories(DataRoot))
        {
            var pidFile = Path.Combine(directory, "postgres", "postmaster.pid");
            var live = File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid) && Directory.Exists($"/proc/{pid}");
            if (!live && DateTime.UtcNow - Directory.GetLastWriteTimeUtc(directory) > TimeSpan.FromMinutes(10))
            {
                try { Directory.Delete(directory, recursive: true); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
            }
        }
    }

    /// <summary>An anonymous client of the gateway.</summary>
    public HttpClient Anonymous() => new() { BaseAddress = Gateway, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>A client of the gateway signed in as demo user <paramref name="userName"/> of <paramref name="unit"/>.</summary>
    /// <param name="fresh">A new token even if one was issued lately (its claims, e.g. the supervised units, are read anew).</param>
    public async Task<HttpClient> ClientAsync(string unit, string userName, string password = DemoPassword, bool fresh = false)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await TokenAsync(unit, userName, password, fresh));
        return client;
    }

    public async Task<string> TokenAsync(string unit, string userName, string password = DemoPassword, bool fresh = false)
    {
        await _tokenLock.WaitAsync();
        try
        {
            if (!fresh && _tokens.TryGetValue((unit, userName), out var cached) && DateTime.UtcNow - cached.At < TokenReuse)
                return cached.Token;
            using var anonymous = Anonymous();
            var response = await anonymous.PostAsJsonAsync("/api/identity/token", new { grantType = "password", unitCode = unit, userName, password });
            Assert.True(response.IsSuccessStatusCode, $"Sign-in of {userName}@{unit} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
            _tokens[(unit, userName)] = (token, DateTime.UtcNow);
            return token;
        }
        finally
        {
            _tokenLock.Release();
        }
    }

    public async Task<RegisteredApplication> RegisterAsync(HttpClient client, string description = "某街道2025年度老旧小区改造项目的资金拨付文件", HttpRequestMessage? request = null)
    {
        request ??= new HttpRequestMessage(HttpMethod.Post, "/api/intake/applications");
        // Handed in at the counter: the legal receipt date is fixed at once (Art. 31), so the case opens right away.
        // A new applicant each time, so repeat detection flags only what a test sets up on purpose.
        request.Content = JsonContent.Create(IntakeTestData.Person("InPerson", description));
        var response = await client.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<RegisteredApplication>(Json))!;
    }

    /// <summary>The platform's own answer for a deadline (its calendar may hold years a test entered).</summary>
    public async Task<DateOnly> DeadlineAsync(DateOnly from, int workingDays)
    {
        using var client = Anonymous();
        var answer = await client.GetFromJsonAsync<JsonElement>($"/api/workflow/calendar/deadline?from={from:yyyy-MM-dd}&workingDays={workingDays}");
        return DateOnly.Parse(answer.GetProperty("due").GetString()!);
    }

    /// <summary>
    /// Polls until <paramref name="probe"/> returns a value, or fails after <paramref name="timeout"/>. The interval grows
    /// from 100 ms to 2 s, so a long wait neither hammers a rate-limited public endpoint nor slows a quick answer.
    /// </summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what) where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        var interval = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            if (await probe() is { } value)
                return value;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds} s waiting for {what}.");
            await Task.Delay(interval);
            interval = TimeSpan.FromMilliseconds(Math.Min(interval.TotalMilliseconds * 1.5, 2000));
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    // One collection: the platform starts once, and tests that stop RabbitMQ never overlap the others.
    public const string Name = "platform";
}

public sealed record RegisteredApplication(Guid Id, string ApplicationNumber, string QueryCode, DateOnly LegalReceiptDate);

public sealed record CaseSummary(Guid Id, Guid ApplicationId, string CaseNumber, string State, string StateLabel, DateOnly ReceivedOn, DateOnly? ReplyDue,
    bool ReplyDueProvisional, bool ClockPaused, int RemainingWorkingDays, string? Alert, string? HandlerId, string? HandlerName);

public sealed record TimelineEntry(DateTimeOffset At, string Kind, string Description, string? Reason, string Actor, string? TraceId);

public sealed record CaseDetails(CaseSummary Case, JsonElement Lifecycle, List<TimelineEntry> Timeline);

public sealed record DocumentView(Guid Id, Guid CaseId, string Kind, string Title, DateTimeOffset IssuedAt, string? TraceId);

public sealed record ApplicationView(Guid Id, string ApplicationNumber, string ApplicantName, string Description, string Channel,
    DateOnly LegalReceiptDate, DateTimeOffset RegisteredAt, Guid? CaseId, DateOnly? ReplyDue);
