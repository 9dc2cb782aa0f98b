using System.Security.Claims;
using Gongkai.BuildingBlocks;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;
using Gongkai.Publishing.Domain.AnnualReports;
using Gongkai.Publishing.Domain.Standard;
using Gongkai.Publishing.Infrastructure;
using Gongkai.Publishing.Reporting;
using Microsoft.EntityFrameworkCore;
using R = Gongkai.Contracts.StaffRoles;

namespace Gongkai.Publishing.Apis;

/// <summary>
/// A unit that starts using Gongkai mid-year imports the applications it handled before, so that this year's counts and the
/// carry-over are right from its first report. All or nothing: any bad row is reported with its row and column and nothing
/// is stored. Imported applications are marked as such wherever they are listed.
/// </summary>
public static class ApplicationImportApi
{
    public const long MaxImportBytes = 5 * 1024 * 1024;

    public sealed record ImportResult(int Applications, int Appeals);

    public static void MapApplicationImportApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/publishing/annual-reports");
        api.MapGet("/import-template", () => TypedResults.File(ApplicationImport.Template(), ReportTables.XlsxType, "政府信息公开申请导入模板.xlsx"))
            .RequireUnitStaff();
        api.MapPost("/imports", Import).RequireUnitStaff(R.UnitAdmin).DisableAntiforgery();
    }

    private static async Task<IResult> Import(IFormFile? file, PublishingDbContext db, ClaimsPrincipal user, HttpContext http, TimeProvider clock,
        CancellationToken ct)
    {
        if (file is null || file.Length == 0)
            return Refused([new WorkbookProblem(0, "", "file", "请以表单字段 file 上传 .xlsx 或 .csv 文件（可先下载导入模板）。")]);
        if (file.Length > MaxImportBytes)
            return Refused([new WorkbookProblem(0, "", "file", $"文件不能超过 {MaxImportBytes / 1024 / 1024} MB。")]);
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        buffer.Position = 0;
        var now = clock.GetUtcNow();
        var csv = file.FileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
        var (rows, problems) = ApplicationImport.Read(buffer, csv, ChinaTime.DateOf(now));
        if (problems.Count > 0)
            return Refused(problems);
        var numbers = rows.Select(r => r.Number).ToList();
        var taken = await db.ReportedCases.Where(c => numbers.Contains(c.CaseNumber)).Select(c => c.CaseNumber).ToListAsync(ct);
        if (taken.Count > 0)
            return Refused(rows.Where(r => taken.Contains(r.Number))
                .Select(r => new WorkbookProblem(r.Row, ApplicationImport.Headings[0], "number", $"申请编号 {r.Number} 已在本单位登记或导入过。")).ToList());

        foreach (var row in rows)
        {
            var caseId = Guid.NewGuid();
            db.ReportedCases.Add(new ReportedCase
            {
                CaseId = caseId, CaseNumber = row.Number, ApplicantCategory = row.Category, Imported = true, UpdatedAt = now,
                Handlings = [new CountedHandling(row.ReceivedOn, row.ClosedOn, row.Outcome)],
            });
            if (row.Appeal is { } a)
                db.Appeals.Add(Appeal.Import(caseId, row.Number, a.Kind, a.FiledOn, a.Outcome, a.DecidedOn, now, user.ActorName()));
        }
        var appeals = rows.Count(r => r.Appeal is not null);
        await db.RegisterCatalogueUnitAsync(now, ct);
        db.AddIntegrationEvent(new AuditableActionOccurred(db.Tenant.Required, user.ActorName(), db.Tenant.Required, "applications-imported",
            $"annual-report-import:{db.Tenant.Required}", $"导入历史申请 {file.FileName}：{rows.Count} 件，复议诉讼 {appeals} 件", http.ClientAddress(), now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Refused([new WorkbookProblem(0, "", "file", "导入期间有申请编号被同时登记，请重新导入。")]);
        }
        return TypedResults.Ok(new ImportResult(rows.Count, appeals));
    }

    private static IResult Refused(IReadOnlyList<WorkbookProblem> problems) => ImportProblems.Refused(problems, "导入的申请有误，未导入任何内容");
}

/// <summary>An import refused as a whole: 400 with every problem under its key (rows[5].receivedOn), the first few in the detail.</summary>
internal static class ImportProblems
{
    public static IResult Refused(IReadOnlyList<WorkbookProblem> problems, string title) =>
        TypedResults.ValidationProblem(problems.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Select(p => p.ChineseMessage).ToArray()),
            title: title, detail: string.Join("；", problems.Take(5).Select(p => p.ChineseMessage)));
}
