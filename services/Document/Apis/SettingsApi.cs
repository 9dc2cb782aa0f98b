using System.Security.Claims;
using Gongkai.BuildingBlocks;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;
using Gongkai.Document.Domain;
using Gongkai.Document.Domain.Numbering;
using Gongkai.Document.Domain.Templates;
using Gongkai.Document.Infrastructure;
using Gongkai.Document.Issuing;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Document.Apis;

/// <summary>The unit's letterhead, seal, number patterns and remedy periods (unit admins).</summary>
public static class SettingsApi
{
    public static RouteGroupBuilder MapSettingsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/document/settings").RequireUnitStaff(StaffRoles.UnitAdmin).RefreshUnitName();
        api.MapGet("/", GetSettings);
        api.MapPut("/", PutSettings);
        api.MapGet("/seal", GetSeal);
        api.MapPut("/seal", PutSeal);
        api.MapDelete("/seal", DeleteSeal);
        return api;
    }

    public sealed record NumberPatternView(string Family, string FamilyName, string Pattern, bool Numbered, string? Example);

    public sealed record SettingsView(string UnitFullName, string UnitFullNameSource, string? Contact, int ReconsiderationDays, int LitigationMonths,
        string? ReconsiderationBody, string? PaymentMethod, IReadOnlyList<NumberPatternView> NumberPatterns, bool HasSeal, string? SealSha256,
        string RemediesClause, int Revision, DateTimeOffset? UpdatedAt, string? UpdatedBy);

    private static async Task<IResult> GetSettings(DocumentDbContext db, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(View(await db.Settings.AsNoTracking().SingleOrDefaultAsync(ct), ChinaTime.Today(clock).Year));

    private static async Task<IResult> PutSettings(SettingsRequest? request, DocumentDbContext db, ClaimsPrincipal user, HttpContext http,
        TimeProvider clock, CancellationToken ct)
    {
        if (request is null)
            return TypedResults.Problem(title: "请求内容为空", detail: "请以 JSON 提交文书设置。", statusCode: StatusCodes.Status400BadRequest);
        var errors = SettingsRules.Problems(request);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "文书设置有误");

        var settings = await db.Settings.SingleOrDefaultAsync(ct);
        if (request.Revision is { } expected && expected != (settings?.Revision ?? 0))
            return Conflict(settings?.Revision ?? 0);
        if (settings is null)
            db.Settings.Add(settings = new UnitSettings());
        settings.UnitFullName = Clean(request.UnitFullName);
        settings.Contact = Clean(request.Contact);
        settings.ReconsiderationDays = request.ReconsiderationDays ?? UnitSettings.DefaultReconsiderationDays;
        settings.LitigationMonths = request.LitigationMonths ?? UnitSettings.DefaultLitigationMonths;
        settings.ReconsiderationBody = Clean(request.ReconsiderationBody);
        settings.PaymentMethod = Clean(request.PaymentMethod);
        settings.NumberPatterns = (request.NumberPatterns ?? []).ToDictionary(p => p.Key, p => p.Value?.Trim() ?? "");
        settings.Revision++;
        settings.UpdatedAt = clock.GetUtcNow();
        settings.UpdatedBy = user.ActorName();
        Audit(db, user, http, clock, "document-settings-changed", $"文书设置第 {settings.Revision} 版：{settings.UnitFullName ?? settings.IdentityUnitName}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two admins saved at the same moment (revision is a concurrency token, the tenant the key).
            return Conflict(settings.Revision - 1);
        }
        return TypedResults.Ok(View(settings, ChinaTime.Today(clock).Year));
    }

    private static async Task<IResult> GetSeal(DocumentDbContext db, CancellationToken ct) =>
        await db.Settings.AsNoTracking().Select(s => s.SealPng).SingleOrDefaultAsync(ct) is { } png
            ? TypedResults.File(png, "image/png")
            : TypedResults.Problem(title: "未上传印章", detail: "本单位尚未上传印章图片，文书上显示印章位置。", statusCode: StatusCodes.Status404NotFound);

    private static async Task<IResult> PutSeal(HttpRequest httpRequest, DocumentDbContext db, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        if (httpRequest.ContentType?.StartsWith("image/png", StringComparison.OrdinalIgnoreCase) != true)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["seal"] = ["请以 Content-Type: image/png 上传印章图片。"] }, title: "印章图片有误");
        using var buffer = new MemoryStream();
        await httpRequest.Body.CopyToAsync(buffer, ct);
        var png = buffer.ToArray();
        if (SettingsRules.SealProblem(png) is { } problem)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["seal"] = [problem] }, title: "印章图片有误");
        var settings = await db.Settings.SingleOrDefaultAsync(ct);
        if (settings is null)
            db.Settings.Add(settings = new UnitSettings());
        settings.SealPng = png;
        settings.SealSha256 = DocumentIssuer.Sha256(png);
        settings.Revision++;
        settings.UpdatedAt = clock.GetUtcNow();
        settings.UpdatedBy = user.ActorName();
        Audit(db, user, httpRequest.HttpContext, clock, "document-seal-changed", $"上传印章图片 SHA-256 {settings.SealSha256}");
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(View(settings, ChinaTime.Today(clock).Year));
    }

    private static async Task<IResult> DeleteSeal(DocumentDbContext db, ClaimsPrincipal user, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var settings = await db.Settings.SingleOrDefaultAsync(ct);
        if (settings?.SealPng is null)
            return TypedResults.NoContent();
        settings.SealPng = null;
        settings.SealSha256 = null;
        settings.Revision++;
        settings.UpdatedAt = clock.GetUtcNow();
        settings.UpdatedBy = user.ActorName();
        Audit(db, user, http, clock, "document-seal-changed", "删除印章图片，文书改为显示印章位置");
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    public static SettingsView View(UnitSettings? settings, int year)
    {
        var letterhead = DocumentIssuer.Letterhead(settings, new Dictionary<string, string>());
        var source = settings?.UnitFullName is not null ? "settings" : settings?.IdentityUnitName is not null ? "identity" : "missing";
        var patterns = NumberFamilies.All.Select(f =>
        {
            var pattern = settings?.PatternOf(f) ?? DocumentNumberPattern.Defaults[f];
            return new NumberPatternView(f, NumberFamilies.ChineseName(f), pattern, pattern.Length > 0,
                pattern.Length > 0 ? DocumentNumberPattern.Format(pattern, year, 1) : null);
        }).ToList();
        return new SettingsView(letterhead.UnitName, source, settings?.Contact, letterhead.ReconsiderationDays, letterhead.LitigationMonths,
            settings?.ReconsiderationBody, settings?.PaymentMethod, patterns, settings?.SealPng is not null, settings?.SealSha256,
            Domain.Letters.LetterComposer.Remedies("本答复", letterhead), settings?.Revision ?? 0, settings?.UpdatedAt, settings?.UpdatedBy);
    }

    internal static void Audit(DocumentDbContext db, ClaimsPrincipal user, HttpContext http, TimeProvider clock, string action, string detail) =>
        db.AddIntegrationEvent(new AuditableActionOccurred(db.Tenant.Required, user.ActorName(), db.Tenant.Required, action,
            $"document-settings:{db.Tenant.Required}", detail, http.ClientAddress(), clock.GetUtcNow()));

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static IResult Conflict(int current) => TypedResults.Problem(title: "文书设置已被他人修改",
        detail: $"当前为第 {current} 版，请刷新后再修改。", statusCode: StatusCodes.Status409Conflict,
        extensions: new Dictionary<string, object?> { ["currentRevision"] = current });
}
