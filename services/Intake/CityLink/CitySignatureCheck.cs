using System.Security.Claims;
using Gongkai.Contracts;
using Gongkai.Intake.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gongkai.Intake.CityLink;

/// <summary>Marks an endpoint whose requests the city must sign (see <see cref="CitySignature"/>).</summary>
public sealed class CitySignatureRequired;

/// <summary>
/// Checks the signature of every request to an endpoint marked <see cref="CitySignatureRequired"/>, after authentication
/// and authorization: the key id must be the token's own client, the timestamp within the replay window, the nonce new
/// (remembered in the database, so every instance sees it) and the HMAC right. Any failure is 401 and nothing runs.
/// </summary>
public static class CitySignatureCheck
{
    public static IApplicationBuilder UseCitySignatures(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<CitySignatureRequired>() is null || context.User.Identity?.IsAuthenticated != true)
            {
                await next(context);
                return;
            }
            context.Request.EnableBuffering();
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            context.Request.Body.Position = 0;
            var problem = await ProblemAsync(context, buffer.ToArray());
            if (problem is not null)
            {
                await Results.Problem(title: "请求签名无效", detail: problem, statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(context);
                return;
            }
            await next(context);
        });

    private static async Task<string?> ProblemAsync(HttpContext context, byte[] body)
    {
        var headers = context.Request.Headers;
        var options = context.RequestServices.GetRequiredService<IOptions<CityLinkOptions>>().Value;
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var client = context.User.FindFirstValue(GongkaiClaims.ClientId);
        // The key must be the token's own client's: one city's key cannot sign for another's token.
        var problem = CitySignature.Problem(context.Request.Method, context.Request.PathBase + context.Request.Path + context.Request.QueryString, body,
            name => headers[name].Count > 0 ? headers[name].ToString() : null,
            keyId => keyId == client && options.InboundKeys.TryGetValue(keyId, out var key) ? key : null, now);
        if (problem is not null)
            return problem;
        // Only a correctly signed request spends its nonce, so nobody can burn the city's nonces in advance.
        var db = context.RequestServices.GetRequiredService<IntakeDbContext>();
        string keyId = headers[CitySignature.KeyIdHeader].ToString(), nonce = headers[CitySignature.NonceHeader].ToString();
        var fresh = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO city_nonces (key_id, nonce, seen_at) VALUES ({keyId}, {nonce}, {now}) ON CONFLICT DO NOTHING", context.RequestAborted);
        return fresh == 1 ? null : "该签名已使用过（重放）。";
    }
}
