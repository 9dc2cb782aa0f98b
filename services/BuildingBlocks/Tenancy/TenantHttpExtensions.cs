using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics;

namespace Gongkai.BuildingBlocks.Tenancy;

public static class TenantHttpExtensions
{
    /// <summary>
    /// Takes the tenant from the internal header that only the gateway sets (services listen on loopback
    /// behind it). The identity issue replaces this with the validated token's tenant claim.
    /// </summary>
    public static IApplicationBuilder UseTenantFromGateway(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var header = context.Request.Headers[TenantHeaders.Internal].ToString();
            if (TenantIds.IsWellFormed(header))
            {
                context.RequestServices.GetRequiredService<TenantContext>().Set(header);
                Activity.Current?.SetTag("gongkai.tenant", header);
            }
            await next(context);
        });

    /// <summary>Endpoints of a unit's staff need a tenant; without one the answer is 400 and nothing runs.</summary>
    public static TBuilder RequireTenant<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var tenant = context.HttpContext.RequestServices.GetRequiredService<TenantContext>();
            if (!tenant.HasTenant)
                return Results.Problem(
                    title: "缺少单位标识",
                    detail: $"请求必须通过网关并携带 {TenantHeaders.Client} 请求头指明办理单位。",
                    statusCode: StatusCodes.Status400BadRequest);
            return await next(context);
        });
}
