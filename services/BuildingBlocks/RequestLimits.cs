using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Gongkai.ServiceDefaults;

namespace Gongkai.BuildingBlocks;

/// <summary>How many requests a service instance works on at once, and how many more wait their turn (<c>RequestLimits</c>).</summary>
public sealed class RequestLimitOptions
{
    /// <summary>Well below the database pool's 100 connections (consumers and the outbox relay use it too), so a request let in finds one.</summary>
    public int ConcurrentRequests { get; set; } = 32;

    /// <summary>
    /// Short on purpose: at the ≈18 registrations a second two cores serve, 96 requests ahead means about five seconds
    /// of waiting; anything more is better told to come back than kept waiting.
    /// </summary>
    public int QueuedRequests { get; set; } = 64;
}

/// <summary>
/// Overload is refused at the door: beyond the requests in work and the queue, a request is answered 503 with
/// Retry-After at once, instead of waiting 15 s for a database connection and failing then. Health probes are never
/// limited, so a busy service is not taken for a dead one.
/// </summary>
public static class RequestLimits
{
    public static IHostApplicationBuilder AddRequestLimits(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("RequestLimits").Get<RequestLimitOptions>() ?? new RequestLimitOptions();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status503ServiceUnavailable;
            limiter.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                http.Response.Headers.RetryAfter = UnavailableExceptionHandler.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = { Status = StatusCodes.Status503ServiceUnavailable, Title = "服务暂时繁忙", Detail = $"当前请求过多，请{UnavailableExceptionHandler.RetryAfterSeconds}秒后重试。" },
                });
            };
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                http.Request.Path.StartsWithSegments("/health") || http.Request.Path.StartsWithSegments("/alive")
                    ? RateLimitPartition.GetNoLimiter("probes")
                    : RateLimitPartition.GetConcurrencyLimiter("requests", _ => new ConcurrencyLimiterOptions
                    {
                        PermitLimit = options.ConcurrentRequests,
                        QueueLimit = options.QueuedRequests,
                        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                    }));
        });
        return builder;
    }

    public static WebApplication UseRequestLimits(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }
}
