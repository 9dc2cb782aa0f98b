using System.Text;
using Gongkai.BuildingBlocks.Reports;
using Gongkai.Contracts;
using Gongkai.Publishing.Domain.AnnualReports;
using Gongkai.Publishing.Infrastructure;
using Gongkai.Publishing.Reporting;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Publishing.Apis;

/// <summary>
/// Published annual reports for anyone: the list of a unit's reports, a report as JSON (its layout, number, hash and the
/// PDF/DOCX links) or as an HTML page, and its tables as XLSX or CSV. The version in force by default; ?version=N reads a
/// version a correction replaced, marked as replaced.
/// </summary>
public static class PublicAnnualReportApi
{
    private const string PageStyle = """
        body{font-family:"Noto Serif CJK SC","Songti SC",serif;line-height:1.8;margin:0;padding:1rem;color:#111;background:#fff}
        main{max-width:60rem;margin:auto}h1{text-align:center;font-size:1.6rem}.subtitle{text-align:center}
        h2{font-size:1.25rem;margin-top:2rem}h3{font-size:1.1rem}p{text-indent:2em}
        .table{overflow-x:auto}table{border-collapse:collapse;margin:1rem 0;font-size:.95rem}
        th,td{border:1px solid #111;padding:.3rem .5rem;text-align:center}td:first-child{text-align:left}
        """;

    public static void MapPublicAnnualReportApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/publishing/public/{unit}/annual-reports").AllowAnonymous();
        api.MapGet("/", List);
        api.MapGet("/{year:int}", Get);
        api.MapGet("/{year:int}/page", Page);
        api.MapGet("/{year:int}/tables.xlsx", (string unit, int year, int? version, PublishingDbContext db, CancellationToken ct) => Tables(unit, year, version, false, db, ct));
        api.MapGet("/{year:int}/tables.csv", (string unit, int year, int? version, PublishingDbContext db, CancellationToken ct) => Tables(unit, year, version, true, db, ct));
    }

    public sealed record PublicReportSummary(int Year, int Version, string Number, DateOnly PublishedOn, bool Superseded, string? CorrectionReason, string Href);

    public sealed record PublicReportView(string UnitCode, string UnitName, int Year, int Version, string Number, DateOnly PublishedOn, string Sha256,
        bool Superseded, string? CorrectionReason, ReportLayout Layout, string PageUrl, string? PdfUrl, string? DocxUrl, string TablesXlsxUrl, string TablesCsvUrl,
        IReadOnlyList<PublicReportSummary> Versions);

    private static async Task<IResult> List(string unit, PublishingDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.PublicAnnualReports.AsNoTracking().Where(r => r.UnitCode == unit).OrderByDescending(r => r.Year).ThenByDescending(r => r.Version)
            .Select(r => new PublicReportSummary(r.Year, r.Version, r.Number, r.PublishedOn, r.Superseded, r.CorrectionReason,
                $"/api/publishing/public/{unit}/annual-reports/{r.Year}?version={r.Version}")).ToListAsync(ct));

    private static async Task<IResult> Get(string unit, int year, int? version, PublishingDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await FindAsync(db, unit, year, version, ct) is not { } report)
            return NotFound(unit, year);
        var versions = await db.PublicAnnualReports.AsNoTracking().Where(r => r.UnitCode == unit && r.Year == year).OrderBy(r => r.Version)
            .Select(r => new PublicReportSummary(r.Year, r.Version, r.Number, r.PublishedOn, r.Superseded, r.CorrectionReason,
                $"/api/publishing/public/{unit}/annual-reports/{r.Year}?version={r.Version}")).ToListAsync(ct);
        var self = $"/api/publishing/public/{unit}/annual-reports/{year}";
        var files = $"/api/document/public/annual-reports/{report.ReportId}/{report.Version}";
        http.Response.Headers.ETag = $"\"{report.Sha256}\"";
        return TypedResults.Ok(new PublicReportView(report.UnitCode, report.UnitName, report.Year, report.Version, report.Number, report.PublishedOn, report.Sha256,
            report.Superseded, report.CorrectionReason, Layout(report), $"{self}/page?version={report.Version}", report.Rendered ? $"{files}/pdf" : null,
            report.Rendered ? $"{files}/docx" : null, $"{self}/tables.xlsx?version={report.Version}", $"{self}/tables.csv?version={report.Version}", versions));
    }

    private static async Task<IResult> Page(string unit, int year, int? version, PublishingDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await FindAsync(db, unit, year, version, ct) is not { } report)
            return NotFound(unit, year);
        var layout = Layout(report);
        if (report.Superseded)
            layout = layout with { Subtitle = layout.Subtitle + "　（本版本已被更正版本替代）" };
        http.Response.Headers.ETag = $"\"{report.Sha256}\"";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Text(ReportHtml.Render(layout, PageStyle), "text/html; charset=utf-8", Encoding.UTF8);
    }

    private static async Task<IResult> Tables(string unit, int year, int? version, bool csv, PublishingDbContext db, CancellationToken ct) =>
        await FindAsync(db, unit, year, version, ct) is { } report ? ReportTables.File(report.Content, csv) : NotFound(unit, year);

    private static ReportLayout Layout(PublicAnnualReport report) =>
        ReportLayoutBuilder.Build(report.Content, report.Number, report.PublishedOn, report.CorrectionReason);

    private static Task<PublicAnnualReport?> FindAsync(PublishingDbContext db, string unit, int year, int? version, CancellationToken ct) =>
        db.PublicAnnualReports.AsNoTracking().Where(r => r.UnitCode == unit && r.Year == year && (version == null ? !r.Superseded : r.Version == version))
            .FirstOrDefaultAsync(ct);

    private static IResult NotFound(string unit, int year) =>
        TypedResults.Problem(title: "没有该年度报告", detail: $"单位 {unit} 尚未公布{year}年度报告。", statusCode: StatusCodes.Status404NotFound);
}
