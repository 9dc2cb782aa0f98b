using System.Diagnostics;
using System.Text.Json;
using Gongkai.BuildingBlocks.Persistence;
using Gongkai.Contracts;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gongkai.BuildingBlocks.Messaging;

public sealed class OutboxOptions
{
    /// <summary>Fallback poll when no commit signalled (e.g. rows left by a crashed instance).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int BatchSize { get; set; } = 50;

    /// <summary>How long one publish may wait for the broker's confirm before the batch is retried later.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Sent rows are kept this long for diagnosis, then pruned.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);
}

/// <summary>
/// Publishes outbox rows to RabbitMQ in creation order and marks them sent. Rows are claimed with
/// FOR UPDATE SKIP LOCKED, so several service instances share the work without publishing a row twice
/// at the same time. A failed publish stops the batch (order is kept) and is retried on the next wake-up;
/// the row is only marked sent after the broker confirmed it (publisher confirms), so nothing is lost.
/// A crash between confirm and commit republishes the row with the same MessageId: consumers' inboxes skip it.
/// </summary>
public sealed class OutboxRelay<TDbContext>(
    IServiceScopeFactory scopes,
    IBus bus,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    ILogger<OutboxRelay<TDbContext>> logger) : BackgroundService
    where TDbContext : ServiceDbContext
{
    private static readonly ActivitySource Source = new("Gongkai.Outbox");
    private readonly OutboxOptions _options = options.Value;
    private DateTimeOffset _nextPrune = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await PublishBatchAsync(stoppingToken) == _options.BatchSize) { }
                await PruneAsync(stoppingToken);
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failures++;
                logger.LogWarning("Outbox relay failed ({Failures} in a row): {Message}", failures, ex.Message);
                // Back off while the broker or database is down, without losing the signal.
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 250 * failures)), stoppingToken);
                continue;
            }

            try
            {
                await signal.WaitAsync(_options.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <returns>The number of rows published.</returns>
    private async Task<int> PublishBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var batch = await db.OutboxMessages
            .FromSqlInterpolated($"SELECT * FROM outbox_messages WHERE sent_at IS NULL ORDER BY sequence LIMIT {_options.BatchSize} FOR UPDATE SKIP LOCKED")
            .ToListAsync(cancellationToken);
        if (batch.Count == 0)
            return 0;

        var published = 0;
        Exception? failure = null;
        foreach (var message in batch)
        {
            try
            {
                await PublishAsync(message, cancellationToken);
                message.SentAt = DateTimeOffset.UtcNow;
                published++;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                message.Attempts++;
                message.LastError = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
                failure = ex;
                break;
            }
        }

        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        if (failure is not null)
            throw new InvalidOperationException($"Publishing outbox message failed: {failure.Message}", failure);
        return published;
    }

    private async Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var type = typeof(TenantHeaders).Assembly.GetType(message.MessageType)
            ?? throw new InvalidOperationException($"Unknown message type {message.MessageType}.");
        var body = JsonSerializer.Deserialize(message.Body, type, ServiceDbContext.EventJson)!;

        // Continue the trace of the request that produced the event, not the relay's own loop.
        ActivityContext.TryParse(message.TraceParent, null, out var parent);
        using var activity = Source.StartActivity($"outbox publish {type.Name}", ActivityKind.Producer, parent);
        activity?.SetTag("gongkai.tenant", message.TenantId);
        activity?.SetTag("messaging.message.id", message.MessageId.ToString());

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.PublishTimeout);
        await bus.Publish(body, type, context =>
        {
            context.MessageId = message.MessageId;
            if (message.TenantId is not null)
                context.Headers.Set(TenantHeaders.Message, message.TenantId);
        }, timeout.Token);
    }

    private async Task PruneAsync(CancellationToken cancellationToken)
    {
        if (DateTimeOffset.UtcNow < _nextPrune)
            return;
        _nextPrune = DateTimeOffset.UtcNow.AddHours(1);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var cutoff = DateTimeOffset.UtcNow - _options.Retention;
        await db.OutboxMessages.Where(m => m.SentAt != null && m.SentAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        await db.InboxMessages.Where(m => m.ProcessedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }
}
