using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gongkai.Portal.Pages;

/// <summary>A unit's page: its 政府信息公开指南 in force (contacts, hours, how to apply, fees, remedies).</summary>
public sealed class UnitModel(PublicApis apis) : PageModel
{
    public PublicApis.Guide? Guide { get; private set; }

    public async Task<IActionResult> OnGetAsync(string unit, CancellationToken ct)
    {
        Guide = await apis.GuideAsync(unit, ct);
        return Guide is null ? NotFound() : Page();
    }
}
