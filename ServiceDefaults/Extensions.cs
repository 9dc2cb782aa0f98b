using Gongkai.ServiceDefaults;
using Gongkai.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.Hosting;

// Same namespace and shape as Aspire's ServiceDefaults, so every service reads `builder.AddServiceDefaults()`.
public static class Extensions
{
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.ConfigureOpenTelemetry();

        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        builder.Services.AddSingleton<ServiceEndpoints>();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        // Request and view records are nested in their API class (StandardCatalogueApi.SettingsRequest); named by the type
        // alone, two of them would share one schema and the document would describe one with the other's fields.
        builder.Services.AddOpenApi(options =>
        {
            options.CreateSchemaReferenceId = type => OpenApiOptions.CreateDefaultSchemaReferenceId(type) is { } id && type.Type.DeclaringType is { } api
                ? $"{api.Name}.{id}"
                : OpenApiOptions.CreateDefaultSchemaReferenceId(type);
            options.AddSchemaTransformer(ConvertedTypeSchemas.Describe);
        });
        builder.AddDefaultAuthentication();
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemDetailsDefaults.Customize);
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddExceptionHandler<UnavailableExceptionHandler>();
        // Bad bodies throw so BadRequestExceptionHandler can name the field (the default writes an empty 400).
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        // One set of input rules for every body of every service: enums by defined name only, no control characters.
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new StrictEnumConverterFactory());
            options.SerializerOptions.Converters.Add(new SafeStringConverter());
        });
        return builder;
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        // Unhandled exceptions become a bare 500 problem details: no stack trace leaves a service.
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.RefuseControlCharactersInUrl();
        app.UseRouteNamedSpans();

        // Each service's OpenAPI document (/openapi/v1.json); the gateway shows them all with Scalar in Development.
        app.MapOpenApi().AllowAnonymous();

        // Readiness: every check (database migrated and reachable, broker connected).
        app.MapHealthChecks("/health").AllowAnonymous();
        // Liveness: the process answers; used by the gateway's active health checks so that a service
        // whose broker is down still takes requests (its outbox keeps the events).
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = r => r.Tags.Contains("live") }).AllowAnonymous();
        return app;
    }
}
