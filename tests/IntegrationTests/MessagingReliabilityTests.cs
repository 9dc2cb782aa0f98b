using System.Net.Http.Json;
using Gongkai.Contracts;
using MassTransit;
using Npgsql;

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

    private static Task PublishAsync(IBusControl bus, ApplicationRegistered message, Guid messageId) =>
        bus.Publish(message, context =>
        {
            context.MessageId = messageId;
            context.Headers.Set(TenantHeaders.Message, message.TenantId);
        });
}
