using System.Diagnostics;
using Gongkai.Contracts;

namespace Gongkai.Gateway;

public static class GatewayRequestHeaders
{
    /// <summary>
    /// Only the gateway speaks for itself: every client-sent internal header (X-Gongkai-*) and the old
    /// X-Tenant-Id are removed — the tenant comes only from the signed token. Every request gets a request
    /// id, echoed back to the client.
    /// </summary>
    public static IApplicationBuilder UseGatewayRequestHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var headers = context.Request.Headers;
            foreach (var name in headers.Keys.Where(k => k.StartsWith(TenantHeaders.InternalPrefix, StringComparison.OrdinalIgnoreCase)
                         || k.Equals(TenantHeaders.Client, StringComparison.OrdinalIgnoreCase)).ToList())
                headers.Remove(name);

            var requestId = headers[TenantHeaders.RequestId].ToString();
            if (requestId.Length is 0 or > 100)
                requestId = Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N");
            headers[TenantHeaders.RequestId] = requestId;
            context.Response.Headers[TenantHeaders.RequestId] = requestId;

            // Refuse an oversized body before reading any of it (Kestrel's own limit trips mid-stream).
            var limit = context.RequestServices.GetRequiredService<GatewayOptions>().MaxRequestBodyBytes;
            if (context.Request.ContentLength > limit)
            {
                await Extensions.WriteProblemAsync(context, StatusCodes.Status413PayloadTooLarge, "请求内容过大", $"请求内容不能超过 {limit / 1024 / 1024} MB。");
                return;
            }
            await next(context);
        });
}
