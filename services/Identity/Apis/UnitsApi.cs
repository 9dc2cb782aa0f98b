using Gongkai.BuildingBlocks;
using System.Security.Claims;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;
using Gongkai.Identity.Domain;
using Gongkai.Identity.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Identity.Apis;

/// <summary>The unit tree and its staff: platform admins create districts, a district's admin its departments and townships.</summary>
public static class UnitsApi
{
    public static RouteGroupBuilder MapUnitsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/identity/units")
            .RequireAuthorization(p => p.RequireRole(StaffRoles.UnitAdmin, StaffRoles.PlatformAdmin, StaffRoles.DistrictSupervisor, StaffRoles.Approver));
        api.MapGet("/", ListUnits);
        api.MapPost("/", CreateUnit).RequireAuthorization(p => p.RequireRole(StaffRoles.UnitAdmin, StaffRoles.PlatformAdmin));
        api.MapGet("/{code}/users", ListUsers);
        api.MapPost("/{code}/users", CreateUser).RequireAuthorization(p => p.RequireRole(StaffRoles.UnitAdmin, StaffRoles.PlatformAdmin));
        api.MapPut("/{code}/users/{id:guid}/roles", ChangeRoles).RequireAuthorization(p => p.RequireRole(StaffRoles.UnitAdmin, StaffRoles.PlatformAdmin));

        // The portal's directory of units (public organs, nothing personal): anonymous, through the gateway's public route.
        app.MapGet("/api/identity/public/units", PublicUnits).AllowAnonymous();

        // For other services with their own identity (Document prints the unit's full name on letters); not routed by the gateway.
        app.MapGet("/internal/identity/units/{code}", GetUnit).RequireAuthorization(p => p.RequireRole(StaffRoles.Service));
        return api;
    }

    public sealed record UnitView(string Code, string Name, UnitKind Kind, string KindName, string? ParentCode);

    public sealed record CreateUnitRequest(string? Code, string? Name, UnitKind? Kind, string? ParentCode);

    public sealed record UserView(Guid Id, string UserName, string DisplayName, IReadOnlyList<string> Roles, bool Disabled, DateTimeOffset? LockedUntil);

    public sealed record CreateUserRequest(string? UserName, string? DisplayName, string? Password, List<string>? Roles);

    public sealed record ChangeRolesRequest(List<string>? Roles);

    private static async Task<IResult> ListUnits(ClaimsPrincipal user, IdentityDbContext db, CancellationToken ct)
    {
        var units = await db.Units.AsNoTracking().OrderBy(u => u.Code).ToListAsync(ct);
        var tree = new UnitTree(units);
        var own = user.FindFirstValue(GongkaiClaims.Tenant)!;
        var visible = user.IsInRole(StaffRoles.PlatformAdmin) ? units : [.. units.Where(u => u.Code == own), .. tree.Descendants(own)];
        return TypedResults.Ok(visible.Select(View));
    }

    private static async Task<IResult> PublicUnits(IdentityDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.Units.AsNoTracking().OrderBy(u => u.Code).ToListAsync(ct)).Select(View));

    private static async Task<IResult> GetUnit(string code, IdentityDbContext db, CancellationToken ct) =>
        await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Code == code, ct) is { } unit ? TypedResults.Ok(View(unit)) : NotFound();

    private static async Task<IResult> CreateUnit(CreateUnitRequest request, ClaimsPrincipal user, HttpContext http, IdentityDbContext db, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        if (request.Kind is null)
            return HttpRequestExtensions.ValidationProblem("kind", "请选择单位类别（City、District、Department、Township）。");
        var tree = new UnitTree(await db.Units.AsNoTracking().ToListAsync(ct));
        var errors = tree.ValidateNewUnit(request.Code ?? "", request.Name ?? "", request.Kind.Value, request.ParentCode);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => new[] { e.Value }), title: "单位信息有误");

        // Platform admins create cities and districts; a district's unit admin creates units directly under it.
        var own = user.FindFirstValue(GongkaiClaims.Tenant)!;
        var allowed = user.IsInRole(StaffRoles.PlatformAdmin) || (user.IsInRole(StaffRoles.UnitAdmin) && request.ParentCode == own);
        if (!allowed)
            return Forbidden("只能在本单位下创建部门或镇（街道）。");

        var unit = new Unit { Code = request.Code!, Name = request.Name!.Trim(), Kind = request.Kind.Value, ParentCode = request.ParentCode, CreatedAt = clock.GetUtcNow() };
        db.Units.Add(unit);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new(own, user.ActorName(), own, "unit-created", $"unit:{unit.Code}", $"{unit.Name}（{Unit.KindName(unit.Kind)}）", http.ClientAddress()), ct);
        await audit.AppendAsync(new(unit.Code, user.ActorName(), own, "unit-created", $"unit:{unit.Code}", unit.Name, http.ClientAddress()), ct);
        return TypedResults.Created($"/api/identity/units/{unit.Code}", View(unit));
    }

    private static async Task<IResult> ListUsers(string code, ClaimsPrincipal user, IdentityDbContext db, IServiceScopeFactory scopes, CancellationToken ct)
    {
        // An approver assigns handlers (Workflow), so may see who the staff of the own unit are.
        var ownUnitsApprover = user.IsInRole(StaffRoles.Approver) && user.FindFirstValue(GongkaiClaims.Tenant) == code;
        var unit = ownUnitsApprover
            ? await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Code == code, ct)
            : await AdministeredUnitAsync(code, user, db, allowSupervisor: true, ct);
        if (unit is null)
            return NotFound();
        await using var scope = scopes.CreateTenantScope(unit.Code);
        var users = await scope.ServiceProvider.GetRequiredService<IdentityDbContext>().Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct);
        return TypedResults.Ok(users.Select(u => new UserView(u.Id, u.UserName, u.DisplayName, u.Roles, u.Disabled, u.LockedUntil)));
    }

    private static async Task<IResult> CreateUser(string code, CreateUserRequest request, ClaimsPrincipal user, HttpContext http, IdentityDbContext db,
        IServiceScopeFactory scopes, IPasswordHasher<StaffUser> hasher, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        if (await AdministeredUnitAsync(code, user, db, allowSupervisor: false, ct) is not { } unit)
            return NotFound();
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.UserName) || request.UserName.Length > 64 || !request.UserName.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            errors["userName"] = ["用户名只能包含字母、数字和 . _ -，且不超过 64 个字符。"];
        if (string.IsNullOrWhiteSpace(request.DisplayName) || request.DisplayName.Length > 100)
            errors["displayName"] = ["请填写姓名（不超过 100 个字）。"];
        if (PasswordRules.Check(request.Password) is { } passwordProblem)
            errors["password"] = [passwordProblem];
        var roles = request.Roles ?? [];
        if (roles.Count == 0)
            errors["roles"] = ["至少选择一个角色。"];
        else if ((RoleRules.ValidateRoles(roles) ?? RoleRules.ValidateRolesForUnit(roles, unit.Kind)) is { } roleProblem)
            errors["roles"] = [roleProblem];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "用户信息有误");

        await using var scope = scopes.CreateTenantScope(unit.Code);
        var unitDb = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        if (await unitDb.Users.AnyAsync(u => u.UserName == request.UserName, ct))
            return HttpRequestExtensions.ValidationProblem("userName", $"本单位已有用户名 {request.UserName}。");
        var staff = new StaffUser { Id = Guid.NewGuid(), UserName = request.UserName!, DisplayName = request.DisplayName!.Trim(), Roles = roles.Distinct().ToList(), CreatedAt = clock.GetUtcNow() };
        staff.PasswordHash = hasher.HashPassword(staff, request.Password!);
        unitDb.Users.Add(staff);
        await using (var transaction = await unitDb.Database.BeginTransactionAsync(ct))
        {
            await unitDb.SaveChangesAsync(ct);
            await audit.AppendAsync(unitDb, new(unit.Code, user.ActorName(), user.FindFirstValue(GongkaiClaims.Tenant), "user-created",
                $"user:{staff.Id}", $"{staff.UserName}，角色：{string.Join("、", staff.Roles.Select(StaffRoles.ChineseName))}", http.ClientAddress()), ct);
            await unitDb.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        return TypedResults.Created($"/api/identity/units/{unit.Code}/users/{staff.Id}", new UserView(staff.Id, staff.UserName, staff.DisplayName, staff.Roles, false, null));
    }

    private static async Task<IResult> ChangeRoles(string code, Guid id, ChangeRolesRequest request, ClaimsPrincipal user, HttpContext http,
        IdentityDbContext db, IServiceScopeFactory scopes, AuditLog audit, CancellationToken ct)
    {
        if (await AdministeredUnitAsync(code, user, db, allowSupervisor: false, ct) is not { } unit)
            return NotFound();
        var roles = request.Roles ?? [];
        if (roles.Count == 0)
            return HttpRequestExtensions.ValidationProblem("roles", "至少选择一个角色。");
        if ((RoleRules.ValidateRoles(roles) ?? RoleRules.ValidateRolesForUnit(roles, unit.Kind)) is { } problem)
            return HttpRequestExtensions.ValidationProblem("roles", problem);

        await using var scope = scopes.CreateTenantScope(unit.Code);
        var unitDb = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        await using var transaction = await unitDb.Database.BeginTransactionAsync(ct);
        var staff = await unitDb.Users.SingleOrDefaultAsync(u => u.Id == id, ct);
        if (staff is null)
            return NotFound();
        var before = string.Join("、", staff.Roles.Select(StaffRoles.ChineseName));
        staff.Roles = roles.Distinct().ToList();
        await audit.AppendAsync(unitDb, new(unit.Code, user.ActorName(), user.FindFirstValue(GongkaiClaims.Tenant), "roles-changed",
            $"user:{staff.Id}", $"{staff.UserName}：{before} → {string.Join("、", staff.Roles.Select(StaffRoles.ChineseName))}", http.ClientAddress()), ct);
        await unitDb.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(new UserView(staff.Id, staff.UserName, staff.DisplayName, staff.Roles, staff.Disabled, staff.LockedUntil));
    }

    /// <summary>
    /// The unit if the caller may administer it: platform admins everywhere; a unit admin their own unit and
    /// (for a district) the units below it; a supervisor may read their subtree. Otherwise null (404: a unit
    /// outside your reach does not exist for you).
    /// </summary>
    internal static async Task<Unit?> AdministeredUnitAsync(string code, ClaimsPrincipal user, IdentityDbContext db, bool allowSupervisor, CancellationToken ct)
    {
        var tree = new UnitTree(await db.Units.AsNoTracking().ToListAsync(ct));
        if (tree.Find(code) is not { } unit)
            return null;
        if (user.IsInRole(StaffRoles.PlatformAdmin))
            return unit;
        var own = user.FindFirstValue(GongkaiClaims.Tenant);
        if (own is null)
            return null;
        var mayAdminister = user.IsInRole(StaffRoles.UnitAdmin) && tree.IsInSubtree(own, code);
        var maySupervise = allowSupervisor && user.IsInRole(StaffRoles.DistrictSupervisor) && tree.IsInSubtree(own, code);
        return mayAdminister || maySupervise ? unit : null;
    }

    private static UnitView View(Unit u) => new(u.Code, u.Name, u.Kind, Unit.KindName(u.Kind), u.ParentCode);

    private static IResult NotFound() => TypedResults.Problem(title: "单位或用户不存在", statusCode: StatusCodes.Status404NotFound);

    private static IResult Forbidden(string detail) => TypedResults.Problem(title: "无权执行此操作", detail: detail, statusCode: StatusCodes.Status403Forbidden);
}

public static class PasswordRules
{
    /// <summary>A problem with the password in Chinese, or null when it is acceptable.</summary>
    public static string? Check(string? password) =>
        password is null || password.Length < 10 || password.Length > 128 || !password.Any(char.IsLetter) || !password.Any(char.IsDigit)
            ? "密码至少 10 位，且同时包含字母和数字。"
            : null;
}
