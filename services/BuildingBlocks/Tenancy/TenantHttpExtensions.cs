using System.Diagnostics;
using System.Security.Claims;
using Gongkai.Contracts;
using Gongkai.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.BuildingBlocks.Tenancy;

public static class TenantHttpExtensions
{
    /// <summary>
    /// Authentication, then the request's tenant from the validated token's tenant claim (never from a
    /// client-sent header), then authorization. A token without a tenant (a client such as the city
    /// platform) leaves the scope without one, which matches no tenant-owned row. The one exception: another
    /// Gongkai service (role "service", its own client credentials) names the unit it acts for in the internal
    /// header — the gateway strips that header from every outside request.
    /// </summary>
    public static IApplicationBuilder UseTenantAuthentication(this IApplicationBuilder app)
    {
        app.UseAuthentication();
        app.Use(async (context, next) =>
        {
            var claim = context.RequestServices.GetRequiredService<AuthSettings>().TenantClaim;
            var tenant = context.User.FindFirstValue(claim);
            if (tenant is null && context.User.IsInRole(StaffRoles.Service))
                tenant = context.Request.Headers[ServiceCalls.InternalServiceClient.TenantHeader].ToString();
            if (context.User.Identity?.IsAuthenticated == true && TenantIds.IsWellFormed(tenant))
            {
                context.RequestServices.GetRequiredService<TenantContext>().Set(tenant!);
                Activity.Current?.SetTag("gongkai.tenant", tenant);
            }
            await next(context);
        });
        app.UseRoutingRejectionsWithoutSignIn();
        app.UseAuthorization();
        return app;
    }

    /// <summary>Endpoints of a unit's staff need a tenant; without one the answer is 403 and nothing runs.</summary>
    public static TBuilder RequireTenant<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var tenant = context.HttpContext.RequestServices.GetRequiredService<TenantContext>();
            if (!tenant.HasTenant)
                return Results.Problem(
                    title: "缺少办理单位",
                    detail: "访问令牌中没有所属单位，不能访问单位的业务数据。",
                    statusCode: StatusCodes.Status403Forbidden);
            return await next(context);
        });

    /// <summary>Staff of the token's unit holding at least one of <paramref name="roles"/>.</summary>
    public static TBuilder RequireUnitStaff<TBuilder>(this TBuilder builder, params string[] roles) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(policy => policy.RequireRole(roles.Length > 0 ? roles : StaffRoles.UnitStaff)).RequireTenant();

    /// <summary>The district's supervisor, acting from the district's own tenant over the units its token names.</summary>
    public static TBuilder RequireDistrictSupervisor<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(policy => policy.RequireRole(StaffRoles.DistrictSupervisor)).RequireTenant();

    public static string ActorName(this ClaimsPrincipal user) =>
        user.FindFirstValue(GongkaiClaims.Name) ?? user.FindFirstValue(GongkaiClaims.Subject) ?? "未知用户";
}
