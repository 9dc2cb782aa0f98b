using System.Security.Claims;
using Gongkai.BuildingBlocks;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;
using Gongkai.Publishing.Domain.Catalogue;
using Gongkai.Publishing.Infrastructure;
using Gongkai.ServiceDefaults.Validation;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Publishing.Apis;

/// <summary>
/// Which genres of the unit's documents may not be submitted without a 政策解读 (staff read it; unit admins set it).
/// Empty by default: which documents need an interpretation is set by local rules, not by the Regulation.
/// </summary>
public static class InterpretationSettingsApi
{
    public static RouteGroupBuilder MapInterpretationSettingsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/publishing/interpretation-settings").RequireDefinedEnums();
        api.MapGet("/", Get).RequireUnitStaff();
        api.MapPut("/", Put).RequireUnitStaff(StaffRoles.UnitAdmin);
        return api;
    }

    public sealed record SettingsRequest(List<Genre>? RequiredFor, int? Revision);

    public sealed record GenreName(Genre Genre, string Name);

    public sealed record SettingsView(IReadOnlyList<GenreName> RequiredFor, int Revision, DateTimeOffset? UpdatedAt, string? UpdatedBy);

    private static async Task<IResult> Get(PublishingDbContext db, CancellationToken ct) => TypedResults.Ok(View(await db.SettingsOrDefaultAsync(ct)));

    private static async Task<IResult> Put(SettingsRequest? request, PublishingDbContext db, ClaimsPrincipal user, HttpContext http, TimeProvider clock,
        CancellationToken ct)
    {
        if (request?.RequiredFor is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["requiredFor"] = ["请列出须附政策解读的体裁（可为空列表）。"] },
                title: "解读设置有误");
        if (request.RequiredFor.Contains(Genre.Interpretation))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["requiredFor"] = ["“解读”本身不需要再附解读，请从列表中去掉。"] },
                title: "解读设置有误");

        var settings = await db.Settings.SingleOrDefaultAsync(ct);
        if (request.Revision is { } expected && expected != (settings?.Revision ?? 0))
            return Conflict(settings?.Revision ?? 0);
        if (settings is null)
            db.Settings.Add(settings = new PublishingSettings());
        settings.InterpretationRequiredFor = request.RequiredFor.Distinct().Order().ToList();
        settings.Revision++;
        settings.UpdatedAt = clock.GetUtcNow();
        settings.UpdatedBy = user.ActorName();
        var names = settings.InterpretationRequiredFor.Count == 0 ? "无" : string.Join("、", settings.InterpretationRequiredFor.Select(Genres.ChineseName));
        db.AddIntegrationEvent(new AuditableActionOccurred(db.Tenant.Required, user.ActorName(), db.Tenant.Required, "interpretation-settings-changed",
            $"publishing-settings:{db.Tenant.Required}", $"须附政策解读的体裁：{names}", http.ClientAddress(), clock.GetUtcNow()));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two admins saved at the same moment (revision is a concurrency token, the tenant the key).
            return Conflict(settings.Revision - 1);
        }
        return TypedResults.Ok(View(settings));
    }

    private static SettingsView View(PublishingSettings settings) =>
        new(settings.InterpretationRequiredForOrNone.Select(g => new GenreName(g, Genres.ChineseName(g))).ToList(), settings.Revision,
            settings.UpdatedAt, settings.UpdatedBy);

    private static IResult Conflict(int current) => TypedResults.Problem(title: "设置已被他人修改",
        detail: $"当前为第 {current} 版，请刷新后再修改。", statusCode: StatusCodes.Status409Conflict,
        extensions: new Dictionary<string, object?> { ["currentRevision"] = current });
}
