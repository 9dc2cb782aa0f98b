using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Gongkai.ServiceDefaults;

/// <summary>
/// Who issues the access tokens every service and the gateway accept. Defaults to Gongkai's Identity
/// service (found through service discovery); pointing Authority or MetadataAddress at a province's
/// unified identity platform and naming its claims replaces it by configuration alone.
/// </summary>
public sealed class AuthSettings
{
    public string Issuer { get; set; } = "gongkai-identity";
    public string Audience { get; set; } = "gongkai";
    /// <summary>An external OIDC issuer's base address (its discovery document is read from there).</summary>
    public string? Authority { get; set; }
    /// <summary>Explicit discovery document address; default: Identity's, via service discovery.</summary>
    public string? MetadataAddress { get; set; }
    public bool RequireHttpsMetadata { get; set; }
    public string TenantClaim { get; set; } = "tenant";
    public string RoleClaim { get; set; } = "role";
    public string NameClaim { get; set; } = "name";
}

public static class AuthenticationExtensions
{
    /// <summary>
    /// JWT bearer validation (RS256 only, issuer, audience, lifetime) with Chinese problem details for 401/403,
    /// and a fallback policy so an endpoint without an explicit policy still requires a signed-in caller.
    /// </summary>
    public static IHostApplicationBuilder AddDefaultAuthentication(this IHostApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("Auth").Get<AuthSettings>() ?? new AuthSettings();
        builder.Services.AddSingleton(settings);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddSingleton<IConfigureOptions<JwtBearerOptions>, ConfigureJwtBearer>();
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return builder;
    }

    private sealed class ConfigureJwtBearer(AuthSettings settings, ServiceEndpoints endpoints, IHttpClientFactory httpClients) : IConfigureNamedOptions<JwtBearerOptions>
    {
        public void Configure(string? name, JwtBearerOptions options) => Configure(options);

        public void Configure(JwtBearerOptions options)
        {
            options.MapInboundClaims = false;
            options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            if (settings.Authority is not null)
                options.Authority = settings.Authority;
            else if (settings.MetadataAddress is not null)
                options.MetadataAddress = settings.MetadataAddress;
            else if (endpoints.IsDeployed("identity"))
            {
                // Gongkai's Identity, found through service discovery like every other service call.
                options.MetadataAddress = new Uri(ServiceEndpoints.Of("identity"), "/.well-known/openid-configuration").ToString();
                options.Backchannel = httpClients.CreateClient("identity-metadata");
            }
            // Identity publishes a rotated key 10 minutes before it signs with it: fetch the key set well within that.
            options.AutomaticRefreshInterval = TimeSpan.FromMinutes(5);
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = settings.Issuer,
                ValidAudience = settings.Audience,
                ValidateIssuer = true,
                ValidateAudience = true,
                ValidateLifetime = true,
                RequireExpirationTime = true,
                RequireSignedTokens = true,
                ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
                ClockSkew = TimeSpan.FromSeconds(30),
                NameClaimType = settings.NameClaim,
                RoleClaimType = settings.RoleClaim,
            };
            options.Events = new JwtBearerEvents
            {
                OnChallenge = async context =>
                {
                    context.HandleResponse();
                    await WriteProblemAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "未登录或登录已失效", "请先登录，并在 Authorization 请求头中携带有效的访问令牌。");
                },
                OnForbidden = context =>
                    WriteProblemAsync(context.HttpContext, StatusCodes.Status403Forbidden, "无权执行此操作", "当前账号的角色不允许执行此操作。"),
            };
        }

        private static Task WriteProblemAsync(HttpContext context, int status, string title, string detail)
        {
            context.Response.StatusCode = status;
            return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = status, Title = title, Detail = detail },
            }).AsTask();
        }
    }
}

public static class RoutingRejections
{
    /// <summary>
    /// When no endpoint takes a request's content type or method, routing picks a rejection endpoint ("415 HTTP
    /// Unsupported Media Type", "405 HTTP Method Not Supported") with no metadata, which the fallback policy would
    /// answer 401 — telling an anonymous citizen to sign in when the real answer is "send JSON". Such an endpoint
    /// runs nothing but its status code, so it is let through without a sign-in; its problem details follow.
    /// </summary>
    public static IApplicationBuilder UseRoutingRejectionsWithoutSignIn(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.GetEndpoint() is { Metadata.Count: 0, DisplayName: { } name } rejection && IsRejection(name))
                context.SetEndpoint(new Endpoint(rejection.RequestDelegate, new EndpointMetadataCollection(new AllowAnonymousAttribute()), name));
            return next(context);
        });

    private static bool IsRejection(string displayName) =>
        displayName.Length > 9 && char.IsAsciiDigit(displayName[0]) && displayName.AsSpan(3).StartsWith(" HTTP ");
}
