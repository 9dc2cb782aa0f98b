using System.Security.Claims;
using Gongkai.BuildingBlocks;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;
using Gongkai.Document.Domain;
using Gongkai.Document.Domain.Letters;
using Gongkai.Document.Domain.Numbering;
using Gongkai.Document.Domain.Templates;
using Gongkai.Document.Infrastructure;
using Gongkai.Document.Issuing;
using Gongkai.Document.Rendering;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Gongkai.Document.Apis;

/// <summary>The unit's wording of each standard document (unit admins). Every save is a new version; issued documents name theirs.</summary>
public static class TemplatesApi
{
    public static RouteGroupBuilder MapTemplatesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/document/templates").RequireUnitStaff(StaffRoles.UnitAdmin).RefreshUnitName();
        api.MapGet("/", ListTemplates);
        api.MapGet("/{key}", GetTemplate);
        api.MapPut("/{key}", PutTemplate);
        api.MapDelete("/{key}", ResetTemplate);
        api.MapPost("/{key}/preview", Preview);
        return api;
    }

    public sealed record TemplateSummary(string Key, string Name, string Kind, string Family, string Title, string Version, bool Overridden);

    public sealed record Wording(string Title, IReadOnlyList<string> Paragraphs);

    public sealed record TemplateView(string Key, string Name, string Kind, string Family, string Title, IReadOnlyList<string> Paragraphs,
        string Version, bool Overridden, string? Basis, IReadOnlyList<string> Required, IReadOnlyDictionary<string, string> Placeholders, Wording BuiltIn);

    public sealed record TemplateRequest(string? Title, List<string>? Paragraphs);

    private static async Task<IResult> ListTemplates(DocumentDbContext db, CancellationToken ct)
    {
        // A unit has a few dozen versions at most: pick the latest per template here rather than in SQL.
        var latest = (await db.TemplateVersions.AsNoTracking().ToListAsync(ct))
            .GroupBy(v => v.TemplateKey).Select(g => g.MaxBy(v => v.Version)!).ToList();
        return TypedResults.Ok(TemplateCatalog.All.Select(t =>
        {
            var own = latest.SingleOrDefault(v => v.TemplateKey == t.Key);
            return own is null || own.IsReset
                ? new TemplateSummary(t.Key, t.Name, t.Kind, t.Family, t.Title, $"builtin-{TemplateCatalog.BuiltInRevision}", false)
                : new TemplateSummary(t.Key, t.Name, t.Kind, t.Family, own.Title ?? t.Title, $"unit-v{own.Version}", true);
        }));
    }

    private static async Task<IResult> GetTemplate(string key, DocumentDbContext db, CancellationToken ct)
    {
        if (TemplateCatalog.Find(key) is not { } template)
            return UnknownTemplate(key);
        return TypedResults.Ok(View(template, await DocumentIssuer.CurrentWordingAsync(db, template, ct)));
    }

    private static async Task<IResult> PutTemplate(string key, TemplateRequest? request, DocumentDbContext db, ClaimsPrincipal user, HttpContext http,
        TimeProvider clock, CancellationToken ct)
    {
        if (TemplateCatalog.Find(key) is not { } template)
            return UnknownTemplate(key);
        var errors = SettingsRules.TemplateProblems(template, request?.Title, request?.Paragraphs);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "文书模板有误");
        var paragraphs = request!.Paragraphs!.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()).ToList();
        return await SaveVersionAsync(template, request.Title!.Trim(), paragraphs, reset: false, db, user, http, clock, ct);
    }

    private static async Task<IResult> ResetTemplate(string key, DocumentDbContext db, ClaimsPrincipal user, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        if (TemplateCatalog.Find(key) is not { } template)
            return UnknownTemplate(key);
        return await SaveVersionAsync(template, null, [], reset: true, db, user, http, clock, ct);
    }

    private static async Task<IResult> SaveVersionAsync(LetterTemplate template, string? title, List<string> paragraphs, bool reset,
        DocumentDbContext db, ClaimsPrincipal user, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var last = await db.TemplateVersions.Where(v => v.TemplateKey == template.Key).MaxAsync(v => (int?)v.Version, ct) ?? 0;
        var version = new TemplateVersion
        {
            TemplateKey = template.Key, Version = last + 1, Title = title, Paragraphs = paragraphs, IsReset = reset,
            CreatedAt = clock.GetUtcNow(), CreatedBy = user.ActorName(),
        };
        db.TemplateVersions.Add(version);
        SettingsApi.Audit(db, user, http, clock, "document-template-changed",
            reset ? $"模板“{template.Name}”恢复为内置文字（第 {version.Version} 版）" : $"修改模板“{template.Name}”文字（第 {version.Version} 版）");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return TypedResults.Problem(title: "模板已被他人修改", detail: "同一模板刚刚保存了新版本，请刷新后再修改。", statusCode: StatusCodes.Status409Conflict);
        }
        return TypedResults.Ok(View(template, await DocumentIssuer.CurrentWordingAsync(db, template, ct)));
    }

    /// <summary>A PDF of the current (or the posted, unsaved) wording with sample particulars; nothing is stored or numbered.</summary>
    private static async Task<IResult> Preview(string key, TemplateRequest? request, DocumentDbContext db, PdfLetter pdf, TimeProvider clock, CancellationToken ct)
    {
        if (TemplateCatalog.Find(key) is not { } template)
            return UnknownTemplate(key);
        var wording = await DocumentIssuer.CurrentWordingAsync(db, template, ct);
        var (title, paragraphs) = (wording.Title, wording.Paragraphs);
        if (request?.Paragraphs is not null || request?.Title is not null)
        {
            var errors = SettingsRules.TemplateProblems(template, request.Title ?? wording.Title, request.Paragraphs ?? [.. wording.Paragraphs]);
            if (errors.Count > 0)
                return TypedResults.ValidationProblem(errors, title: "文书模板有误");
            (title, paragraphs) = (request.Title ?? wording.Title, request.Paragraphs ?? [.. wording.Paragraphs]);
        }
        var settings = await db.Settings.AsNoTracking().SingleOrDefaultAsync(ct);
        var today = ChinaTime.Today(clock);
        var pattern = settings?.PatternOf(template.Family) ?? DocumentNumberPattern.Defaults[template.Family];
        var sample = new LetterRequest(template.Kind, $"{db.Tenant.Required}-{today.Year}-00001", "张三", today.AddDays(-10), SampleFields(template.Key, today), today);
        var letter = LetterComposer.Compose(template, title, paragraphs, sample, DocumentIssuer.Letterhead(settings, sample.Fields),
            pattern.Length > 0 ? DocumentNumberPattern.Format(pattern, today.Year, 1) : null);
        return TypedResults.File(pdf.Render(letter), "application/pdf", $"预览-{template.Name}.pdf");
    }

    private static Dictionary<string, string> SampleFields(string key, DateOnly today)
    {
        var fields = new Dictionary<string, string>
        {
            [DocumentKinds.Fields.Due] = today.AddDays(28).ToString("yyyy-MM-dd"),
            [DocumentKinds.Fields.Party] = "某某有限公司",
            [DocumentKinds.Fields.Question] = "申请公开的信息中涉及贵方的合同金额，是否同意公开",
            [DocumentKinds.Fields.CorrectionItems] = "请写明所需文件的名称或者文号",
            [DocumentKinds.Fields.PeriodWorkingDays] = "15",
            [DocumentKinds.Fields.ExtensionWorkingDays] = "20",
            [DocumentKinds.Fields.FeeAmount] = "200",
            [DocumentKinds.Fields.FeeBasis] = "按件计收，本月第11至12件，每件100元",
            [DocumentKinds.Fields.ReferTo] = "某区住房和城乡建设局（联系电话：028-00000000）",
        };
        if (key.StartsWith("reply.", StringComparison.Ordinal) && key is not "reply.AlreadyPublic" and not "reply.Disclose" and not "reply.Publication" and not "reply.SpecialAccessRegime")
            fields[DocumentKinds.Fields.Reasons] = "（此处为承办人填写的具体理由）";
        return fields;
    }

    private static TemplateView View(LetterTemplate template, DocumentIssuer.Wording wording) =>
        new(template.Key, template.Name, template.Kind, template.Family, wording.Title, wording.Paragraphs, wording.Version, wording.Overridden,
            TemplateCatalog.BasisOf(template.Key), template.Required, Placeholders.Meanings, new Wording(template.Title, template.Paragraphs));

    private static IResult UnknownTemplate(string key) => TypedResults.Problem(title: "模板不存在",
        detail: $"没有名为“{key}”的文书模板，可用的模板见 GET /api/document/templates。", statusCode: StatusCodes.Status404NotFound);
}
