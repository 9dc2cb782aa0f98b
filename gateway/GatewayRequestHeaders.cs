using System.Diagnostics;
using Gongkai.Contracts;

namespace Gongkai.Gateway;

public static class GatewayRequestHeaders
{
    /// <summary>
    /// Only the gateway may set internal headers: every client-sent X-Gongkai-* header is removed, and the
    /// tenant a client names in X-Tenant-Id is forwarded only if it is a configured unit. A request id is
    /// given to every request and echoed back.
    /// </summary>
    public static IApplicationBuilder UseGatewayRequestHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var headers = context.Request.Headers;
            foreach (var name in headers.Keys.Where(k => k.StartsWith(TenantHeaders.InternalPrefix, StringComparison.OrdinalIgnoreCase)).ToList())
                headers.Remove(name);

            var requestId = headers[TenantHeaders.RequestId].ToString();
            if (requestId.Length is 0 or > 100)
                requestId = Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N");
            headers[TenantHeaders.RequestId] = requestId;
            context.Response.Headers[TenantHeaders.RequestId] = requestId;

            var tenant = headers[TenantHeaders.Client].ToString();
            headers.Remove(TenantHeaders.Client);
            if (tenant.Length > 0)
            {
                var options = context.RequestServices.GetRequiredService<GatewayOptions>();
                if (!TenantIds.IsWellFormed(tenant) || !options.Tenants.Contains(tenant))
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                    {
                        HttpContext = context,
                        ProblemDetails = { Status = 403, Title = "未知的办理单位", Detail = $"{TenantHeaders.Client} 不是本平台登记的单位。" },
                    });
                    return;
                }
                headers[TenantHeaders.Internal] = tenant;
                Activity.Current?.SetTag("gongkai.tenant", tenant);
            }
            await next(context);
        });
}
