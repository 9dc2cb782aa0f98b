using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gongkai.Contracts;

namespace Gongkai.Portal;

/// <summary>The services' public (anonymous) endpoints the portal's pages read, through service discovery.</summary>
public sealed class PublicApis(HttpClient http)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public sealed record Tracking(string State, DateOnly? LegalReceiptDate, DateOnly? ReplyDue, IReadOnlyList<string> Documents);

    public sealed record ReportSummary(int Year, int Version, string Number, DateOnly PublishedOn, bool Superseded, string? CorrectionReason);

    public sealed record Report(string UnitCode, string UnitName, int Year, int Version, string Number, DateOnly PublishedOn, string Sha256, bool Superseded,
        string? CorrectionReason, ReportLayout Layout, string? PdfUrl, string? DocxUrl, string TablesXlsxUrl, string TablesCsvUrl);

    public sealed record GuideContent(string OfficeName, string Address, string? Postcode, string OfficeHours, string Phone, string? Fax, string? Email,
        string? OnlineApplicationUrl, string ClassificationHtml, string HowToObtainHtml, string ApplicationProcedureHtml, string FeesHtml, string RemediesHtml);

    public sealed record Guide(string UnitCode, string? UnitName, int Version, DateOnly UpdatedOn, GuideContent Content);

    /// <summary>The unit's 政府信息公开指南 in force (its HTML sections were sanitised when the unit saved them), or null.</summary>
    public Task<Guide?> GuideAsync(string unit, CancellationToken ct) =>
        GetOrNullAsync<Guide>($"http://{ResourceNames.Publishing}/api/publishing/public/{Uri.EscapeDataString(unit)}/guide", ct);

    /// <summary>The application's progress, or null for a wrong number or code (the same answer for both).</summary>
    public async Task<Tracking?> TrackAsync(string number, string queryCode, CancellationToken ct)
    {
        using var request = Tracked(number, queryCode, "");
        using var response = await http.SendAsync(request, ct);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest)
            return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<Tracking>(Json, ct);
    }

    /// <summary>The reply letter as PDF, or null when there is none (yet) or the pair is wrong.</summary>
    public async Task<byte[]?> ReplyAsync(string number, string queryCode, CancellationToken ct)
    {
        using var request = Tracked(number, queryCode, "/reply.pdf");
        using var response = await http.SendAsync(request, ct);
        return response.IsSuccessStatusCode ? await response.Content.ReadAsByteArrayAsync(ct) : null;
    }

    private static HttpRequestMessage Tracked(string number, string queryCode, string suffix)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"http://{ResourceNames.Intake}/api/intake/public/applications/{Uri.EscapeDataString(number.Trim())}{suffix}");
        request.Headers.Add("X-Query-Code", queryCode.Trim());
        return request;
    }

    public async Task<IReadOnlyList<ReportSummary>> ReportsAsync(string unit, CancellationToken ct) =>
        await GetOrNullAsync<List<ReportSummary>>($"http://{ResourceNames.Publishing}/api/publishing/public/{Uri.EscapeDataString(unit)}/annual-reports", ct) ?? [];

    public Task<Report?> ReportAsync(string unit, int year, int? version, CancellationToken ct) =>
        GetOrNullAsync<Report>($"http://{ResourceNames.Publishing}/api/publishing/public/{Uri.EscapeDataString(unit)}/annual-reports/{year}" +
            (version is { } v ? $"?version={v}" : ""), ct);

    private async Task<T?> GetOrNullAsync<T>(string url, CancellationToken ct)
    {
        using var response = await http.GetAsync(url, ct);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest)
            return default;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<T>(Json, ct);
    }
}
