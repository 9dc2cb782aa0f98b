using System.Security.Claims;
using Gongkai.BuildingBlocks;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;
using Gongkai.Intake.Domain;
using Gongkai.Intake.Infrastructure;
using Gongkai.Intake.Registration;
using Microsoft.AspNetCore.Mvc;

namespace Gongkai.Intake.Apis;

/// <summary>
/// The city platform (市级平台) pushes applications it received to the unit named in the body. Its token is
/// a client's (role city_platform, no unit), so the push crosses into that unit through the one explicit
/// path (a tenant scope) and is audited in the unit's log. Pushes are retried by the platform, so an
/// idempotency key is required.
/// </summary>
public static class CityPlatformApi
{
    public static RouteGroupBuilder MapCityPlatformApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/intake/city-platform");
        api.MapPost("/applications", Push).RequireAuthorization(policy => policy.RequireRole(StaffRoles.CityPlatform));
        return api;
    }

    private static async Task<IResult> Push(ApplicationForm? form, [FromHeader(Name = ApplicationRegistrar.IdempotencyHeader)] string? idempotencyKey,
        ApplicationRegistrar registrar, IServiceScopeFactory scopes, ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        var validation = registrar.Validate(form, RegistrationSource.CityPlatform, idempotencyKey, keyRequired: true);
        if (!validation.IsValid)
            return ApplicationsApi.Invalid(validation.Errors);
        var application = validation.Application!;
        var client = user.FindFirstValue(GongkaiClaims.ClientId) ?? user.ActorName();
        var actor = $"市级平台（{client}）";

        await using var scope = scopes.CreateTenantScope(application.UnitCode!);
        var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
        // The push is what the unit's audit log records, committed with the registration itself.
        var result = await registrar.RegisterAsync(db, application, form!, RegistrationSource.CityPlatform, actor, idempotencyKey, ct,
            (unitDb, registered) => unitDb.AddIntegrationEvent(new AuditableActionOccurred(application.UnitCode!, actor, null, "application-pushed",
                $"application:{registered.Id}", registered.Number, http.ClientAddress(), registrar.Now)));
        return result switch
        {
            RegistrationResult.Registered { Replayed: true } r => ApplicationsApi.Replayed(SubmissionReceipt.From(r)),
            RegistrationResult.Registered r => TypedResults.Created((string?)null, SubmissionReceipt.From(r)),
            _ => ApplicationsApi.KeyReused(),
        };
    }
}
