using System.Security.Claims;
using Gongkai.BuildingBlocks;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;
using Gongkai.Publishing.Domain.Catalogue;
using Gongkai.Publishing.Infrastructure;
using Gongkai.ServiceDefaults.Validation;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Publishing.Apis;

/// <summary>The unit's 索引号 scheme and Art. 26 period (staff read them; unit admins change them).</summary>
public static class IndexSchemeApi
{
    public static RouteGroupBuilder MapIndexSchemeApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/publishing").RequireDefinedEnums();
        api.MapGet("/index-scheme", GetScheme).RequireUnitStaff();
        api.MapPut("/index-scheme", PutScheme).RequireUnitStaff(StaffRoles.UnitAdmin);
        api.MapGet("/vocabularies", GetVocabularies).RequireUnitStaff();
        return api;
    }

    public sealed record SchemeRequest(List<IndexSegment>? Segments, bool? RestartPerSubject, int? PublicationWorkingDays, int? DueSoonWorkingDays, int? Revision);

    public sealed record SchemeView(bool Configured, IndexNumberScheme Scheme, string Example, int PublicationWorkingDays, int DueSoonWorkingDays,
        int Revision, DateTimeOffset? UpdatedAt, string? UpdatedBy);

    private static async Task<IResult> GetScheme(PublishingDbContext db, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(View(await db.SettingsOrDefaultAsync(ct), ChinaTime.Today(clock).Year));

    private static async Task<IResult> PutScheme(SchemeRequest? request, PublishingDbContext db, ClaimsPrincipal user, HttpContext http,
        TimeProvider clock, CancellationToken ct)
    {
        if (request is null)
            return TypedResults.Problem(title: "请求内容为空", detail: "请以 JSON 提交索引号规则。", statusCode: StatusCodes.Status400BadRequest);
        var errors = new Dictionary<string, string[]>();
        IndexNumberScheme? scheme = null;
        if (request.Segments is not null)
        {
            scheme = new IndexNumberScheme(request.Segments, request.RestartPerSubject ?? false);
            foreach (var (field, messages) in scheme.Problems())
                errors[field] = messages;
        }
        if (request.PublicationWorkingDays is < 1 or > 120)
            errors["publicationWorkingDays"] = ["公开时限应为 1 至 120 个工作日（《政府信息公开条例》第二十六条规定为 20 个工作日，法律、法规另有规定的从其规定）。"];
        if (request.DueSoonWorkingDays is < 0 or > 20)
            errors["dueSoonWorkingDays"] = ["到期提醒应为 0 至 20 个工作日。"];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "索引号规则有误");

        var settings = await db.Settings.SingleOrDefaultAsync(ct);
        if (request.Revision is { } expected && expected != (settings?.Revision ?? 0))
            return Conflict(settings?.Revision ?? 0);
        if (settings is null)
            db.Settings.Add(settings = new PublishingSettings());
        // Segments left out keep the current scheme; an empty list goes back to the national default.
        if (request.Segments is not null)
            settings.IndexScheme = request.Segments.Count == 0 ? null : scheme;
        settings.PublicationWorkingDays = request.PublicationWorkingDays ?? settings.PublicationWorkingDays;
        settings.DueSoonWorkingDays = request.DueSoonWorkingDays ?? settings.DueSoonWorkingDays;
        settings.Revision++;
        settings.UpdatedAt = clock.GetUtcNow();
        settings.UpdatedBy = user.ActorName();
        var year = ChinaTime.Today(clock).Year;
        db.AddIntegrationEvent(new AuditableActionOccurred(db.Tenant.Required, user.ActorName(), db.Tenant.Required, "index-scheme-changed",
            $"publishing-settings:{db.Tenant.Required}", $"索引号规则第 {settings.Revision} 版，示例 {Example(settings, year)}；公开时限 {settings.PublicationWorkingDays} 个工作日",
            http.ClientAddress(), clock.GetUtcNow()));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two admins saved at the same moment (revision is a concurrency token, the tenant the key).
            return Conflict(settings.Revision - 1);
        }
        return TypedResults.Ok(View(settings, year));
    }

    public sealed record TermView(string Code, string Name, string? ParentCode);

    public sealed record GenreView(Genre Genre, string Name);

    public sealed record VocabulariesView(IReadOnlyList<TermView> Subjects, IReadOnlyList<GenreView> Genres, IReadOnlyList<TermView> Domains);

    private static IResult GetVocabularies() => TypedResults.Ok(new VocabulariesView(
        SubjectClasses.TopLevel.Concat(SubjectClasses.SecondLevel).Select(t => new TermView(t.Code, t.Name, t.ParentCode)).ToList(),
        Enum.GetValues<Genre>().Select(g => new GenreView(g, Genres.ChineseName(g))).ToList(),
        GrassrootsDomains.All.Select(t => new TermView(t.Code, t.Name, null)).ToList()));

    private static SchemeView View(PublishingSettings settings, int year) =>
        new(settings.IndexScheme is not null, settings.SchemeOrDefault, Example(settings, year), settings.PublicationWorkingDays,
            settings.DueSoonWorkingDays, settings.Revision, settings.UpdatedAt, settings.UpdatedBy);

    private static string Example(PublishingSettings settings, int year) => settings.SchemeOrDefault.Format(year, "02", 1);

    private static IResult Conflict(int current) => TypedResults.Problem(title: "索引号规则已被他人修改",
        detail: $"当前为第 {current} 版，请刷新后再修改。", statusCode: StatusCodes.Status409Conflict,
        extensions: new Dictionary<string, object?> { ["currentRevision"] = current });
}
