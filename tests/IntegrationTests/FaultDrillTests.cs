using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Gongkai.BuildingBlocks.Messaging;
using Gongkai.Contracts;
using Xunit.Abstractions;

namespace Gongkai.IntegrationTests;

/// <summary>
/// The fault drill: registrations across three units while each service in turn is SIGKILLed and restarted, then
/// RabbitMQ is stopped and started and PostgreSQL shut down (fast: its connections are cut) and started. Clients retry with an idempotency key, as the console does. Afterwards every
/// application has exactly one case, one receipt and one audit entry; whatever was parked in an error queue during the
/// drill is replayed through the operators' endpoint and counted. The suite runs a short drill;
/// <c>benchmarks/fault-drill.sh</c> runs it with 1,000 registrations (<c>GONGKAI_DRILL_REGISTRATIONS</c>).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class FaultDrillTests(PlatformFixture platform, ITestOutputHelper output)
{
    private static readonly string[] Units = [PlatformFixture.TenantA, PlatformFixture.TenantB, PlatformFixture.Department];

    // In turn, one at a time: a crash of each service that handles a registration's consequences, then the servers.
    private static readonly string[] Faults =
    [
        ResourceNames.Intake, ResourceNames.Workflow, ResourceNames.Document, ResourceNames.Identity, ResourceNames.LegalReview,
        ResourceNames.Publishing, ResourceNames.Messaging, ResourceNames.Postgres,
    ];

    private static readonly string[] ServicesWithQueues =
        [ResourceNames.Identity, ResourceNames.Intake, ResourceNames.Workflow, ResourceNames.LegalReview, ResourceNames.Document, ResourceNames.Publishing];

    private static int Registrations =>
        int.TryParse(Environment.GetEnvironmentVariable("GONGKAI_DRILL_REGISTRATIONS"), out var count) && count > 0 ? count : 48;

    [Fact]
    public async Task Every_application_gets_one_case_one_receipt_and_one_audit_entry_while_services_crash_and_servers_restart()
    {
        var drillStarted = DateTimeOffset.UtcNow;
        var run = Guid.NewGuid().ToString("N");
        var clients = new Dictionary<string, HttpClient>();
        foreach (var unit in Units)
            clients[unit] = await platform.ClientAsync(unit, "registrar", fresh: true);

        // The registrations are released in step with the faults, each step's spread over the ten seconds its fault and
        // restart take, so every outage has registrations arriving throughout it.
        var released = 0;
        var stepStarted = new DateTime[Faults.Length];
        var next = -1;
        var retries = 0;
        var registered = new ConcurrentDictionary<int, Guid>();
        var faults = Task.Run(async () =>
        {
            for (var step = 0; step < Faults.Length; step++)
            {
                stepStarted[step] = DateTime.UtcNow;
                Volatile.Write(ref released, Registrations * (step + 1) / Faults.Length);
                var fault = Faults[step];
                if (fault is ResourceNames.Messaging)
                {
                    await platform.App.StopResourceAsync(fault);
                    await platform.App.StartResourceAsync(fault);
                }
                else
                    await platform.App.SignalAndRestartResourceAsync(fault, fault is ResourceNames.Postgres ? "INT" : "KILL");
                output.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss} {fault} {(fault is ResourceNames.Messaging or ResourceNames.Postgres ? "restarted" : "killed and restarted")}; {registered.Count} registered");
            }
        });
        var registering = Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            for (var number = Interlocked.Increment(ref next); number < Registrations; number = Interlocked.Increment(ref next))
            {
                while (number >= Volatile.Read(ref released))
                {
                    if (faults.IsCompleted)
                        return; // a fault step failed: its exception fails the test, nothing more is released
                    await Task.Delay(100);
                }
                var step = number * Faults.Length / Registrations;
                var first = (Registrations * step + Faults.Length - 1) / Faults.Length;
                var perStep = (double)Registrations / Faults.Length;
                var sendAt = stepStarted[step] + TimeSpan.FromSeconds(10 * (number - first) / perStep);
                if (sendAt > DateTime.UtcNow)
                    await Task.Delay(sendAt - DateTime.UtcNow);
                var (id, attempts) = await IntakeTestData.RegisterUntilAcceptedAsync(clients[Units[number % Units.Length]], $"{run}-{number}");
                registered[number] = id;
                Interlocked.Add(ref retries, attempts - 1);
            }
        })).ToList();
        await Task.WhenAll([faults, .. registering]);

        var ids = registered.Values.ToArray();
        var stored = new StoredCounts(platform.App);
        var counts = await stored.WaitForAsync(ids, TimeSpan.FromMinutes(3));
        var replayed = 0;
        if (!counts.Complete(ids.Length))
        {
            // What a consumer gave up on during the drill is in an error queue: the operator replays it.
            replayed = await ReplayParkedSinceAsync(drillStarted);
            counts = await stored.WaitForAsync(ids, PlatformFixture.DocumentBacklogWait);
        }
        output.WriteLine($"sent {Registrations}, registered {ids.Length} (distinct {ids.Distinct().Count()}), retried requests {retries}; " +
            $"cases {counts.Cases}, receipts {counts.Receipts}, audit entries {counts.AuditEntries}, duplicates {counts.Duplicates}, " +
            $"lost {ids.Length - Math.Min(counts.Cases, Math.Min(counts.Receipts, counts.AuditEntries))}; replayed from error queues {replayed}");

        Assert.Equal(Registrations, ids.Distinct().Count());
        Assert.Equal(0, counts.Duplicates);
        Assert.Equal(ids.Length, counts.Applications);
        Assert.Equal(ids.Length, counts.Cases);
        Assert.Equal(ids.Length, counts.Receipts);
        Assert.Equal(ids.Length, counts.AuditEntries);
    }

    /// <summary>Replays, through each service's operator endpoint, every message parked since <paramref name="since"/>; returns how many.</summary>
    private async Task<int> ReplayParkedSinceAsync(DateTimeOffset since)
    {
        using var operator_ = await platform.ClientAsync("platform", "admin");
        var replayed = 0;
        foreach (var service in ServicesWithQueues)
        {
            var queues = (await operator_.GetFromJsonAsync<List<ErrorQueueView>>($"/api/{service}/admin/error-queues", PlatformFixture.Json))!;
            foreach (var queue in queues)
            {
                foreach (var message in queue.Messages.Where(m => m.FailedAt >= since && m.MessageId is not null))
                {
                    var response = await operator_.PostAsync($"/api/{service}/admin/error-queues/{queue.Queue}/replay?messageId={message.MessageId}", null);
                    response.EnsureSuccessStatusCode();
                    replayed += (await response.Content.ReadFromJsonAsync<ReplayResult>(PlatformFixture.Json))!.Replayed;
                    output.WriteLine($"replayed {message.MessageType} from {queue.Queue}: {message.ExceptionType} {message.ExceptionMessage}");
                }
            }
        }
        return replayed;
    }
}
