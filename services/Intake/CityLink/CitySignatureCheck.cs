using System.Globalization;
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
        string keyId = headers[CitySignature.KeyIdHeader].ToString(), nonce = headers[CitySignature.NonceHeader].ToString();
        if (keyId.Length == 0 || nonce.Length == 0 || headers[CitySignature.SignatureHeader].Count == 0)
            return $"请求缺少签名（{CitySignature.KeyIdHeader}、{CitySignature.TimestampHeader}、{CitySignature.NonceHeader}、{CitySignature.SignatureHeader}）。";
        if (keyId != context.User.FindFirstValue(GongkaiClaims.ClientId) || !options.InboundKeys.TryGetValue(keyId, out var key))
            return "签名密钥与访问令牌的客户端不符。";
        if (nonce.Length > 100 || nonce.Any(char.IsControl))
            return "随机数（nonce）格式不正确，不超过 100 个字符。";
        if (!long.TryParse(headers[CitySignature.TimestampHeader], NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp)
            || timestamp > DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            || (now - DateTimeOffset.FromUnixTimeSeconds(timestamp)).Duration() > CitySignature.ReplayWindow)
            return $"签名时间戳缺失或与服务器时间相差超过 {CitySignature.ReplayWindow.TotalMinutes:0} 分钟。";
        var pathAndQuery = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
        if (!CitySignature.Matches(key, context.Request.Method, pathAndQuery, timestamp, nonce, body, headers[CitySignature.SignatureHeader].ToString()))
            return "签名与请求内容不符。";
        // Only a correctly signed request spends its nonce, so nobody can burn the city's nonces in advance.
        var db = context.RequestServices.GetRequiredService<IntakeDbContext>();
        var fresh = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO city_nonces (key_id, nonce, seen_at) VALUES ({keyId}, {nonce}, {now}) ON CONFLICT DO NOTHING", context.RequestAborted);
        return fresh == 1 ? null : "该签名已使用过（重放）。";
    }
}
