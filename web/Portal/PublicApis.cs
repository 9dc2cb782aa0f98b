using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gongkai.Contracts;

namespace Gongkai.Portal;

/// <summary>The services' public (anonymous) endpoints the portal's pages read, through service discovery.</summary>
public sealed class PublicApis(HttpClient http)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public sealed record Tracking(string State, DateOnly? LegalReceiptDate, DateOnly? ReplyDue, IReadOnlyList<string> Documents, bool ReplyAvailable);

    public sealed record ReportSummary(int Year, int Version, string Number, DateOnly PublishedOn, bool Superseded, string? CorrectionReason);

    public sealed record Report(string UnitCode, string UnitName, int Year, int Version, string Number, DateOnly PublishedOn, string Sha256, bool Superseded,
        string? CorrectionReason, ReportLayout Layout, string? PdfUrl, string? DocxUrl, string TablesXlsxUrl, string TablesCsvUrl);

    public sealed record GuideContent(string OfficeName, string Address, string? Postcode, string OfficeHours, string Phone, string? Fax, string? Email,
        string? OnlineApplicationUrl, string ClassificationHtml, string HowToObtainHtml, string ApplicationProcedureHtml, string FeesHtml, string RemediesHtml);

    public sealed record Guide(string UnitCode, string? UnitName, int Version, DateOnly UpdatedOn, GuideContent Content);

    public sealed record Unit(string Code, string Name, string Kind, string KindName, string? ParentCode);

    public sealed record Receipt(string ApplicationNumber, string QueryCode, string Status, DateOnly? LegalReceiptDate, string Message, IReadOnlyList<string> Warnings);

    /// <summary>What the online form got back: a receipt, or the problems by field (camelCase, as the API names them).</summary>
    public sealed record Submission(Receipt? Receipt, IReadOnlyDictionary<string, string[]> Errors, string? Problem);

    public sealed record PageOf<T>(int Page, int PageSize, int Total, IReadOnlyList<T> Items);

    public sealed record CatalogueEntry(Guid Id, string IndexNumber, string Title, string? Summary, string SubjectPath, string GenreName, string Publisher,
        DateOnly WrittenOn, string? DocumentNumber, string ValidityName, DateOnly PublishedOn, string UnitCode);

    public sealed record CatalogueAttachment(Guid Id, string FileName, string ContentType, long SizeBytes, string Sha256, string DownloadUrl);

    public sealed record CatalogueLink(Guid Id, string Title, string IndexNumber, DateOnly PublishedOn);

    public sealed record CatalogueItem(Guid Id, string IndexNumber, string Title, string? Summary, string SubjectPath, string GenreName, string Publisher,
        DateOnly WrittenOn, string? DocumentNumber, string ValidityName, string? ValidityNotice, string? DomainName, string BodyHtml,
        IReadOnlyList<string> Keywords, int Version, DateOnly FirstPublishedOn, DateOnly PublishedOn, string UnitCode,
        IReadOnlyList<CatalogueAttachment> Attachments, CatalogueLink? Interprets, IReadOnlyList<CatalogueLink> Interpretations);

    /// <summary>Every unit on the platform (public organs), in code order.</summary>
    public async Task<IReadOnlyList<Unit>> UnitsAsync(CancellationToken ct) =>
        await GetOrNullAsync<List<Unit>>($"http://{ResourceNames.Identity}/api/identity/public/units", ct) ?? [];

    /// <summary>
    /// Submits the online form. The idempotency key comes with the page, so pressing 提交 twice (or reloading the answer)
    /// registers one application and shows its receipt again.
    /// </summary>
    public async Task<Submission> ApplyAsync(object form, string idempotencyKey, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://{ResourceNames.Intake}/api/intake/public/applications")
        {
            Content = JsonContent.Create(form, options: Json),
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await http.SendAsync(request, ct);
        if (response.IsSuccessStatusCode)
            return new(await response.Content.ReadFromJsonAsync<Receipt>(Json, ct), new Dictionary<string, string[]>(), null);
        if ((int)response.StatusCode is 400 or 422 && await response.Content.ReadFromJsonAsync<ProblemBody>(Json, ct) is { } problem)
            return new(null, problem.Errors ?? [], problem.Detail ?? problem.Title);
        response.EnsureSuccessStatusCode();
        throw new UnreachableException();
    }

    private sealed record ProblemBody(string? Title, string? Detail, Dictionary<string, string[]>? Errors);

    /// <summary>The unit's published catalogue (and the units below it), newest first, with the API's filters.</summary>
    public Task<PageOf<CatalogueEntry>?> CatalogueAsync(string unit, string? q, int page, CancellationToken ct) =>
        GetOrNullAsync<PageOf<CatalogueEntry>>($"http://{ResourceNames.Publishing}/api/publishing/public/{Uri.EscapeDataString(unit)}/items?page={page}" +
            (string.IsNullOrWhiteSpace(q) ? "" : $"&q={Uri.EscapeDataString(q.Trim())}"), ct);

    public Task<CatalogueItem?> CatalogueItemAsync(string unit, Guid id, CancellationToken ct) =>
        GetOrNullAsync<CatalogueItem>($"http://{ResourceNames.Publishing}/api/publishing/public/{Uri.EscapeDataString(unit)}/items/{id}", ct);

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

    /// <summary>The reply letter as PDF, or null when there is none (yet) or the pair is wrong; an unavailable service throws.</summary>
    public async Task<byte[]?> ReplyAsync(string number, string queryCode, CancellationToken ct)
    {
        using var request = Tracked(number, queryCode, "/reply.pdf");
        using var response = await http.SendAsync(request, ct);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest)
            return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync(ct);
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
