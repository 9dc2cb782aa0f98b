using System.Net;
using System.Net.Http.Json;
using System.Text;
using Gongkai.BuildingBlocks.Messaging;
using Gongkai.Contracts;
using MassTransit;
using Npgsql;
using RabbitMQ.Client;

namespace Gongkai.IntegrationTests;

[Collection(PlatformCollection.Name)]
public sealed class MessagingReliabilityTests(PlatformFixture platform)
{
    [Fact]
    public async Task Registration_succeeds_while_RabbitMQ_is_down_and_the_case_appears_after_it_returns()
    {
        using var client = await platform.ClientAsync(PlatformFixture.TenantA, "registrar");
        await platform.App.StopResourceAsync("messaging");
        RegisteredApplication registered;
        try
        {
            registered = await platform.RegisterAsync(client, "RabbitMQ 停机期间登记的申请");

            // The event waits in Intake's outbox; no case can exist yet.
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.Null(await Cases.FindByApplicationAsync(client, registered.Id));
            Assert.Equal(1L, await CountUnsentAsync(registered.ApplicationNumber));
        }
        finally
        {
            await platform.App.StartResourceAsync("messaging");
        }

        // Publisher confirms and the relay's retries deliver it once the broker is back.
        var summary = await Cases.WaitForCaseAsync(client, registered.Id, TimeSpan.FromSeconds(90));
        Assert.Equal(registered.ApplicationNumber, summary.CaseNumber);
        Assert.Equal(0L, await CountUnsentAsync(registered.ApplicationNumber));
    }

    private async Task<long> CountUnsentAsync(string applicationNumber)
    {
        await using var connection = new NpgsqlConnection(platform.App.GetConnectionString("intakedb-admin"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL AND body->>'applicationNumber' = @number", connection);
        command.Parameters.AddWithValue("number", applicationNumber);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task The_same_message_delivered_twice_creates_one_case()
    {
        var broker = new Uri(platform.App.GetConnectionString("messaging"));
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host(broker.Host, (ushort)broker.Port, "/", h =>
        {
            h.Username("guest");
            h.Password("guest");
        }));
        await bus.StartAsync();
        try
        {
            var applicationId = Guid.NewGuid();
            var messageId = NewId.NextGuid();
            var message = new ApplicationRegistered(applicationId, PlatformFixture.TenantA, $"{PlatformFixture.TenantA}-2026-DUP01", "Online",
                new DateOnly(2026, 11, 2), DateTimeOffset.UtcNow);

            // Same MessageId twice (a redelivery), then the same application under a new MessageId (a re-push).
            await PublishAsync(bus, message, messageId);
            await PublishAsync(bus, message, messageId);
            await PublishAsync(bus, message, NewId.NextGuid());
            // A later message on the same queue: once its case exists, the three before it were handled.
            var sentinel = message with { ApplicationId = Guid.NewGuid(), ApplicationNumber = $"{PlatformFixture.TenantA}-2026-DUP02" };
            await PublishAsync(bus, sentinel, NewId.NextGuid());

            using var client = await platform.ClientAsync(PlatformFixture.TenantA, "registrar");
            await Cases.WaitForCaseAsync(client, sentinel.ApplicationId, PlatformFixture.EventWait);
            await Task.Delay(TimeSpan.FromSeconds(2)); // room for a late redelivery to do harm, if it could

            var cases = await client.GetFromJsonAsync<List<CaseSummary>>($"/api/workflow/cases?applicationId={applicationId}", PlatformFixture.Json);
            Assert.Single(cases!);
            await using var connection = new NpgsqlConnection(platform.App.GetConnectionString("workflowdb-admin"));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT count(*) FROM inbox_messages WHERE message_id = @id", connection);
            command.Parameters.AddWithValue("id", messageId);
            Assert.Equal(1L, await command.ExecuteScalarAsync());
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    [Fact]
    public async Task A_message_parked_in_an_error_queue_is_listed_without_its_body_and_replayed_to_its_queue()
    {
        using var operator_ = await platform.ClientAsync("platform", "admin");
        const string errors = "/api/workflow/admin/error-queues";
        var queue = (await operator_.GetFromJsonAsync<List<ErrorQueueView>>(errors, PlatformFixture.Json))!
            .Single(q => q.InputQueue.EndsWith("application-registered", StringComparison.Ordinal));
        var messageId = Guid.NewGuid().ToString();

        // A message Workflow can never read (an application id that is no GUID): retried, then parked in the error queue.
        var broker = new Uri(platform.App.GetConnectionString("messaging"));
        var credentials = broker.UserInfo.Split(':', 2);
        await using (var connection = await new ConnectionFactory { HostName = broker.Host, Port = broker.Port, UserName = credentials[0], Password = credentials[1] }.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            var body = $$$"""{"messageId":"{{{messageId}}}","messageType":["urn:message:Gongkai.Contracts:ApplicationRegistered"],"message":{"applicationId":"这不是编号-SECRET","tenantId":"{{{PlatformFixture.TenantA}}}"}}""";
            await channel.BasicPublishAsync("", queue.InputQueue, mandatory: true,
                new BasicProperties { MessageId = messageId, ContentType = "application/vnd.masstransit+json", Persistent = true }, Encoding.UTF8.GetBytes(body));
        }
        var parked = await PlatformFixture.EventuallyAsync(async () =>
            (await operator_.GetFromJsonAsync<List<ErrorQueueView>>(errors, PlatformFixture.Json))!.Single(q => q.Queue == queue.Queue)
                .Messages.FirstOrDefault(m => m.MessageId == messageId), PlatformFixture.EventWait, "the poison message in the error queue");
        Assert.NotNull(parked.ExceptionType);
        Assert.NotNull(parked.FailedAt);
        Assert.DoesNotContain("SECRET", await operator_.GetStringAsync(errors));

        var replay = await operator_.PostAsync($"{errors}/{queue.Queue}/replay?messageId={messageId}", null);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(1, (await replay.Content.ReadFromJsonAsync<ReplayResult>(PlatformFixture.Json))!.Replayed);
        // Back on its queue, consumed again, failing again: parked again with a later failure, never lost.
        var again = await PlatformFixture.EventuallyAsync(async () =>
            (await operator_.GetFromJsonAsync<List<ErrorQueueView>>(errors, PlatformFixture.Json))!.Single(q => q.Queue == queue.Queue)
                .Messages.FirstOrDefault(m => m.MessageId == messageId && m.FailedAt > parked.FailedAt), PlatformFixture.EventWait, "the replayed message parked again");
        Assert.Single((await operator_.GetFromJsonAsync<List<ErrorQueueView>>(errors, PlatformFixture.Json))!.Single(q => q.Queue == queue.Queue)
            .Messages, m => m.MessageId == messageId);

        Assert.Equal(HttpStatusCode.NotFound, (await operator_.PostAsync($"{errors}/no-such-queue_error/replay", null)).StatusCode);
        using var handler = await platform.ClientAsync(PlatformFixture.TenantA, "handler");
        Assert.Equal(HttpStatusCode.Forbidden, (await handler.GetAsync(errors)).StatusCode);
    }

    private static Task PublishAsync(IBusControl bus, ApplicationRegistered message, Guid messageId) =>
        bus.Publish(message, context =>
        {
            context.MessageId = messageId;
            context.Headers.Set(TenantHeaders.Message, message.TenantId);
        });
}
