namespace Gongkai.Contracts;

/// <summary>Staff roles; one person may hold several. Values appear in tokens' "role" claims.</summary>
public static class StaffRoles
{
    public const string Registrar = "registrar";            // 登记
    public const string Handler = "handler";                // 承办
    public const string LegalCounsel = "legal_counsel";     // 法律顾问 / 合法性审查
    public const string Approver = "approver";              // 负责人 / 签发
    public const string UnitAdmin = "unit_admin";           // 单位管理员
    public const string DistrictSupervisor = "district_supervisor"; // 区级监督
    public const string PlatformAdmin = "platform_admin";   // 平台管理员

    /// <summary>Client role of the city platform (市级平台) when it calls with its own client identity.</summary>
    public const string CityPlatform = "city_platform";

    /// <summary>Client role of a Gongkai service calling another with its client credentials.</summary>
    public const string Service = "service";

    public static readonly IReadOnlyList<string> All =
        [Registrar, Handler, LegalCounsel, Approver, UnitAdmin, DistrictSupervisor, PlatformAdmin];

    /// <summary>Roles that work inside a unit's own cases.</summary>
    public static readonly string[] UnitStaff = [Registrar, Handler, LegalCounsel, Approver, UnitAdmin];

    public static string ChineseName(string role) => role switch
    {
        Registrar => "登记员",
        Handler => "承办人",
        LegalCounsel => "法律顾问",
        Approver => "负责人（签发）",
        UnitAdmin => "单位管理员",
        DistrictSupervisor => "区级监督员",
        PlatformAdmin => "平台管理员",
        _ => role,
    };
}

/// <summary>Claim types in Gongkai's access tokens (names stay short; inbound claim mapping is off).</summary>
public static class GongkaiClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Role = "role";
    public const string Tenant = "tenant";
    public const string UnitName = "unit_name";
    /// <summary>Units a district supervisor may read (space-separated codes, the supervisor's own unit excluded).</summary>
    public const string SupervisedUnits = "supervised_units";
    public const string ClientId = "client_id";
}
