using Gongkai.Identity.Tokens;
using Gongkai.ServiceDefaults;

namespace Gongkai.Identity.Apis;

/// <summary>
/// OpenID Connect discovery and the JWKS, so the gateway and services validate tokens exactly as they would
/// for an external issuer. Served at the root (for services) and under /api/identity (through the gateway).
/// </summary>
public static class DiscoveryApi
{
    public static IEndpointRouteBuilder MapDiscoveryApi(this IEndpointRouteBuilder app)
    {
        foreach (var prefix in new[] { "", "/api/identity" })
        {
            app.MapGet($"{prefix}/.well-known/openid-configuration", (HttpRequest request, AuthSettings auth) => Discovery(request, auth, prefix)).AllowAnonymous();
            app.MapGet($"{prefix}/.well-known/jwks.json", (SigningKeyStore keys) => TypedResults.Json(keys.PublicKeySet())).AllowAnonymous();
        }
        return app;
    }

    private static IResult Discovery(HttpRequest request, AuthSettings auth, string prefix)
    {
        var self = $"{request.Scheme}://{request.Host}{prefix}";
        return TypedResults.Json(new Dictionary<string, object>
        {
            ["issuer"] = auth.Issuer,
            ["jwks_uri"] = $"{self}/.well-known/jwks.json",
            ["token_endpoint"] = $"{request.Scheme}://{request.Host}/api/identity/token",
            ["grant_types_supported"] = new[] { "password", "refresh_token", "client_credentials" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["claims_supported"] = new[] { "sub", "name", "tenant", "unit_name", "role", "supervised_units", "client_id" },
        });
    }
}
