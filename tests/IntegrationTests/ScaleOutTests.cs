using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Aspire.Hosting;
using Gongkai.BuildingBlocks;
using Gongkai.BuildingBlocks.Messaging;
using Gongkai.Contracts;
using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Xunit.Abstractions;
using static Gongkai.IntegrationTests.DocumentTestSupport;

namespace Gongkai.IntegrationTests;

/// <summary>
/// The platform scaled out as a cluster runs it: two instances of every service and of the portal, started together on
/// empty databases, competing for quorum queues. A burst of registrations, duplicated events, concurrent alert scans and
/// parallel numbered replies leave no duplicate case, receipt, audit entry, alert or document number, and no gap.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class ScaleOutTests(ScaleOutFixture platform, ITestOutputHelper output)
{
    private static readonly string[] Units = [PlatformFixture.TenantA, PlatformFixture.TenantB, PlatformFixture.Department];

    private static readonly string[] ServicesWithQueues =
        [ResourceNames.Identity, ResourceNames.Intake, ResourceNames.Workflow, ResourceNames.LegalReview, ResourceNames.Document, ResourceNames.Publishing];

    private static readonly string[] Replicated = [.. ServicesWithQueues, ResourceNames.Portal];

    [Fact]
    public async Task Two_instances_of_every_service_start_together_and_a_burst_leaves_no_duplicate_or_gap()
    {
        // Started together on empty databases: both instances of each service became healthy, so both got past migrations.
        var instances = await HealthyInstancesAsync();
        foreach (var name in Replicated)
            Assert.True(instances.GetValueOrDefault(name) == ScaleOutFixture.Instances,
                $"{name}: {instances.GetValueOrDefault(name)} healthy instances, expected {ScaleOutFixture.Instances}");

        await AssertEveryConsumerQueueIsQuorumAsync();

        var run = Guid.NewGuid().ToString("N")[..8];
        var burst = RegisterBurstAsync(run, perUnit: 15);
        var alerts = DuplicatedEventsAndConcurrentScansAsync();
        var numbers = ParallelNumberedRepliesAsync(run, count: 30);
        await Task.WhenAll(burst, alerts, numbers);

        var ids = await burst;
        var counts = await new StoredCounts(platform.App).WaitForAsync(ids, PlatformFixture.DocumentBacklogWait);
        output.WriteLine($"registered {ids.Length}: cases {counts.Cases}, receipts {counts.Receipts}, audit entries {counts.AuditEntries}, duplicates {counts.Duplicates}");
        Assert.Equal(0, counts.Duplicates);
        Assert.Equal(ids.Length, counts.Applications);
        Assert.Equal(ids.Length, counts.Cases);
        Assert.Equal(ids.Length, counts.Receipts);
        Assert.Equal(ids.Length, counts.AuditEntries);

        // Application numbers are drawn by whichever Intake instance took the request: per unit, as many distinct numbers
        // as its counters gave out, so none was given twice or skipped.
        var stored = new StoredCounts(platform.App);
        var numbered = await stored.ListAsync<string>(ResourceNames.IntakeDb,
            "SELECT tenant_id || ' ' || count(DISTINCT number) || ' ' || count(*) FROM applications WHERE tenant_id = ANY(@ids) GROUP BY tenant_id ORDER BY 1", Units);
        var counted = await stored.ListAsync<string>(ResourceNames.IntakeDb,
            "SELECT tenant_id || ' ' || sum(last_value) || ' ' || sum(last_value) FROM application_number_counters WHERE tenant_id = ANY(@ids) GROUP BY tenant_id ORDER BY 1", Units);
        Assert.Equal(counted, numbered);
    }

    /// <summary>Healthy instances per resource, as DCP reports them (each replica is a resource instance of its own).</summary>
    private async Task<Dictionary<string, int>> HealthyInstancesAsync()
    {
        var healthy = new ConcurrentDictionary<string, ConcurrentDictionary<string, bool>>();
        using var wait = new CancellationTokenSource(PlatformFixture.EventWait);
        try
        {
            await foreach (var change in platform.App.Application.ResourceNotifications.WatchAsync(wait.Token))
            {
                var replicas = healthy.GetOrAdd(change.Resource.Name, _ => new());
                replicas[change.ResourceId] = change.Snapshot.State?.Text == "Running" && change.Snapshot.HealthStatus == HealthStatus.Healthy;
                if (Replicated.All(name => healthy.TryGetValue(name, out var r) && r.Values.Count(h => h) == ScaleOutFixture.Instances))
                    break;
            }
        }
        catch (OperationCanceledException)
        {
        }
        return healthy.ToDictionary(r => r.Key, r => r.Value.Values.Count(h => h));
    }

    /// <summary>
    /// RabbitMQ accepts a redeclaration only with the queue's own type: each consumer queue (as its service lists them for
    /// operators) is accepted as quorum and refused as classic.
    /// </summary>
    private async Task AssertEveryConsumerQueueIsQuorumAsync()
    {
        using var operator_ = await platform.ClientAsync("platform", "admin");
        var factory = new ConnectionFactory { Uri = new Uri(platform.App.GetConnectionString(ResourceNames.Messaging)) };
        await using var connection = await factory.CreateConnectionAsync();
        var checkedQueues = 0;
        foreach (var service in ServicesWithQueues)
        {
            var queues = (await operator_.GetFromJsonAsync<List<ErrorQueueView>>($"/api/{service}/admin/error-queues", PlatformFixture.Json))!;
            Assert.NotEmpty(queues);
            foreach (var queue in queues.Select(q => q.InputQueue))
            {
                await using (var channel = await connection.CreateChannelAsync())
                    await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
                        arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" });
                await using (var channel = await connection.CreateChannelAsync())
                {
                    var refused = await Assert.ThrowsAsync<OperationInterruptedException>(() => channel.QueueDeclareAsync(queue, durable: true,
                        exclusive: false, autoDelete: false, arguments: new Dictionary<string, object?> { ["x-queue-type"] = "classic" }));
                    Assert.Equal((ushort)406, refused.ShutdownReason?.ReplyCode);
                }
                checkedQueues++;
            }
        }
        output.WriteLine($"{checkedQueues} consumer queues are quorum queues");
    }

    /// <summary>Registrations in three units through the gateway, twelve at a time, each retried with its idempotency key.</summary>
    private async Task<Guid[]> RegisterBurstAsync(string run, int perUnit)
    {
        var clients = new Dictionary<string, HttpClient>();
        foreach (var unit in Units)
            clients[unit] = await platform.ClientAsync(unit, "registrar", fresh: true);
        var total = perUnit * Units.Length;
        var next = -1;
        var registered = new ConcurrentBag<Guid>();
        await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(async () =>
        {
            for (var number = Interlocked.Increment(ref next); number < total; number = Interlocked.Increment(ref next))
                registered.Add((await IntakeTestData.RegisterUntilAcceptedAsync(clients[Units[number % Units.Length]], $"scale-{run}-{number}")).Id);
        })));
        Assert.Equal(total, registered.Distinct().Count());
        return [.. registered];
    }

    /// <summary>
    /// Each overdue application's event is published twice (both instances may take one copy each): one case. Then six
    /// alert scans at once through the gateway, spread over both Workflow instances: one alert per case.
    /// </summary>
    private async Task DuplicatedEventsAndConcurrentScansAsync()
    {
        const string unit = PlatformFixture.TenantB;
        var receivedOn = ChinaTime.Today(TimeProvider.System).AddDays(-90);
        var events = Enumerable.Range(0, 5)
            .Select(i => new ApplicationRegistered(Guid.NewGuid(), unit, $"{unit}-S{Random.Shared.Next(1_000_000)}", "InPerson", receivedOn, DateTimeOffset.UtcNow))
            .ToList();
        var bus = await StartBusAsync(platform);
        try
        {
            foreach (var message in events)
            {
                var messageId = NewId.NextGuid();
                for (var copy = 0; copy < 2; copy++)
                    await bus.Publish(message, context => { context.MessageId = messageId; context.Headers.Set(TenantHeaders.Message, unit); });
            }
        }
        finally
        {
            await bus.StopAsync();
        }

        using var handler = await platform.ClientAsync(unit, "handler");
        var cases = new List<Guid>();
        foreach (var message in events)
            cases.Add((await Cases.WaitForCaseAsync(handler, message.ApplicationId, PlatformFixture.EventWait)).Id);

        using var admin = await platform.ClientAsync(unit, "admin");
        var scans = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => admin.PostAsync("/api/workflow/alerts/scan", null)));
        Assert.All(scans, s => Assert.Equal(HttpStatusCode.OK, s.StatusCode));

        var stored = new StoredCounts(platform.App);
        Assert.Equal(events.Count, await stored.ScalarAsync(ResourceNames.WorkflowDb,
            "SELECT count(*) FROM cases WHERE application_id = ANY(@ids)", events.Select(e => e.ApplicationId).ToArray()));
        var alerts = await stored.ListAsync<Guid>(ResourceNames.WorkflowDb, "SELECT case_id FROM case_alerts WHERE kind = 'Overdue' AND case_id = ANY(@ids)", cases.ToArray());
        Assert.Equal(cases.Order(), alerts.Order());
    }

    /// <summary>Replies requested in parallel in one unit, rendered by both Document instances: numbers 1…N, each once.</summary>
    private async Task ParallelNumberedRepliesAsync(string run, int count)
    {
        const string unit = PlatformFixture.Department;
        using var admin = await platform.ClientAsync(unit, "admin");
        using var handler = await platform.ClientAsync(unit, "handler");
        var pattern = $"扩{run}复〔{{year}}〕{{seq:3}}号";
        var saved = await admin.PutAsJsonAsync("/api/document/settings", new { numberPatterns = new Dictionary<string, string> { ["reply"] = pattern } });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        var @case = await NewCaseAsync(platform, unit);
        var requests = Enumerable.Range(0, count).Select(_ => Request(unit, @case, DocumentKinds.Reply, "王小明", new()
        {
            [DocumentKinds.Fields.ReplyType] = "NotHeld",
            [DocumentKinds.Fields.Outcome] = "UnavailableNotHeld",
        })).ToList();
        var documents = await PublishAllAndWaitAsync(platform, handler, @case.Id, requests);

        var year = ChinaTime.Today(TimeProvider.System).Year;
        var expected = Enumerable.Range(1, count).Select(i => pattern.Replace("{year}", $"{year}").Replace("{seq:3}", $"{i:D3}"));
        Assert.Equal(expected.Order(), documents.Select(d => d.DocumentNumber!).Order());
    }
}

/// <summary>The platform with two instances of every service and quorum queues; started only for <see cref="ScaleOutTests"/>.</summary>
public sealed class ScaleOutFixture : PlatformFixture
{
    public const int Instances = 2;

    protected override IEnumerable<string> Options => [$"--Gongkai:Replicas={Instances}", "--Gongkai:QuorumQueues=true"];

    protected override bool AddSecondWorkflow => false;

    // Fourteen service processes starting at once on a loaded two-core machine.
    protected override TimeSpan StartTimeout => TimeSpan.FromMinutes(10);
}

/// <summary>Runs alone, after the shared platform's collection: it starts a whole platform of its own.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ScaleOutCollection : ICollectionFixture<ScaleOutFixture>
{
    public const string Name = "scale-out";
}
