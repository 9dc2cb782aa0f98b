using System.Net.Http.Headers;
using System.Text;
using Gongkai.Contracts;
using Gongkai.Intake.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gongkai.Intake.CityLink;

/// <summary>
/// Delivers the queued callbacks to the city, signed, one at a time per application in sequence order: a callback waits
/// while an earlier one of its application is not delivered (pending or dead-lettered). A failure is retried with a
/// doubling delay; after the retry budget the callback is dead-lettered for an operator to replay. Instances share the
/// work through row locks (FOR UPDATE SKIP LOCKED), so a callback is never sent by two of them at once.
/// </summary>
public sealed class CityCallbackSender(IServiceScopeFactory scopes, IOptions<CityLinkOptions> options, CityHttp http, TimeProvider clock,
    ILogger<CityCallbackSender> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.CityAddress is null)
        {
            logger.LogInformation("CityLink:CityAddress is not set: callbacks to the city stay queued");
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await SendNextAsync(settings, stoppingToken))
                    await Task.Delay(settings.PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database is away or similar: nothing was marked, so the callback is tried again.
                logger.LogWarning(ex, "Sending city callbacks failed; trying again shortly");
                await Task.Delay(settings.PollInterval * 5, clock, stoppingToken);
            }
        }
    }

    /// <summary>Sends the next due callback, if there is one; returns whether there was.</summary>
    public async Task<bool> SendNextAsync(CityLinkOptions settings, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var delivery = await db.CityDeliveries.FromSql($"""
            SELECT d.* FROM city_deliveries d
            WHERE d.state = 'Pending' AND d.next_attempt_at <= {now}
              AND NOT EXISTS (SELECT 1 FROM city_deliveries e
                              WHERE e.ordering_key = d.ordering_key AND e.sequence < d.sequence AND e.state <> 'Delivered')
            ORDER BY d.next_attempt_at
            LIMIT 1
            FOR UPDATE OF d SKIP LOCKED
            """).SingleOrDefaultAsync(ct);
        if (delivery is null)
            return false;

        var error = await http.PostCallbackAsync(delivery.Payload, ct);
        delivery.Attempts++;
        delivery.LastAttemptAt = clock.GetUtcNow();
        if (error is null)
        {
            delivery.State = CityDeliveryState.Delivered;
            delivery.DeliveredAt = delivery.LastAttemptAt;
            delivery.LastError = null;
        }
        else
        {
            delivery.LastError = error.Length > 1000 ? error[..1000] : error;
            if (delivery.Attempts >= settings.MaxAttempts)
            {
                delivery.State = CityDeliveryState.DeadLettered;
                logger.LogWarning("City callback {DeliveryId} ({Kind} #{Sequence} of {OrderingKey}) dead-lettered after {Attempts} attempts: {Error}",
                    delivery.Id, delivery.Kind, delivery.Sequence, delivery.OrderingKey, delivery.Attempts, delivery.LastError);
            }
            else
                delivery.NextAttemptAt = delivery.LastAttemptAt.Value + settings.RetryDelay(delivery.Attempts);
        }
        // The call is made: record its outcome even while the service stops, or an acknowledged callback goes out again.
        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        return true;
    }
}

/// <summary>
/// Gongkai's calls to the city: signed, one attempt each (retries are the sender's, counted and visible), no resilience
/// handler of its own in between.
/// </summary>
public sealed class CityHttp(HttpClient client, IOptions<CityLinkOptions> options, TimeProvider clock)
{
    /// <summary>Posts one callback; returns null when the city acknowledged it (2xx), else what went wrong.</summary>
    public async Task<string?> PostCallbackAsync(string payload, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.Value.CityAddress!, "callbacks"))
        {
            Content = new StringContent(payload, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        try
        {
            using var response = await SendSignedAsync(request, ct);
            return response.IsSuccessStatusCode ? null : $"市级平台返回 {(int)response.StatusCode}";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return $"无法连接市级平台：{ex.Message}";
        }
    }

    /// <summary>The city's account of a day; throws when the city cannot give it.</summary>
    public async Task<CityManifest> ManifestAsync(DateOnly day, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(options.Value.CityAddress!, $"manifests/{day:yyyy-MM-dd}"));
        using var response = await SendSignedAsync(request, ct);
        response.EnsureSuccessStatusCode();
        return (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<CityManifest>(response.Content, CityCallbacks.Json, ct))!;
    }

    private async Task<HttpResponseMessage> SendSignedAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var settings = options.Value;
        await CitySignature.SignAsync(request, settings.OutboundKeyId, settings.OutboundKey!, clock.GetUtcNow(), ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(settings.CallTimeout);
        return await client.SendAsync(request, timeout.Token);
    }
}
