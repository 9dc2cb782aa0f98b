using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Publishing.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Publishing.Apis;

public static class AnnualReportApi
{
    public static RouteGroupBuilder MapAnnualReportApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/publishing/annual-reports").RequireUnitStaff();
        api.MapGet("/{year:int}/applications", GetApplicationCounts);
        return api;
    }

    public sealed record ApplicationCounts(int Year, int NewApplications, IReadOnlyList<Guid> CaseIds);

    private static async Task<IResult> GetApplicationCounts(int year, PublishingDbContext db, CancellationToken ct)
    {
        if (year is < 2000 or > 2100)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["year"] = ["年份必须在 2000 至 2100 之间。"] });
        var caseIds = await db.CountedApplications.AsNoTracking().Where(c => c.Year == year)
            .OrderBy(c => c.CountedAt).Select(c => c.CaseId).ToListAsync(ct);
        return TypedResults.Ok(new ApplicationCounts(year, caseIds.Count, caseIds));
    }
}
