using System.Threading.RateLimiting;
using Gongkai.ServiceDefaults;
using Microsoft.AspNetCore.RateLimiting;
using Scalar.AspNetCore;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;

namespace Gongkai.Gateway;

public static class Extensions
{
    /// <summary>The services behind the gateway; each gets the route /api/&lt;name&gt;/**.</summary>
    public static readonly IReadOnlyList<string> Services = Gongkai.Contracts.ResourceNames.Services;

    /// <summary>Anonymous paths (public, rate-limited per client address); everything else needs a valid token.</summary>
    public static readonly (string Service, string Path)[] PublicPaths =
    [
        ("identity", "/api/identity/token"),
        ("identity", "/api/identity/revoke"),
        ("identity", "/api/identity/.well-known/{**rest}"),
        ("identity", "/api/identity/public/{**rest}"),
        ("workflow", "/api/workflow/calendar/{**rest}"),
        ("intake", "/api/intake/public/{**rest}"),
        ("publishing", "/api/publishing/public/{**rest}"),
        ("document", "/api/document/public/{**rest}"),
    ];

    public const string PublicRateLimit = "public";

    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Gateway").Get<GatewayOptions>() ?? new GatewayOptions();
        builder.Services.AddSingleton(options);
        ((WebApplicationBuilder)builder).WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes);
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) => new ValueTask(WriteProblemAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "请求过于频繁", "请稍后再试。"));
            // Per client address and route, so one busy public page does not lock out sign-in.
            limiter.AddPolicy(PublicRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                $"{context.Connection.RemoteIpAddress}|{context.GetEndpoint()?.DisplayName}",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.PublicRequestsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        // Only the console's static files are compressed (see UseConsole): they carry no secret, so BREACH does not apply.
        builder.Services.AddResponseCompression(compression => compression.EnableForHttps = true);
        var (routes, clusters) = BuildProxyConfig(new ServiceEndpoints(builder.Configuration), builder.Environment.IsDevelopment());
        builder.Services.AddReverseProxy().LoadFromMemory(routes, clusters).AddServiceDiscoveryDestinationResolver();
        return builder;
    }

    private static (List<RouteConfig>, List<ClusterConfig>) BuildProxyConfig(ServiceEndpoints endpoints, bool development)
    {
        var routes = new List<RouteConfig>();
        var clusters = new List<ClusterConfig>();
        foreach (var service in Services)
        {
            if (!endpoints.IsDeployed(service))
                continue; // not deployed here: its routes do not exist (404)
            routes.Add(new RouteConfig
            {
                RouteId = service,
                ClusterId = service,
                Match = new RouteMatch { Path = $"/api/{service}/{{**rest}}" },
                AuthorizationPolicy = "default", // a valid token; the service then checks roles and tenant itself
            });
            if (service == Gongkai.Contracts.ResourceNames.Intake)
                // The city platform's versioned contract lives in Intake; the path stays as the city signed it.
                routes.Add(new RouteConfig
                {
                    RouteId = "city-v1",
                    ClusterId = service,
                    Match = new RouteMatch { Path = "/api/city/v1/{**rest}" },
                    AuthorizationPolicy = "default",
                });
            routes.AddRange(PublicPaths.Where(p => p.Service == service).Select((p, i) => new RouteConfig
            {
                RouteId = $"{service}-public-{i}",
                ClusterId = service,
                Match = new RouteMatch { Path = p.Path },
                Order = -1,
                AuthorizationPolicy = "anonymous",
                RateLimiterPolicy = PublicRateLimit,
            }));
            if (development)
                // /openapi/intake.json → intake's /openapi/v1.json, for Scalar at /scalar (MapApiReference). The original
                // Host goes along, so the document's server (what Scalar's "try it" calls) is the gateway, not the service.
                routes.Add(new RouteConfig
                {
                    RouteId = $"{service}-openapi",
                    ClusterId = service,
                    Match = new RouteMatch { Path = $"/openapi/{service}.json" },
                    AuthorizationPolicy = "anonymous",
                    Transforms =
                    [
                        new Dictionary<string, string> { ["PathSet"] = "/openapi/v1.json" },
                        new Dictionary<string, string> { ["RequestHeaderOriginalHost"] = "true" },
                    ],
                });
            clusters.Add(new ClusterConfig
            {
                ClusterId = service,
                Destinations = new Dictionary<string, DestinationConfig> { ["primary"] = new() { Address = ServiceEndpoints.Of(service).ToString() } },
                HealthCheck = new HealthCheckConfig
                {
                    // Liveness, not readiness: a service whose broker is down still takes requests (outbox).
                    Active = new ActiveHealthCheckConfig { Enabled = true, Interval = TimeSpan.FromSeconds(10), Timeout = TimeSpan.FromSeconds(5), Path = "/alive", Policy = HealthCheckConstants.ActivePolicy.ConsecutiveFailures },
                },
            });
        }
        if (endpoints.IsDeployed(Gongkai.Contracts.ResourceNames.Portal))
        {
            // Everything that is no API is the public portal's: the last route tried, anonymous and rate-limited.
            routes.Add(new RouteConfig
            {
                RouteId = "portal",
                ClusterId = "portal",
                Match = new RouteMatch { Path = "/{**rest}" },
                Order = int.MaxValue,
                AuthorizationPolicy = "anonymous",
                RateLimiterPolicy = PublicRateLimit,
            });
            clusters.Add(new ClusterConfig
            {
                ClusterId = "portal",
                Destinations = new Dictionary<string, DestinationConfig> { ["primary"] = new() { Address = ServiceEndpoints.Of(Gongkai.Contracts.ResourceNames.Portal).ToString() } },
            });
        }
        return (routes, clusters);
    }

    /// <summary>Scalar at /scalar, one document per deployed service (Development only: the API's shape is not for the public).</summary>
    public static WebApplication MapApiReference(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
            return app;
        var endpoints = app.Services.GetRequiredService<ServiceEndpoints>();
        app.MapScalarApiReference(options =>
        {
            options.WithTitle("Gongkai API").WithOpenApiRoutePattern("/openapi/{documentName}.json");
            foreach (var service in Services.Where(endpoints.IsDeployed))
                options.AddDocument(service);
        }).AllowAnonymous();
        return app;
    }

    /// <summary>
    /// The staff console: the Vue build (web/console/dist, made by ./build.sh) served as static files at /console/, and
    /// index.html for every other path under it, so the browser's router shows the screen. The files need no token (the
    /// APIs do). Files are served ahead of routing, or the portal's catch-all route would take them. Hashed assets are
    /// cached for good, index.html never, so a new build is seen at once; all are sent compressed.
    /// </summary>
    public static WebApplication UseConsole(this WebApplication app)
    {
        var root = app.Services.GetRequiredService<GatewayOptions>().ConsoleFiles;
        if (root is null || !Directory.Exists(root))
        {
            app.Logger.LogWarning("The staff console is not built ({Root}): /console/ is not served. ./build.sh builds it.", root);
            return app;
        }
        var files = new StaticFileOptions
        {
            FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(Path.GetFullPath(root)),
            RequestPath = "/console",
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl =
                context.Context.Request.Path.StartsWithSegments("/console/assets") ? "public, max-age=31536000, immutable" : "no-cache",
        };
        // "/console" → "/console/" (routing ignores a trailing slash, so this cannot be a route: it would redirect to itself).
        app.Use((context, next) =>
        {
            if (context.Request.Path.Value != "/console")
                return next(context);
            context.Response.Redirect("/console/");
            return Task.CompletedTask;
        });
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/console"), console => console.UseResponseCompression());
        app.UseStaticFiles(files);
        app.UseRouting();
        // A missing asset is a 404, not the page: a stale tab asking for an old chunk must fail, not parse HTML as script.
        app.MapGet("/console/assets/{**rest}", () => Results.NotFound()).AllowAnonymous();
        app.MapFallbackToFile("/console/{**path:nonfile}", "console/index.html", files).AllowAnonymous();
        return app;
    }

    internal static Task WriteProblemAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }
}

public sealed class GatewayOptions
{
    /// <summary>
    /// Attachments are the largest bodies: a catalogue item's file may have Publishing:Attachments:MaxBytes (20 MB), and
    /// the multipart form around it needs room too (Publishing answers an oversized file itself, naming the limit).
    /// Raise both together.
    /// </summary>
    public long MaxRequestBodyBytes { get; set; } = 21 * 1024 * 1024;

    /// <summary>Anonymous requests per client address, route and minute.</summary>
    public int PublicRequestsPerMinute { get; set; } = 120;

    /// <summary>The staff console's built files (web/console/dist); the AppHost passes the path.</summary>
    public string? ConsoleFiles { get; set; }
}
