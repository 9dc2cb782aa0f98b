using System.Reflection;
using System.Text;
using Gongkai.Contracts;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Gongkai.BuildingBlocks.Messaging;

/// <summary>A message MassTransit parked in an error queue after its retries: what failed and why, never its body (it may carry personal data).</summary>
public sealed record ParkedMessage(string? MessageId, string? MessageType, string? Reason, string? ExceptionType, string? ExceptionMessage,
    DateTimeOffset? FailedAt, string? Host);

public sealed record ErrorQueueView(string Queue, string InputQueue, uint Count, IReadOnlyList<ParkedMessage> Messages);

public sealed record ReplayResult(string Queue, int Replayed, uint Remaining);

/// <summary>
/// This service's error queues ("&lt;queue&gt;_error", one per consumer queue), read and replayed over AMQP: a platform
/// operator sees what failed and, once the cause is fixed, moves the messages back to their queue. Replaying is safe to
/// repeat: every consumer is idempotent (the inbox), and a message that fails again is parked again, so none is lost.
/// </summary>
public sealed class ErrorQueues(string serviceName, Uri broker, Assembly consumers, IEndpointNameFormatter formatter, ILogger<ErrorQueues> logger)
{
    public const int MaxListed = 50;
    private const string Suffix = "_error";

    public string ServiceName => serviceName;

    /// <summary>The consumer queues of this service, as MassTransit names them.</summary>
    public IReadOnlyList<string> InputQueues { get; } = [.. consumers.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>)))
        .Select(t => (string)typeof(IEndpointNameFormatter).GetMethod(nameof(IEndpointNameFormatter.Consumer))!.MakeGenericMethod(t).Invoke(formatter, null)!)
        .Distinct().Order()];

    public async Task<IReadOnlyList<ErrorQueueView>> ListAsync(CancellationToken ct)
    {
        await using var connection = await ConnectAsync(ct);
        var views = new List<ErrorQueueView>();
        foreach (var input in InputQueues)
        {
            await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
            // MassTransit declares an error queue on the first fault: none yet is none parked.
            var count = await CountAsync(channel, input + Suffix, ct) ?? 0;
            var messages = new List<ParkedMessage>();
            // Read without acknowledging; closing the channel puts them back in order.
            for (var i = 0; i < Math.Min(count, MaxListed); i++)
            {
                if (await channel.BasicGetAsync(input + Suffix, autoAck: false, ct) is not { } parked)
                    break;
                messages.Add(Describe(parked.BasicProperties));
            }
            views.Add(new ErrorQueueView(input + Suffix, input, count, messages));
        }
        return views;
    }

    /// <summary>Moves the parked messages of <paramref name="errorQueue"/> (or just the one with <paramref name="messageId"/>) back to their queue.</summary>
    public async Task<ReplayResult?> ReplayAsync(string errorQueue, string? messageId, CancellationToken ct)
    {
        var input = InputQueues.FirstOrDefault(q => q + Suffix == errorQueue);
        if (input is null)
            return null;
        await using var connection = await ConnectAsync(ct);
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
        if (await CountAsync(channel, errorQueue, ct) is not { } count)
            return new ReplayResult(errorQueue, 0, 0);
        var replayed = 0;
        for (var i = 0; i < count; i++)
        {
            if (await channel.BasicGetAsync(errorQueue, autoAck: false, ct) is not { } parked)
                break;
            if (messageId is not null && parked.BasicProperties.MessageId != messageId)
                continue; // left unacknowledged: back in the queue when the channel closes
            var properties = new BasicProperties(parked.BasicProperties)
            {
                Headers = parked.BasicProperties.Headers?.Where(h => !h.Key.StartsWith("MT-Fault-", StringComparison.Ordinal) && h.Key != "MT-Reason")
                    .ToDictionary(h => h.Key, h => h.Value),
            };
            // Published (and confirmed by the broker) before it leaves the error queue: at worst it is there twice, never gone.
            await channel.BasicPublishAsync("", input, mandatory: true, properties, parked.Body, ct);
            await channel.BasicAckAsync(parked.DeliveryTag, multiple: false, ct);
            replayed++;
        }
        logger.LogWarning("Replayed {Count} message(s) from {ErrorQueue} to {Queue}", replayed, errorQueue, input);
        await using var counter = await connection.CreateChannelAsync(cancellationToken: ct);
        return new ReplayResult(errorQueue, replayed, await CountAsync(counter, errorQueue, ct) ?? 0);
    }

    // The client reads user, password, host, port and virtual host from the amqp:// URI itself.
    private Task<IConnection> ConnectAsync(CancellationToken ct) =>
        new ConnectionFactory { Uri = broker, ClientProvidedName = $"{serviceName}-error-queues" }.CreateConnectionAsync(ct);

    private static async Task<uint?> CountAsync(IChannel channel, string queue, CancellationToken ct)
    {
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue, ct)).MessageCount;
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404)
        {
            return null;
        }
    }

    private static ParkedMessage Describe(IReadOnlyBasicProperties properties)
    {
        string? Header(string name) => properties.Headers?.TryGetValue(name, out var value) == true
            ? value switch { byte[] bytes => Encoding.UTF8.GetString(bytes), null => null, _ => value.ToString() }
            : null;
        var failedAt = DateTimeOffset.TryParse(Header("MT-Fault-Timestamp"), out var at) ? at : (DateTimeOffset?)null;
        var message = Header("MT-Fault-Message");
        return new ParkedMessage(properties.MessageId, properties.Type ?? Header("MT-MessageType") ?? Header("Content-Type"), Header("MT-Reason"),
            Header("MT-Fault-ExceptionType"), message is { Length: > 500 } ? message[..500] + "…" : message, failedAt, Header("MT-Host-MachineName"));
    }
}

public static class ErrorQueuesApi
{
    /// <summary><c>GET /api/&lt;service&gt;/admin/error-queues</c> and <c>POST …/{queue}/replay[?messageId=]</c>, for platform operators.</summary>
    public static IEndpointRouteBuilder MapErrorQueuesApi(this IEndpointRouteBuilder app)
    {
        var queues = app.ServiceProvider.GetService(typeof(ErrorQueues)) as ErrorQueues
            ?? throw new InvalidOperationException("AddServiceMessaging registers the error queues; call it first.");
        var api = app.MapGroup($"/api/{queues.ServiceName}/admin/error-queues").RequireAuthorization(p => p.RequireRole(StaffRoles.PlatformAdmin));
        api.MapGet("/", async (ErrorQueues errors, CancellationToken ct) => TypedResults.Ok(await errors.ListAsync(ct)));
        api.MapPost("/{queue}/replay", async Task<Results<Ok<ReplayResult>, ProblemHttpResult>> (string queue, string? messageId, ErrorQueues errors, CancellationToken ct) =>
            await errors.ReplayAsync(queue, messageId, ct) is { } result
                ? TypedResults.Ok(result)
                : TypedResults.Problem(title: "没有这个错误队列", detail: $"本服务的错误队列为：{string.Join("、", errors.InputQueues.Select(q => q + "_error"))}。",
                    statusCode: StatusCodes.Status404NotFound));
        return app;
    }
}
