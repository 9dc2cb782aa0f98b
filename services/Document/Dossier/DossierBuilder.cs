using System.Text.Json;
using Gongkai.BuildingBlocks;
using Gongkai.BuildingBlocks.ServiceCalls;
using Gongkai.Document.Domain;
using Gongkai.Document.Infrastructure;
using Gongkai.Document.Issuing;
using Gongkai.ServiceDefaults;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Document.Dossier;

/// <summary>The outcome of assembling a case file.</summary>
public abstract record DossierBuild
{
    public sealed record NotFound(string Detail) : DossierBuild;

    /// <param name="Unavailable">Parts that could not be had for now (a service down or not configured); the
    /// export lists them as missing, the archive-time seal refuses to freeze without them.</param>
    public sealed record Built(byte[] Zip, DossierCatalogue Catalogue, string? CaseNumber, string Sha256, IReadOnlyList<string> Unavailable) : DossierBuild;
}

/// <summary>
/// Assembles the case file (一案一档) as one ZIP: the application and its attachments from Intake, every issued
/// document (PDF and DOCX, checked against the hash stored at issue), the delivery evidence, the case with its
/// timeline from Workflow and the review opinions from LegalReview (internal reads with the service's own
/// identity, so it needs no HTTP request and runs from a consumer too), and a catalogue listing each file with
/// its date and SHA-256. Reads the tenant's data through <see cref="DocumentDbContext"/> (scope's tenant).
/// </summary>
public sealed class DossierBuilder(DocumentDbContext db, IServiceProvider services, ServiceEndpoints endpoints, ILogger<DossierBuilder> logger)
{
    public async Task<DossierBuild> BuildAsync(Guid caseId, DateTimeOffset at, string by, CancellationToken ct)
    {
        var tenant = db.Tenant.Required;
        var documents = await db.Documents.AsNoTracking().Where(d => d.CaseId == caseId).OrderBy(d => d.IssuedAt).ToListAsync(ct);
        var files = new List<DossierFile>();
        var missing = new List<string>();
        var unavailable = new List<string>();

        // The case and the reviews come from their owners; a part that cannot be had is named, never silently left out.
        var caseJson = await InternalReadAsync("workflow", $"/internal/workflow/cases/{caseId}", tenant, ct);
        if (caseJson.Status == System.Net.HttpStatusCode.NotFound && documents.Count == 0)
            return new DossierBuild.NotFound("本单位没有该案件。");
        if (documents.Count == 0 && caseJson.Content is null)
            return new DossierBuild.NotFound("本单位没有该案件的文书。");
        var caseNumber = documents.Select(d => d.CaseNumber).FirstOrDefault(n => n is not null);
        if (caseJson.Content is { } caseContent)
        {
            caseNumber ??= TryString(caseContent, "caseNumber");
            files.Add(new DossierFile("02-办理过程/案件与办理时间线.json", "案件信息与办理时间线（登记、补正、征求意见、审查、答复、送达等）", "办理过程", null, caseContent, "workflow"));
        }
        else
            Missing(caseJson, $"案件信息与办理时间线：{caseJson.Problem}");

        // The application as registered (personal data masked by Intake) and its attachments, each checked against Intake's hash.
        if (caseJson.Content is { } forApplication && TryString(forApplication, "applicationId") is { } applicationId)
            await AddApplicationAsync(applicationId, tenant, files, missing, unavailable, ct);
        else
        {
            missing.Add("申请登记信息及附件：未能从案件信息中确定申请");
            if (caseJson.Content is null && caseJson.Status != System.Net.HttpStatusCode.NotFound)
                unavailable.Add("intake");
        }

        var reviews = await InternalReadAsync("legalreview", $"/internal/legalreview/cases/{caseId}/reviews", tenant, ct);
        if (reviews.Content is { } reviewContent)
            files.Add(new DossierFile("03-审查意见/审查意见.json", "保密审查、合法性审查和签发意见", "审查意见", null, reviewContent, "legalreview"));
        else
            Missing(reviews, $"审查意见：{reviews.Problem}");

        var stored = await db.Files.AsNoTracking().Where(f => documents.Select(d => d.Id).Contains(f.DocumentId)).ToListAsync(ct);
        var no = 0;
        foreach (var document in documents)
        {
            no++;
            foreach (var file in stored.Where(f => f.DocumentId == document.Id).OrderBy(f => f.Format == DocumentFile.Pdf ? 0 : 1))
            {
                // The stored bytes must still be what was issued.
                if (DocumentIssuer.Sha256(file.Content) != file.Sha256)
                {
                    missing.Add($"《{document.Title}》{document.DocumentNumber}（{file.Format}）：文件与出具时的 SHA-256 不一致，未纳入");
                    logger.LogError("Stored {Format} of document {DocumentId} no longer matches its SHA-256", file.Format, document.Id);
                    continue;
                }
                var name = $"01-文书/{no:D2}-{document.Title}{(document.DocumentNumber is null ? "" : "-" + document.DocumentNumber)}.{file.Format}";
                files.Add(new DossierFile(name, $"《{document.Title}》{document.DocumentNumber}", "文书", document.IssuedAt, file.Content, "document"));
            }
            if (!stored.Any(f => f.DocumentId == document.Id))
                missing.Add($"《{document.Title}》（{document.IssuedAt.ToOffset(ChinaTime.Offset):yyyy-MM-dd}）：出具于文书渲染上线之前，只有登记记录，没有文件");
        }

        var evidence = await db.DeliveryEvidence.AsNoTracking().Where(e => e.CaseId == caseId).OrderBy(e => e.UploadedAt).ThenBy(e => e.Id).ToListAsync(ct);
        no = 0;
        foreach (var item in evidence)
        {
            no++;
            if (DocumentIssuer.Sha256(item.Content) != item.Sha256)
            {
                missing.Add($"送达凭证“{item.FileName}”：文件与上传时的 SHA-256 不一致，未纳入");
                logger.LogError("Delivery evidence {EvidenceId} no longer matches its SHA-256", item.Id);
                continue;
            }
            var title = item.Note is null ? $"送达凭证：{item.FileName}" : $"送达凭证：{item.FileName}（{item.Note}）";
            files.Add(new DossierFile($"04-送达凭证/{no:D2}-{item.FileName}", title, "送达凭证", item.UploadedAt, item.Content, "document"));
        }
        if (evidence.Count == 0)
            missing.Add("送达凭证（挂号/EMS 回执、签收记录）：本案未上传");

        var (zip, catalogue) = DossierPackage.Build(tenant, caseId, caseNumber, at, by, [.. files.OrderBy(f => f.Path, StringComparer.Ordinal)], missing);
        return new DossierBuild.Built(zip, catalogue, caseNumber, DocumentIssuer.Sha256(zip), unavailable);

        void Missing(InternalRead read, string text)
        {
            missing.Add(text);
            if (read.Status != System.Net.HttpStatusCode.NotFound)
                unavailable.Add(text);
        }
    }

    private sealed record InternalRead(byte[]? Content, System.Net.HttpStatusCode? Status, string Problem);

    private async Task<InternalRead> InternalReadAsync(string service, string path, string tenant, CancellationToken ct)
    {
        if (!endpoints.IsDeployed(service))
            return new(null, null, $"本服务未配置 {service} 的地址");
        try
        {
            var client = services.GetRequiredService<InternalServiceClient>();
            var bytes = await client.GetBytesAsync(service, path, tenant, ct);
            // Re-indent for people who open the file; the hash in the catalogue is of these bytes.
            using var parsed = JsonDocument.Parse(bytes);
            return new(JsonSerializer.SerializeToUtf8Bytes(parsed.RootElement, DossierPackage.Json), System.Net.HttpStatusCode.OK, "");
        }
        catch (HttpRequestException ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return new(null, System.Net.HttpStatusCode.NotFound, $"{service} 中没有该案件的记录");
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or JsonException or TaskCanceledException)
        {
            logger.LogWarning(ex, "Dossier part from {Service} unavailable", service);
            return new(null, null, $"暂时无法从 {service} 取得（{ex.GetType().Name}）");
        }
    }

    private async Task AddApplicationAsync(string applicationId, string tenant, List<DossierFile> files, List<string> missing,
        List<string> unavailable, CancellationToken ct)
    {
        var application = await InternalReadAsync("intake", $"/internal/intake/applications/{applicationId}", tenant, ct);
        if (application.Content is not { } content)
        {
            missing.Add($"申请登记信息及附件：{application.Problem}");
            if (application.Status != System.Net.HttpStatusCode.NotFound)
                unavailable.Add($"申请登记信息及附件：{application.Problem}");
            return;
        }
        files.Add(new DossierFile("00-申请/申请登记信息.json", "政府信息公开申请登记信息（个人信息已遮蔽）", "申请", null, content, "intake"));
        using var view = JsonDocument.Parse(content);
        if (!view.RootElement.TryGetProperty("attachments", out var attachments) || attachments.ValueKind != JsonValueKind.Array)
            return;
        var client = services.GetRequiredService<InternalServiceClient>();
        var no = 0;
        foreach (var attachment in attachments.EnumerateArray())
        {
            no++;
            var id = attachment.GetProperty("id").GetString();
            var fileName = Safe(attachment.TryGetProperty("fileName", out var f) ? f.GetString() : null) ?? $"附件{no}";
            var expected = attachment.TryGetProperty("sha256", out var h) ? h.GetString() : null;
            try
            {
                var bytes = await client.GetBytesAsync("intake", $"/internal/intake/applications/{applicationId}/attachments/{id}", tenant, ct);
                if (expected is not null && DocumentIssuer.Sha256(bytes) != expected)
                {
                    missing.Add($"申请附件“{fileName}”：内容与登记时的 SHA-256 不一致，未纳入");
                    continue;
                }
                var uploaded = attachment.TryGetProperty("uploadedAt", out var u) && u.TryGetDateTimeOffset(out var at) ? at : (DateTimeOffset?)null;
                files.Add(new DossierFile($"00-申请/附件/{no:D2}-{fileName}", $"申请附件：{fileName}", "申请", uploaded, bytes, "intake"));
            }
            catch (HttpRequestException ex)
            {
                logger.LogWarning(ex, "Attachment {AttachmentId} unavailable for the dossier", id);
                missing.Add($"申请附件“{fileName}”：暂时无法从 intake 取得");
                unavailable.Add($"申请附件“{fileName}”");
            }
        }
    }

    private static string? Safe(string? fileName) =>
        string.IsNullOrWhiteSpace(fileName) ? null : new string([.. fileName.Where(c => !char.IsControl(c)).Select(c => c is '/' or '\\' ? '_' : c)]).Trim();

    /// <summary>A string property of the case, at the root or under "case" (Workflow's detail view).</summary>
    private static string? TryString(byte[] caseJson, string property)
    {
        using var document = JsonDocument.Parse(caseJson);
        foreach (var candidate in new[] { document.RootElement, document.RootElement.TryGetProperty("case", out var c) ? c : default })
            if (candidate.ValueKind == JsonValueKind.Object && candidate.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String)
                return value.GetString();
        return null;
    }
}
