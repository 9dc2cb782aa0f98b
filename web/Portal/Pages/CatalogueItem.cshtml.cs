using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gongkai.Portal.Pages;

/// <summary>One published item: its 索引号 and metadata, the body (sanitised by Publishing when saved), attachments and interpretations.</summary>
public sealed class CatalogueItemModel(PublicApis apis) : PageModel
{
    public string Unit { get; private set; } = "";
    public PublicApis.CatalogueItem? Item { get; private set; }

    public async Task<IActionResult> OnGetAsync(string unit, Guid id, CancellationToken ct)
    {
        Unit = unit;
        Item = await apis.CatalogueItemAsync(unit, id, ct);
        return Item is null ? NotFound() : Page();
    }
}
