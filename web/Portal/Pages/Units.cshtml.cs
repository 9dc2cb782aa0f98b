using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gongkai.Portal.Pages;

/// <summary>The district and the units under it, each with its guide, online application, catalogue and annual reports.</summary>
public sealed class UnitsModel(PublicApis apis) : PageModel
{
    public IReadOnlyList<PublicApis.Unit> Units { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Units = await apis.UnitsAsync(ct);

    public IEnumerable<PublicApis.Unit> Roots => Units.Where(u => u.ParentCode is null || Units.All(p => p.Code != u.ParentCode));

    public IEnumerable<PublicApis.Unit> ChildrenOf(string code) => Units.Where(u => u.ParentCode == code);
}
