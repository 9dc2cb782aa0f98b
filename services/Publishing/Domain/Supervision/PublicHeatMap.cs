namespace Gongkai.Publishing.Domain.Supervision;

/// <summary>
/// A heat map the district published after analysis (双流's practice): counts only, cells under the minimum left out, one
/// per district and year (a newer publication replaces it). Not tenant-owned: it is public.
/// </summary>
public sealed class PublicHeatMap
{
    public string DistrictCode { get; init; } = "";
    public int Year { get; init; }
    public string DistrictName { get; set; } = "";
    public int MinimumCount { get; set; }
    public List<PublicHeatCell> Cells { get; set; } = [];
    public Dictionary<string, string> UnitNames { get; set; } = [];
    public DateTimeOffset PublishedAt { get; set; }
}
