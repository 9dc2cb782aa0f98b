using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gongkai.Portal.Pages;

/// <summary>A published annual report, drawn from the same layout as its PDF; ?version=N for a version a correction replaced.</summary>
public sealed class ReportModel(PublicApis apis) : PageModel
{
    public PublicApis.Report? Report { get; private set; }

    public async Task<IActionResult> OnGetAsync(string unit, int year, int? version, CancellationToken ct)
    {
        Report = year is >= 2008 and <= 2100 ? await apis.ReportAsync(unit, year, version, ct) : null;
        return Report is null ? NotFound() : Page();
    }
}
