using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gongkai.Portal.Pages;

/// <summary>A unit's 政府信息公开目录 (with the units below it), newest first, searchable by words.</summary>
public sealed class CatalogueModel(PublicApis apis) : PageModel
{
    public string Unit { get; private set; } = "";
    public string? UnitName { get; private set; }
    public string? Query { get; private set; }
    public PublicApis.PageOf<PublicApis.CatalogueEntry>? Items { get; private set; }
    public bool BadQuery { get; private set; }

    public int Pages => Items is null ? 0 : Math.Max(1, (Items.Total + Items.PageSize - 1) / Items.PageSize);

    public async Task<IActionResult> OnGetAsync(string unit, string? q, int? page, CancellationToken ct)
    {
        Unit = unit;
        Query = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        UnitName = (await apis.UnitsAsync(ct)).FirstOrDefault(u => u.Code == unit)?.Name;
        if (UnitName is null)
            return NotFound();
        Items = await apis.CatalogueAsync(unit, Query, Math.Clamp(page ?? 1, 1, 10_000), ct);
        BadQuery = Items is null;
        return Page();
    }

    public string PageLink(int page) => $"?page={page}" + (Query is null ? "" : $"&q={Uri.EscapeDataString(Query)}");
}
