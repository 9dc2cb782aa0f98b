using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;
using Gongkai.Identity.Domain;
using Gongkai.Identity.Tokens;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Identity.Infrastructure;

public sealed class IdentitySeedOptions
{
    /// <summary>Load the demo units and one user per role (./build.sh run --demo).</summary>
    public bool SeedDemo { get; set; }

    /// <summary>Password of every demo user.</summary>
    public string DemoPassword { get; set; } = "Gongkai2026demo";

    /// <summary>When set, makes sure platform admin "admin" of unit "platform" exists with this password.</summary>
    public string? PlatformAdminPassword { get; set; }
}

/// <summary>Runs after migrations: loads the signing keys, creates the platform unit, and seeds what configuration asks for.</summary>
public sealed class IdentityStartup(IServiceScopeFactory scopes, SigningKeyStore keys, IdentitySeedOptions options,
    IPasswordHasher<StaffUser> hasher, TimeProvider clock, ILogger<IdentityStartup> logger) : IHostedService
{
    public const string PlatformUnit = "platform";

    // The demo: 成都市 → 双流区 → one department and two streets (real names, made-up staff).
    private static readonly (string Code, string Name, UnitKind Kind, string? Parent)[] DemoUnits =
    [
        ("5101", "成都市人民政府", UnitKind.City, PlatformUnit),
        ("510116", "成都市双流区人民政府", UnitKind.District, "5101"),
        ("510116-fgj", "成都市双流区发展和改革局", UnitKind.Department, "510116"),
        ("510116-dsj", "成都市双流区人民政府东升街道办事处", UnitKind.Township, "510116"),
        ("510116-xhg", "成都市双流区人民政府西航港街道办事处", UnitKind.Township, "510116"),
    ];

    private static readonly (string UserName, string DisplayName, string Role)[] DemoStaff =
    [
        ("registrar", "登记员", StaffRoles.Registrar),
        ("handler", "承办人", StaffRoles.Handler),
        ("counsel", "法律顾问", StaffRoles.LegalCounsel),
        ("approver", "负责人", StaffRoles.Approver),
        ("admin", "单位管理员", StaffRoles.UnitAdmin),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await EnsureUnitAsync((PlatformUnit, "公开平台运营中心", UnitKind.Platform, null), cancellationToken);
        await keys.LoadAsync(cancellationToken);
        if (options.PlatformAdminPassword is { Length: > 0 } adminPassword)
            await EnsureUserAsync(PlatformUnit, "admin", "平台管理员", [StaffRoles.PlatformAdmin], adminPassword, cancellationToken);
        if (!options.SeedDemo)
            return;
        foreach (var unit in DemoUnits)
            await EnsureUnitAsync(unit, cancellationToken);
        await EnsureUserAsync(PlatformUnit, "admin", "平台管理员", [StaffRoles.PlatformAdmin], options.DemoPassword, cancellationToken);
        foreach (var unit in DemoUnits.Where(u => u.Kind is not UnitKind.City))
        {
            foreach (var staff in DemoStaff)
                await EnsureUserAsync(unit.Code, staff.UserName, staff.DisplayName, [staff.Role], options.DemoPassword, cancellationToken);
            if (unit.Kind == UnitKind.District)
                await EnsureUserAsync(unit.Code, "supervisor", "区级监督员", [StaffRoles.DistrictSupervisor], options.DemoPassword, cancellationToken);
        }
        logger.LogInformation("Demo units and staff are loaded (every demo password is the configured demo password)");
    }

    private async Task EnsureUnitAsync((string Code, string Name, UnitKind Kind, string? Parent) unit, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        if (await db.Units.AnyAsync(u => u.Code == unit.Code, ct))
            return;
        db.Units.Add(new Unit { Code = unit.Code, Name = unit.Name, Kind = unit.Kind, ParentCode = unit.Parent, CreatedAt = clock.GetUtcNow() });
        try { await db.SaveChangesAsync(ct); } catch (DbUpdateException) { /* another instance seeded it first */ }
    }

    private async Task EnsureUserAsync(string unit, string userName, string displayName, List<string> roles, string password, CancellationToken ct)
    {
        await using var scope = scopes.CreateTenantScope(unit);
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        if (await db.Users.AnyAsync(u => u.UserName == userName, ct))
            return;
        var user = new StaffUser { Id = Guid.NewGuid(), UserName = userName, DisplayName = displayName, Roles = roles, CreatedAt = clock.GetUtcNow() };
        user.PasswordHash = hasher.HashPassword(user, password);
        db.Users.Add(user);
        try { await db.SaveChangesAsync(ct); } catch (DbUpdateException) { /* another instance seeded it first */ }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
