using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;

namespace Gongkai.Identity.Domain;

/// <summary>A member of a unit's staff. The user name is unique within the unit; sign-in names the unit.</summary>
public sealed class StaffUser : ITenantOwned
{
    public Guid Id { get; init; }
    public string TenantId { get; set; } = "";
    public required string UserName { get; init; }
    public required string DisplayName { get; set; }
    public string PasswordHash { get; set; } = "";
    public List<string> Roles { get; set; } = [];
    public int FailedSignIns { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public bool Disabled { get; set; }
    public DateTimeOffset CreatedAt { get; init; }

    public bool IsLockedOut(DateTimeOffset now) => LockedUntil is { } until && until > now;
}

/// <summary>Lockout after repeated failures: brute force gets a few tries, then waits.</summary>
public sealed class SignInPolicy
{
    public int MaxFailedAttempts { get; set; } = 5;
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <returns>True when this failure locked the account.</returns>
    public bool RecordFailure(StaffUser user, DateTimeOffset now)
    {
        user.FailedSignIns++;
        if (user.FailedSignIns < MaxFailedAttempts)
            return false;
        user.LockedUntil = now + LockoutDuration;
        user.FailedSignIns = 0;
        return true;
    }

    public static void RecordSuccess(StaffUser user)
    {
        user.FailedSignIns = 0;
        user.LockedUntil = null;
    }
}

public static class RoleRules
{
    /// <summary>Unknown role names, in Chinese, or null when every role exists.</summary>
    public static string? ValidateRoles(IEnumerable<string> roles)
    {
        var unknown = roles.Where(r => !StaffRoles.All.Contains(r)).ToList();
        return unknown.Count == 0 ? null : $"未知的角色：{string.Join("、", unknown)}。可用角色：{string.Join("、", StaffRoles.All)}。";
    }

    /// <summary>Which roles make sense in which kind of unit (a supervisor supervises a district's subtree).</summary>
    public static string? ValidateRolesForUnit(IEnumerable<string> roles, UnitKind kind)
    {
        if (roles.Contains(StaffRoles.PlatformAdmin) && kind != UnitKind.Platform)
            return "平台管理员只能属于平台单位。";
        if (roles.Contains(StaffRoles.DistrictSupervisor) && kind != UnitKind.District)
            return "区级监督员只能属于区级单位。";
        return null;
    }
}

/// <summary>A refresh token (only its hash is stored); rotating it revokes the old one.</summary>
public sealed class RefreshToken : ITenantOwned
{
    public Guid Id { get; init; }
    public string TenantId { get; set; } = "";
    public Guid UserId { get; init; }
    public required string TokenHash { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>An RSA key that signs access tokens; old keys stay published until retired, so rotation breaks nobody.</summary>
public sealed class SigningKey
{
    public required string KeyId { get; init; }
    public required string PrivateKeyPem { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? RetiredAt { get; set; }
}
