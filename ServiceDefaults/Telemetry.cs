using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Gongkai.ServiceDefaults;

/// <summary>
/// OpenTelemetry without OpenTelemetry.Extensions.Hosting (not obtainable here): the providers are built
/// with the SDK when the host starts and disposed (flushed) when it stops. Traces are always recorded so
/// trace context flows through HTTP and RabbitMQ; they are exported only when OTEL_EXPORTER_OTLP_ENDPOINT is set.
/// </summary>
public static class Telemetry
{
    public static readonly string[] ActivitySources =
        ["Microsoft.AspNetCore", "System.Net.Http", "Yarp.ReverseProxy", "MassTransit", "Npgsql", "Gongkai.*"];

    public static readonly string[] Meters =
        ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http", "MassTransit", "Npgsql", "Gongkai.*"];

    public static IHostApplicationBuilder ConfigureOpenTelemetry(this IHostApplicationBuilder builder)
    {
        var exportEnabled = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var serviceName = builder.Configuration["OTEL_SERVICE_NAME"] ?? builder.Environment.ApplicationName;

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.SetResourceBuilder(ResourceBuilder.CreateDefault().AddService(serviceName));
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
            if (exportEnabled)
                logging.AddOtlpExporter();
        });

        builder.Services.AddHostedService(_ => new TelemetryProviders(serviceName, exportEnabled));
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

    private sealed class TelemetryProviders : IHostedService, IDisposable
    {
        private readonly TracerProvider _tracing;
        private readonly MeterProvider _metrics;

        public TelemetryProviders(string serviceName, bool exportEnabled)
        {
            var resource = ResourceBuilder.CreateDefault().AddService(serviceName);
            var tracing = Sdk.CreateTracerProviderBuilder()
                .SetResourceBuilder(resource)
                .SetSampler(new ParentBasedSampler(new AlwaysOnSampler()))
                .AddSource(ActivitySources);
            var metrics = Sdk.CreateMeterProviderBuilder().SetResourceBuilder(resource).AddMeter(Meters);
            if (exportEnabled)
            {
                tracing.AddOtlpExporter();
                metrics.AddOtlpExporter();
            }
            _tracing = tracing.Build();
            _metrics = metrics.Build();
        }

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            _tracing.ForceFlush(2000);
            _metrics.ForceFlush(2000);
            return Task.CompletedTask;
        }

        public void Dispose()
        {
            _tracing.Dispose();
            _metrics.Dispose();
        }
    }
}
