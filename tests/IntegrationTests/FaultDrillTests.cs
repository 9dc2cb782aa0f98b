using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Gongkai.BuildingBlocks.Messaging;
using Gongkai.Contracts;
using Npgsql;
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
                var (id, attempts) = await RegisterAsync(clients[Units[number % Units.Length]], $"{run}-{number}");
                registered[number] = id;
                Interlocked.Add(ref retries, attempts - 1);
            }
        })).ToList();
        await Task.WhenAll([faults, .. registering]);

        var ids = registered.Values.ToArray();
        var counts = await WaitForCountsAsync(ids, TimeSpan.FromMinutes(3));
        var replayed = 0;
        if (!counts.Complete(ids.Length))
        {
            // What a consumer gave up on during the drill is in an error queue: the operator replays it.
            replayed = await ReplayParkedSinceAsync(drillStarted);
            counts = await WaitForCountsAsync(ids, PlatformFixture.DocumentBacklogWait);
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

    /// <summary>Registers until the platform answers, always with the same idempotency key; returns the id and the attempts made.</summary>
    private static async Task<(Guid Id, int Attempts)> RegisterAsync(HttpClient client, string idempotencyKey)
    {
        var giveUp = DateTime.UtcNow + TimeSpan.FromMinutes(5);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/intake/applications")
                {
                    Content = JsonContent.Create(IntakeTestData.Person("InPerson", $"东升街道{idempotencyKey}号地块房屋征收补偿安置方案")),
                };
                request.Headers.Add("Idempotency-Key", idempotencyKey);
                using var response = await client.SendAsync(request);
                if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                    return ((await response.Content.ReadFromJsonAsync<RegisteredApplication>(PlatformFixture.Json))!.Id, attempt);
                // A 4xx other than the platform being unavailable means the request itself is wrong: retrying cannot help.
                Assert.True((int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.RequestTimeout,
                    $"registration refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            Assert.True(DateTime.UtcNow < giveUp, $"registration {idempotencyKey} not accepted within 5 minutes");
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 250 * Math.Pow(2, Math.Min(attempt, 5)))));
        }
    }

    private sealed record Counts(long Applications, long Cases, long Receipts, long AuditEntries, long Duplicates)
    {
        public bool Complete(int expected) => Duplicates > 0 || (Applications == expected && Cases == expected && Receipts == expected && AuditEntries == expected);
    }

    /// <summary>Counts what each service stored for the applications, until all is there (or a duplicate is) or the time is up.</summary>
    private async Task<Counts> WaitForCountsAsync(Guid[] applications, TimeSpan timeout)
    {
        var giveUp = DateTime.UtcNow + timeout;
        while (true)
        {
            var counts = await CountAsync(applications);
            if (counts.Complete(applications.Length) || DateTime.UtcNow > giveUp)
                return counts;
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }

    private async Task<Counts> CountAsync(Guid[] applications)
    {
        var stored = await ScalarAsync(ResourceNames.IntakeDb, "SELECT count(*) FROM applications WHERE id = ANY(@ids)", applications);
        var cases = await ListAsync<Guid>(ResourceNames.WorkflowDb, "SELECT id FROM cases WHERE application_id = ANY(@ids)", applications);
        var caseIds = cases.ToArray();
        var duplicateOpenings = await ScalarAsync(ResourceNames.WorkflowDb,
            "SELECT count(*) FROM (SELECT case_id FROM case_events WHERE kind = 'opened' AND case_id = ANY(@ids) GROUP BY case_id HAVING count(*) > 1) d", caseIds);
        var receipts = await ListAsync<Guid>(ResourceNames.DocumentDb, "SELECT case_id FROM issued_documents WHERE kind = 'receipt' AND case_id = ANY(@ids)", caseIds);
        var audits = await ListAsync<string>(ResourceNames.IdentityDb, "SELECT target FROM audit_entries WHERE action = 'case-opened' AND target = ANY(@ids)",
            caseIds.Select(id => $"case:{id}").ToArray());
        var duplicates = cases.Count - cases.Distinct().Count() + receipts.Count - receipts.Distinct().Count() + audits.Count - audits.Distinct().Count() + duplicateOpenings;
        return new Counts(stored, cases.Count, receipts.Count, audits.Count, duplicates);
    }

    private async Task<long> ScalarAsync(string database, string sql, Array ids)
    {
        await using var connection = new NpgsqlConnection(platform.App.GetConnectionString(database + ResourceNames.AdminSuffix));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("ids", ids);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<List<T>> ListAsync<T>(string database, string sql, Array ids)
    {
        await using var connection = new NpgsqlConnection(platform.App.GetConnectionString(database + ResourceNames.AdminSuffix));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("ids", ids);
        var values = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            values.Add(reader.GetFieldValue<T>(0));
        return values;
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
