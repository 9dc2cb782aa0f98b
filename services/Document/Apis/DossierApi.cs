using System.Security.Claims;
using System.Text.Json;
using Gongkai.BuildingBlocks;
using Gongkai.BuildingBlocks.ServiceCalls;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;
using Gongkai.Document.Domain;
using Gongkai.Document.Dossier;
using Gongkai.Document.Infrastructure;
using Gongkai.Document.Issuing;
using Gongkai.ServiceDefaults;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Document.Apis;

/// <summary>
/// The case file (一案一档) as one ZIP: the application and its attachments from Intake, every issued document (PDF
/// and DOCX, checked against the hash stored at issue), the case with its timeline from Workflow and the review
/// opinions from LegalReview (internal reads with the service's own identity), and a catalogue listing each file
/// with its date and SHA-256. Each export is audited.
/// </summary>
public static class DossierApi
{
    public static RouteGroupBuilder MapDossierApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/document/cases").RequireUnitStaff().LearnUnitName();
        api.MapGet("/{caseId:guid}/dossier", ExportDossier);
        return api;
    }

    private static async Task<IResult> ExportDossier(Guid caseId, DocumentDbContext db, ClaimsPrincipal user, HttpContext http,
        IServiceProvider services, ServiceEndpoints endpoints, TimeProvider clock, ILoggerFactory loggers, CancellationToken ct)
    {
        var tenant = db.Tenant.Required;
        var logger = loggers.CreateLogger("Gongkai.Document.Dossier");
        var documents = await db.Documents.AsNoTracking().Where(d => d.CaseId == caseId).OrderBy(d => d.IssuedAt).ToListAsync(ct);
        var files = new List<DossierFile>();
        var missing = new List<string>();

        // The case and the reviews come from their owners; a part that cannot be had is named, never silently left out.
        var caseJson = await InternalReadAsync(services, endpoints, "workflow", $"/internal/workflow/cases/{caseId}", tenant, logger, ct);
        if (caseJson.Status == System.Net.HttpStatusCode.NotFound && documents.Count == 0)
            return TypedResults.Problem(title: "案件不存在", detail: "本单位没有该案件。", statusCode: StatusCodes.Status404NotFound);
        if (documents.Count == 0 && caseJson.Content is null)
            return TypedResults.Problem(title: "案件不存在", detail: "本单位没有该案件的文书。", statusCode: StatusCodes.Status404NotFound);
        var caseNumber = documents.Select(d => d.CaseNumber).FirstOrDefault(n => n is not null);
        if (caseJson.Content is { } caseContent)
        {
            caseNumber ??= TryCaseNumber(caseContent);
            files.Add(new DossierFile("02-办理过程/案件与办理时间线.json", "案件信息与办理时间线（登记、补正、征求意见、审查、答复、送达等）", "办理过程", null, caseContent, "workflow"));
        }
        else
            missing.Add($"案件信息与办理时间线：{caseJson.Problem}");

        // The application as registered (personal data masked by Intake) and its attachments, each checked against Intake's hash.
        if (caseJson.Content is { } forApplication && TryString(forApplication, "applicationId") is { } applicationId)
            await AddApplicationAsync(services, endpoints, applicationId, tenant, files, missing, logger, ct);
        else
            missing.Add("申请登记信息及附件：未能从案件信息中确定申请");

        var reviews = await InternalReadAsync(services, endpoints, "legalreview", $"/internal/legalreview/cases/{caseId}/reviews", tenant, logger, ct);
        if (reviews.Content is { } reviewContent)
            files.Add(new DossierFile("03-审查意见/审查意见.json", "保密审查、合法性审查和签发意见", "审查意见", null, reviewContent, "legalreview"));
        else
            missing.Add($"审查意见：{reviews.Problem}");

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
        missing.Add("送达凭证（挂号/EMS 回执、签收记录）：尚未纳入导出");

        var now = clock.GetUtcNow();
        var (zip, catalogue) = DossierPackage.Build(tenant, caseId, caseNumber, now, user.ActorName(), [.. files.OrderBy(f => f.Path, StringComparer.Ordinal)], missing);
        db.AddIntegrationEvent(new AuditableActionOccurred(tenant, user.ActorName(), tenant, "dossier-exported", $"case:{caseId}",
            $"导出案卷 {caseNumber}：{catalogue.Items.Count} 个文件，ZIP SHA-256 {DocumentIssuer.Sha256(zip)}", http.ClientAddress(), now));
        await db.SaveChangesAsync(ct);
        http.Response.Headers["X-Content-SHA256"] = DocumentIssuer.Sha256(zip);
        return TypedResults.File(zip, "application/zip", $"案卷-{caseNumber ?? caseId.ToString()}.zip");
    }

    private sealed record InternalRead(byte[]? Content, System.Net.HttpStatusCode? Status, string Problem);

    private static async Task<InternalRead> InternalReadAsync(IServiceProvider services, ServiceEndpoints endpoints, string service, string path,
        string tenant, ILogger logger, CancellationToken ct)
    {
        if (endpoints.Find(service) is null)
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

    private static async Task AddApplicationAsync(IServiceProvider services, ServiceEndpoints endpoints, string applicationId, string tenant,
        List<DossierFile> files, List<string> missing, ILogger logger, CancellationToken ct)
    {
        var application = await InternalReadAsync(services, endpoints, "intake", $"/internal/intake/applications/{applicationId}", tenant, logger, ct);
        if (application.Content is not { } content)
        {
            missing.Add($"申请登记信息及附件：{application.Problem}");
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
            }
        }
    }

    private static string? Safe(string? fileName) =>
        string.IsNullOrWhiteSpace(fileName) ? null : new string([.. fileName.Where(c => !char.IsControl(c)).Select(c => c is '/' or '\\' ? '_' : c)]).Trim();

    private static string? TryCaseNumber(byte[] caseJson) => TryString(caseJson, "caseNumber");

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
