using System.Security.Claims;
using Gongkai.BuildingBlocks;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;
using Gongkai.Publishing.Catalogue;
using Gongkai.Publishing.Domain.Supervision;
using Gongkai.Publishing.Infrastructure;
using Gongkai.Publishing.Reporting;
using Gongkai.Publishing.Supervision;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Publishing.Apis;

/// <summary>
/// The district's 通报 and 红黑榜: a draft per period ranks the supervised units by the district's rules with the figures
/// behind every score (spot-check problems included); the supervisor adds remarks and publishes it. Published, it is
/// immutable, Document renders it, and each unit finds its own line in its standings.
/// </summary>
public static class BulletinsApi
{
    public static void MapBulletinsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/publishing/supervision/district/bulletins")
            .RequireDistrictSupervisor();
        api.MapGet("/", List);
        api.MapPost("/", Draft);
        api.MapGet("/{id:guid}", Get);
        api.MapPut("/{id:guid}/remarks", Remark);
        api.MapPost("/{id:guid}/publication", Publish);
    }

    public sealed record DraftRequest(string? Period);

    public sealed record RemarksRequest(string? Remarks, Dictionary<string, string?>? Units);

    private static async Task<IResult> List(PublishingDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.Bulletins.AsNoTracking().OrderByDescending(b => b.Period)
            .Select(b => new { b.Id, b.Period, b.PeriodLabel, b.State, b.Number, b.PublishedOn, Units = b.Entries.Count, b.PdfSha256 })
            .Take(200).ToListAsync(ct));

    private static async Task<IResult> Get(Guid id, PublishingDbContext db, CancellationToken ct) =>
        await db.Bulletins.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, ct) is { } bulletin ? TypedResults.Ok(bulletin) : NotFound();

    /// <summary>Creates the period's draft, or refreshes it from current figures; a published period answers 409.</summary>
    private static async Task<IResult> Draft(DraftRequest? request, ClaimsPrincipal user, HttpContext http, PublishingDbContext db, DistrictScopes district,
        UnitDirectory units, TimeProvider clock, CancellationToken ct)
    {
        if (SupervisionApi.Period(request?.Period, clock, out var problem) is not { } period)
            return problem!;
        var today = ChinaTime.Today(clock);
        if (period.From > today)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["period"] = ["该期间尚未开始，不能起草通报。"] }, title: "统计期间有误");
        var bulletin = await db.Bulletins.SingleOrDefaultAsync(b => b.Period == period.Code, ct);
        if (bulletin is { State: BulletinState.Published })
            return Conflict($"{period.Label}通报已于 {bulletin.PublishedOn:yyyy-MM-dd} 印发，不能再修改。");

        var settings = await SupervisionApi.SettingsAsync(db, ct);
        var (districtFigures, unitFigures) = await SupervisionApi.DistrictFiguresAsync(user, db, district, units, period, today, ct);
        var problems = await SpotChecksApi.ProblemsByUnitAsync(db, district, unitFigures.Select(u => u.UnitCode), period, ct);
        var ranked = Scoreboard.Rank(settings.Rules, unitFigures, problems);
        var byUnit = unitFigures.ToDictionary(u => u.UnitCode);
        var entries = ranked.Select(s => new BulletinEntry(s, BulletinFigures.Of(byUnit[s.UnitCode], problems.GetValueOrDefault(s.UnitCode)), null)).ToList();
        var now = clock.GetUtcNow();
        if (bulletin is null)
            db.Bulletins.Add(bulletin = new Bulletin { Id = Guid.NewGuid(), Period = period.Code, PeriodLabel = period.Label, CreatedAt = now, CreatedBy = user.ActorName() });
        bulletin.Refresh(districtFigures.UnitName, settings.Rules, entries, BulletinFigures.Of(districtFigures, problems.Values.Sum()), now);
        district.Audit(db, user, http, byUnit.Keys, "supervisor-drafted-bulletin", $"bulletin:{bulletin.Id}", $"起草{period.Label}通报");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Conflict($"{period.Label}通报正由他人同时起草，请刷新后重试。");
        }
        return TypedResults.Ok(bulletin);
    }

    private static async Task<IResult> Remark(Guid id, RemarksRequest? request, ClaimsPrincipal user, HttpContext http, PublishingDbContext db, TimeProvider clock,
        CancellationToken ct)
    {
        if (await db.Bulletins.SingleOrDefaultAsync(b => b.Id == id, ct) is not { } bulletin)
            return NotFound();
        if (bulletin.State == BulletinState.Published)
            return Conflict("通报已印发，不能再修改。");
        var errors = new Dictionary<string, string[]>();
        var overall = Clean(request?.Remarks);
        if (overall?.Length > Bulletin.MaxRemarkLength)
            errors["remarks"] = [$"工作要求不能超过 {Bulletin.MaxRemarkLength} 字。"];
        var perUnit = new Dictionary<string, string?>();
        foreach (var (unit, text) in request?.Units ?? [])
        {
            if (bulletin.Entries.All(e => e.Score.UnitCode != unit))
                errors[$"units.{unit}"] = ["该单位不在本期通报中。"];
            else if (Clean(text)?.Length > Bulletin.MaxRemarkLength)
                errors[$"units.{unit}"] = [$"点评不能超过 {Bulletin.MaxRemarkLength} 字。"];
            else
                perUnit[unit] = Clean(text);
        }
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "通报点评有误");
        bulletin.Remark(overall, perUnit, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(bulletin);
    }

    /// <summary>
    /// Publishes the draft as it stands: numbered, laid out and hashed, each unit's line copied into the unit's own rows (in
    /// its scope), and Document asked for the PDF and DOCX. Only a finished period can be published.
    /// </summary>
    private static async Task<IResult> Publish(Guid id, ClaimsPrincipal user, HttpContext http, PublishingDbContext db, DistrictScopes district,
        TimeProvider clock, CancellationToken ct)
    {
        if (await db.Bulletins.SingleOrDefaultAsync(b => b.Id == id, ct) is not { } bulletin)
            return NotFound();
        if (bulletin.State == BulletinState.Published)
        {
            // Publishing again is harmless: it only makes sure every unit has its line.
            await CopyStandingsAsync(bulletin, db.Tenant.Required, district, ct);
            return TypedResults.Ok(bulletin);
        }
        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var period = ReportingPeriod.TryParse(bulletin.Period, today, out _)!;
        if (!period.HasEnded(today))
            return Conflict($"{period.Label}尚未结束，期末后才能印发通报（可先起草、核对数据）。");
        var number = BulletinLayout.Number(db.Tenant.Required, bulletin.Period);
        var layout = BulletinLayout.Build(bulletin, number, today);
        bulletin.Publish(number, ReportAssembler.Hash(layout), today, now, user.ActorName());
        db.AddIntegrationEvent(new BulletinRenderRequested(bulletin.Id, db.Tenant.Required, number, layout, now));
        district.Audit(db, user, http, [db.Tenant.Required], "bulletin-published", $"bulletin:{bulletin.Id}", $"印发{bulletin.PeriodLabel}通报（{number}）");
        await db.SaveChangesAsync(ct);
        // Each unit's line goes into its own rows, after the district's commit (each unit is its own transaction); if a copy
        // fails, publishing again (idempotent by bulletin and unit) completes the rest.
        await CopyStandingsAsync(bulletin, db.Tenant.Required, district, ct);
        return TypedResults.Ok(bulletin);
    }

    private static async Task CopyStandingsAsync(Bulletin bulletin, string districtCode, DistrictScopes district, CancellationToken ct)
    {
        foreach (var entry in bulletin.Entries)
            await district.ChangeAsync(entry.Score.UnitCode, async unitDb =>
            {
                if (!await unitDb.BulletinStandings.AnyAsync(s => s.BulletinId == bulletin.Id, ct))
                    unitDb.BulletinStandings.Add(new BulletinStanding
                    {
                        BulletinId = bulletin.Id, DistrictCode = districtCode, Number = bulletin.Number!, Period = bulletin.Period,
                        PeriodLabel = bulletin.PeriodLabel, UnitsRanked = bulletin.Entries.Count, Entry = entry, PublishedOn = bulletin.PublishedOn!.Value,
                    });
                return true;
            }, ct);
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static IResult NotFound() => TypedResults.Problem(title: "通报不存在", statusCode: StatusCodes.Status404NotFound);

    private static IResult Conflict(string detail) => TypedResults.Problem(title: "通报当前状态不允许此操作", detail: detail, statusCode: StatusCodes.Status409Conflict);
}
