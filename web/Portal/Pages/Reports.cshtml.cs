using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gongkai.Portal.Pages;

public sealed class ReportsModel(PublicApis apis) : PageModel
{
    public string? Unit { get; private set; }
    public IReadOnlyList<PublicApis.ReportSummary> Reports { get; private set; } = [];

    public async Task OnGetAsync(string? unit, CancellationToken ct)
    {
        Unit = string.IsNullOrWhiteSpace(unit) ? null : unit.Trim();
        if (Unit is not null)
            Reports = await apis.ReportsAsync(Unit, ct);
    }
}
