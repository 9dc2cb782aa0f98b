using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using DocumentFormat.OpenXml.Packaging;
using Gongkai.Contracts;
using MassTransit;

namespace Gongkai.IntegrationTests;

/// <summary>Issued documents as the Document API shows them (the skeleton's six fields and what rendering added).</summary>
public sealed record IssuedFile(string Format, string MediaType, string Sha256, long Length, string Href);

public sealed record IssuedDocumentView(Guid Id, Guid CaseId, string Kind, string Title, DateTimeOffset IssuedAt, string? TraceId,
    string? DocumentNumber, string? CaseNumber, Guid? RequestId, string? TemplateKey, string? TemplateVersion, int? SettingsRevision,
    List<IssuedFile> Files);

/// <summary>Publishes DocumentRequested the way Workflow does, and reads what Document made of it.</summary>
public static class DocumentTestSupport
{
    public static async Task<IBusControl> StartBusAsync(PlatformFixture platform)
    {
        var broker = new Uri(platform.App.GetConnectionString("messaging"));
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host(broker.Host, (ushort)broker.Port, "/", h => { h.Username("guest"); h.Password("guest"); }));
        await bus.StartAsync();
        return bus;
    }

    public static DocumentRequested Request(string unit, CaseSummary @case, string kind, string applicant, Dictionary<string, string> fields) =>
        new(Guid.NewGuid(), @case.Id, @case.ApplicationId, unit, kind, @case.CaseNumber, applicant, @case.ReceivedOn, fields, DateTimeOffset.UtcNow);

    public static Task PublishAsync(IBus bus, DocumentRequested request) =>
        bus.Publish(request, context => context.Headers.Set(TenantHeaders.Message, request.TenantId));

    /// <summary>Publishes the requests all at once and waits until every one of them is issued (a backlog may be long).</summary>
    public static async Task<List<IssuedDocumentView>> PublishAllAndWaitAsync(PlatformFixture platform, HttpClient reader, Guid caseId, IReadOnlyList<DocumentRequested> requests)
    {
        var bus = await StartBusAsync(platform);
        try
        {
            await Task.WhenAll(requests.Select(r => PublishAsync(bus, r)));
        }
        finally
        {
            await bus.StopAsync();
        }
        var ids = requests.Select(r => r.RequestId).ToHashSet();
        return await PlatformFixture.EventuallyAsync(async () =>
        {
            var issued = (await ListAsync(reader, caseId)).Where(d => d.RequestId is { } id && ids.Contains(id)).ToList();
            return issued.Count == ids.Count ? issued : null;
        }, PlatformFixture.DocumentBacklogWait, $"{ids.Count} issued documents");
    }

    /// <summary>A registered application's case in <paramref name="unit"/>.</summary>
    public static async Task<CaseSummary> NewCaseAsync(PlatformFixture platform, string unit)
    {
        using var registrar = await platform.ClientAsync(unit, "registrar");
        var registered = await platform.RegisterAsync(registrar);
        return await Cases.WaitForCaseAsync(registrar, registered.Id, PlatformFixture.EventWait);
    }

    public static async Task<List<IssuedDocumentView>> ListAsync(HttpClient client, Guid caseId) =>
        (await client.GetFromJsonAsync<List<IssuedDocumentView>>($"/api/document/documents?caseId={caseId}", PlatformFixture.Json))!;

    public static Task<IssuedDocumentView> WaitForAsync(HttpClient client, Guid caseId, Guid requestId, TimeSpan? timeout = null) =>
        PlatformFixture.EventuallyAsync(async () => (await ListAsync(client, caseId)).SingleOrDefault(d => d.RequestId == requestId),
            timeout ?? PlatformFixture.DocumentWait, $"the document of request {requestId}");

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>The PDF's text as poppler's pdftotext extracts it, with line breaks and spaces removed (letters wrap anywhere).</summary>
    public static async Task<string> PdfTextAsync(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"gongkai-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-enc", "UTF-8", file, "-"])
            {
                RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = System.Text.Encoding.UTF8,
            })!;
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"pdftotext failed: {await process.StandardError.ReadToEndAsync()}");
            return Squeeze(text);
        }
        finally
        {
            File.Delete(file);
        }
    }

    public static async Task<int> PdfPagesAndImagesAsync(byte[] pdf, string tool)
    {
        var file = Path.Combine(Path.GetTempPath(), $"gongkai-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo(tool, tool == "pdfimages" ? ["-list", file] : [file]) { RedirectStandardOutput = true })!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return tool == "pdfimages"
                ? output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 2
                : int.Parse(output.Split('\n').Single(l => l.StartsWith("Pages:", StringComparison.Ordinal))["Pages:".Length..].Trim());
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The DOCX's text read with the Open XML SDK, paragraphs joined, spaces removed.</summary>
    public static string DocxText(byte[] docx)
    {
        using var stream = new MemoryStream(docx);
        using var document = WordprocessingDocument.Open(stream, false);
        var paragraphs = document.MainDocumentPart!.Document.Body!.Elements<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText);
        return Squeeze(string.Join("\n", paragraphs));
    }

    public static string Squeeze(string text) => new([.. text.Where(c => !char.IsWhiteSpace(c))]);

    // A 1×1 transparent PNG: enough to prove a unit's seal image reaches the letter.
    public static readonly byte[] TinyPng = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
}
