using System.Security.Claims;
using Gongkai.BuildingBlocks;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;
using Gongkai.Publishing.Catalogue;
using Gongkai.Publishing.Domain.Guide;
using Gongkai.Publishing.Infrastructure;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gongkai.Publishing.Apis;

/// <summary>
/// The unit's 政府信息公开指南 (Art. 12): unit admins save it (each save is a new version in force at once, dated, with
/// who and when kept); staff read it, its history and a template to start from; the public reads the version in force,
/// with the same ETag/304 caching as the public catalogue.
/// </summary>
public static class GuideApi
{
    public static RouteGroupBuilder MapGuideApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/publishing/guide");
        api.MapGet("/", Get).RequireUnitStaff();
        api.MapPut("/", Put).RequireUnitStaff(StaffRoles.UnitAdmin);
        api.MapGet("/template", Template).RequireUnitStaff();
        api.MapGet("/versions", Versions).RequireUnitStaff();
        api.MapGet("/versions/{version:int}", Version).RequireUnitStaff();
        app.MapGroup("/api/publishing/public/{unit}").AllowAnonymous().MapGet("/guide", PublicGuide);
        return api;
    }

    public sealed record GuideView(int Version, DateOnly UpdatedOn, GuideContent Content, string SavedBy, DateTimeOffset SavedAt);

    public sealed record GuideVersionSummary(int Version, DateOnly UpdatedOn, string SavedBy, DateTimeOffset SavedAt);

    public sealed record PublicGuideView(string UnitCode, string? UnitName, int Version, DateOnly UpdatedOn, GuideContent Content);

    private static async Task<IResult> Get(PublishingDbContext db, CancellationToken ct) =>
        await db.GuideVersions.AsNoTracking().OrderByDescending(v => v.Version).FirstOrDefaultAsync(ct) is { } current
            ? TypedResults.Ok(View(current))
            : NotYet("本单位尚未发布政府信息公开指南，可从 GET /api/publishing/guide/template 的模板开始填写。");

    private static async Task<IResult> Put(GuideInput? request, PublishingDbContext db, UnitDirectory units, ClaimsPrincipal user, HttpContext http,
        TimeProvider clock, CancellationToken ct)
    {
        if (request is null)
            return TypedResults.Problem(title: "请求内容为空", detail: "请以 JSON 提交政府信息公开指南。", statusCode: StatusCodes.Status400BadRequest);
        var (content, errors) = request.Validate();
        if (content is null)
            return TypedResults.ValidationProblem(errors, title: "政府信息公开指南填写有误");

        // The public copy names the unit as Identity has it now.
        await units.RefreshAsync(db, ct);
        var current = await db.GuideVersions.AsNoTracking().OrderByDescending(v => v.Version).Select(v => (int?)v.Version).FirstOrDefaultAsync(ct) ?? 0;
        if (request.BaseVersion is { } expected && expected != current)
            return Conflict(current);
        var now = clock.GetUtcNow();
        var version = new GuideVersion
        {
            Id = Guid.NewGuid(),
            Version = current + 1,
            Content = content,
            UpdatedOn = ChinaTime.DateOf(now),
            SavedBy = user.ActorName(),
            SavedAt = now,
        };
        db.GuideVersions.Add(version);
        var tenant = db.Tenant.Required;
        var unitName = (await db.SettingsOrDefaultAsync(ct)).UnitName;
        var published = await db.PublicGuides.SingleOrDefaultAsync(p => p.UnitCode == tenant, ct);
        if (published is null)
            db.PublicGuides.Add(published = new PublicGuide { UnitCode = tenant });
        published.UnitName = unitName;
        published.Version = version.Version;
        published.Content = content;
        published.UpdatedOn = version.UpdatedOn;
        published.PublishedAt = now;
        db.AddIntegrationEvent(new AuditableActionOccurred(tenant, user.ActorName(), tenant, "disclosure-guide-published",
            $"disclosure-guide:{tenant}", $"发布政府信息公开指南第 {version.Version} 版（更新日期 {version.UpdatedOn:yyyy-MM-dd}）", http.ClientAddress(), now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another admin saved the same version number (or the first public copy) at the same moment.
            return Conflict(current + 1);
        }
        return TypedResults.Ok(View(version));
    }

    private static async Task<IResult> Template(PublishingDbContext db, UnitDirectory units, CancellationToken ct)
    {
        await units.RefreshAsync(db, ct);
        var name = (await db.SettingsOrDefaultAsync(ct)).UnitName;
        return TypedResults.Ok(GuideTemplate.For(string.IsNullOrWhiteSpace(name) ? db.Tenant.Required : name));
    }

    private static async Task<IResult> Versions(PublishingDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.GuideVersions.AsNoTracking().OrderByDescending(v => v.Version)
            .Select(v => new GuideVersionSummary(v.Version, v.UpdatedOn, v.SavedBy, v.SavedAt)).ToListAsync(ct));

    private static async Task<IResult> Version(int version, PublishingDbContext db, CancellationToken ct) =>
        await db.GuideVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Version == version, ct) is { } found
            ? TypedResults.Ok(View(found))
            : NotYet("该版本不存在。");

    private static async Task<IResult> PublicGuide(string unit, PublishingDbContext db, HttpContext http, IOptions<JsonOptions> json, CancellationToken ct)
    {
        if (!TenantIds.IsWellFormed(unit))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["unit"] = ["单位代码只能包含字母、数字和“-”。"] }, title: "请求参数有误");
        var guide = await db.PublicGuides.AsNoTracking().SingleOrDefaultAsync(p => p.UnitCode == unit, ct);
        if (guide is null)
            return NotYet("该单位尚未发布政府信息公开指南。");
        return PublicCatalogueApi.Cacheable(http, new PublicGuideView(guide.UnitCode, guide.UnitName, guide.Version, guide.UpdatedOn, guide.Content),
            json.Value.SerializerOptions);
    }

    private static GuideView View(GuideVersion v) => new(v.Version, v.UpdatedOn, v.Content, v.SavedBy, v.SavedAt);

    private static IResult NotYet(string detail) =>
        TypedResults.Problem(title: "政府信息公开指南不存在", detail: detail, statusCode: StatusCodes.Status404NotFound);

    private static IResult Conflict(int current) => TypedResults.Problem(title: "指南已被他人修改",
        detail: $"当前为第 {current} 版，请刷新后再修改。", statusCode: StatusCodes.Status409Conflict,
        extensions: new Dictionary<string, object?> { ["currentVersion"] = current });
}
