using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Gongkai.ServiceDefaults;

/// <summary>
/// OpenTelemetry as Aspire's ServiceDefaults set it up: ASP.NET Core, HttpClient, Npgsql, MassTransit and runtime
/// instrumentation, exported over OTLP (to the Aspire dashboard) when OTEL_EXPORTER_OTLP_ENDPOINT is set. Traces are
/// always recorded, so trace context flows through HTTP and RabbitMQ even where nothing exports them.
/// </summary>
public static class Telemetry
{
    /// <summary>Our own spans and tags (unit, case number; never personal data).</summary>
    public const string GongkaiSources = "Gongkai.*";

    public static IHostApplicationBuilder ConfigureOpenTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter("MassTransit", GongkaiSources))
            .WithTracing(tracing => tracing
                .SetSampler(new ParentBasedSampler(new AlwaysOnSampler()))
                .AddAspNetCoreInstrumentation(options =>
                    // Health probes every few seconds would bury the requests people make.
                    options.Filter = context => !context.Request.Path.StartsWithSegments("/health") && !context.Request.Path.StartsWithSegments("/alive"))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource("MassTransit", "Yarp.ReverseProxy", GongkaiSources));

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        return builder;
    }

    /// <summary>Names server spans "GET /api/workflow/cases/{id}" from the matched route, and tags the route.</summary>
    public static IApplicationBuilder UseRouteNamedSpans(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (Activity.Current is { } activity && context.GetEndpoint() is RouteEndpoint endpoint)
            {
                var route = endpoint.RoutePattern.RawText;
                activity.DisplayName = $"{context.Request.Method} {route}";
                activity.SetTag("http.route", route);
            }
            await next(context);
        });
}
