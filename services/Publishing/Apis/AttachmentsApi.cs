using System.Security.Claims;
using System.Security.Cryptography;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Publishing.Catalogue;
using Gongkai.Publishing.Domain.Catalogue;
using Gongkai.Publishing.Infrastructure;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Gongkai.Publishing.Apis;

/// <summary>
/// Attachments of catalogue items: staff add and remove them on a draft (multipart/form-data, field <c>file</c>) and
/// download any version's; the public downloads those of the published version, anonymously. Downloads carry the
/// SHA-256 as a strong ETag and are always sent as attachments of their detected type, never sniffed or shown inline.
/// </summary>
public static class AttachmentsApi
{
    /// <summary>Room for the multipart framing around a file of the largest allowed size.</summary>
    public const long FormOverheadBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapAttachmentsApi(this IEndpointRouteBuilder app)
    {
        var maxBody = app.ServiceProvider.GetRequiredService<AttachmentOptions>().MaxBytes + FormOverheadBytes;
        var staff = app.MapGroup("/api/publishing/items/{id:guid}/attachments");
        staff.MapGet("/", List).RequireUnitStaff();
        staff.MapPost("/", Upload).RequireUnitStaff(ItemsApi.Drafters).DisableAntiforgery()
            .WithMetadata(new BodySizeLimit(maxBody)).WithFormOptions(multipartBodyLengthLimit: maxBody);
        staff.MapGet("/{attachmentId:guid}", Download).RequireUnitStaff();
        staff.MapDelete("/{attachmentId:guid}", Remove).RequireUnitStaff(ItemsApi.Drafters);
        app.MapGet("/api/publishing/public/{unit}/items/{itemId:guid}/attachments/{attachmentId:guid}", PublicDownload).AllowAnonymous();
        return app;
    }

    /// <summary>Kestrel's default body limit (≈28.6 MB) would cap a configured size above it; the upload route says its own.</summary>
    private sealed record BodySizeLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;

    /// <summary>The attachments of the item's current version (the draft being worked on, or the published one).</summary>
    private static async Task<IResult> List(Guid id, PublishingDbContext db, CancellationToken ct)
    {
        var version = await db.Items.Where(i => i.Id == id).Select(i => (int?)i.Version).SingleOrDefaultAsync(ct);
        if (version is null)
            return ItemsApi.NotFound();
        var attachments = await db.Attachments.AsNoTracking().Where(ItemAttachment.OfVersion(id, version.Value)).OrderBy(a => a.AddedAt).ToListAsync(ct);
        return TypedResults.Ok(attachments.Select(ItemViews.Attachment).ToList());
    }

    private static async Task<IResult> Upload(Guid id, IFormFile? file, PublishingDbContext db, IAttachmentStore store, AttachmentOptions options,
        ClaimsPrincipal user, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var item = await db.Items.SingleOrDefaultAsync(i => i.Id == id, ct);
        if (item is null)
            return ItemsApi.NotFound();
        if (file is null || file.Length == 0)
            return Refused("请以表单字段 file 上传文件。");
        if (file.Length > options.MaxBytes)
            return Refused($"文件不能超过 {options.MaxBytes / 1048576.0:0.##} MB。");
        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
            await stream.ReadExactlyAsync(content, ct);
        if (AttachmentFormats.Detect(content) is not { } type)
            return Refused(AttachmentFormats.Accepted);
        var (name, problem) = AttachmentFileName.Clean(file.FileName, type);
        if (name is null)
            return Refused(problem!);
        if (await db.Attachments.CountAsync(ItemAttachment.OfVersion(id, item.Version), ct) >= options.MaxPerItem)
            return Refused($"每条信息最多 {options.MaxPerItem} 个附件。");

        var now = clock.GetUtcNow();
        ItemAttachment attachment;
        try
        {
            attachment = item.Attach(Guid.NewGuid(), name, type, content.Length, Convert.ToHexStringLower(SHA256.HashData(content)), user.ActorName(), now);
        }
        catch (ItemRuleException e)
        {
            return ItemsApi.Conflict(e.Message);
        }
        db.Attachments.Add(attachment);
        await store.SaveAsync(attachment.Id, attachment.Sha256, content, ct);
        ItemsApi.Audit(db, user, http, now, "catalogue-attachment-added", item.Id, $"添加附件（第 {item.Version} 版）：{name}");
        return await ItemsApi.SaveAsync(db, ct)
            ?? TypedResults.Created($"/api/publishing/items/{id}/attachments/{attachment.Id}", ItemViews.Attachment(attachment));
    }

    /// <summary>Takes an attachment off the draft; a version already published keeps it.</summary>
    private static async Task<IResult> Remove(Guid id, Guid attachmentId, PublishingDbContext db, ClaimsPrincipal user, HttpContext http,
        TimeProvider clock, CancellationToken ct)
    {
        var item = await db.Items.SingleOrDefaultAsync(i => i.Id == id, ct);
        var attachment = item is null ? null
            : await db.Attachments.Where(ItemAttachment.OfVersion(id, item.Version)).SingleOrDefaultAsync(a => a.Id == attachmentId, ct);
        if (item is null || attachment is null)
            return TypedResults.Problem(title: "附件不存在", detail: "该信息当前版本中没有这个附件。", statusCode: StatusCodes.Status404NotFound);
        var now = clock.GetUtcNow();
        try
        {
            if (item.Detach(attachment, user.ActorName(), now))
                db.Attachments.Remove(attachment);
        }
        catch (ItemRuleException e)
        {
            return ItemsApi.Conflict(e.Message);
        }
        ItemsApi.Audit(db, user, http, now, "catalogue-attachment-removed", item.Id, $"删除附件（第 {item.Version} 版）：{attachment.FileName}");
        return await ItemsApi.SaveAsync(db, ct) ?? TypedResults.NoContent();
    }

    /// <summary>Any version's attachment, for the unit's staff.</summary>
    private static async Task<IResult> Download(Guid id, Guid attachmentId, PublishingDbContext db, IAttachmentStore store, HttpContext http,
        CancellationToken ct)
    {
        var a = await db.Attachments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == attachmentId && a.ItemId == id, ct);
        if (a is null)
            return TypedResults.Problem(title: "附件不存在", statusCode: StatusCodes.Status404NotFound);
        return await ServeAsync(http, a.Id, a.FileName, a.Type, a.Sha256, "private, no-cache", () => store.OpenReadAsync(a.Id, a.Sha256, ct));
    }

    /// <summary>
    /// An attachment of the published version of an item in the unit's public catalogue (a district's includes its
    /// townships'); anything else, a withdrawn item's included, is 404. The public copy names the attachment; its bytes
    /// are the publishing unit's, read as that unit (row-level security still applies) for exactly that attachment.
    /// </summary>
    private static async Task<IResult> PublicDownload(string unit, Guid itemId, Guid attachmentId, PublishingDbContext db, IServiceScopeFactory scopes,
        HttpContext http, CancellationToken ct)
    {
        var published = await db.PublicItems.AsNoTracking().Where(p => p.ItemId == itemId && (p.UnitCode == unit || p.ParentUnitCode == unit))
            .Select(p => new { p.UnitCode, p.Attachments }).SingleOrDefaultAsync(ct);
        if (published?.Attachments.FirstOrDefault(a => a.Id == attachmentId) is not { } a)
            return TypedResults.Problem(title: "附件不存在", detail: "该附件不存在或未公开。", statusCode: StatusCodes.Status404NotFound);
        return await ServeAsync(http, a.Id, a.FileName, a.Type, a.Sha256, "public, max-age=60", async () =>
        {
            await using var scope = scopes.CreateTenantScope(published.UnitCode);
            return await scope.ServiceProvider.GetRequiredService<IAttachmentStore>().OpenReadAsync(a.Id, a.Sha256, ct);
        });
    }

    private static async Task<IResult> ServeAsync(HttpContext http, Guid id, string fileName, AttachmentType type, string sha256, string cacheControl,
        Func<Task<Stream?>> open)
    {
        var etag = new EntityTagHeaderValue($"\"{sha256}\"");
        var headers = http.Response.Headers;
        headers.ETag = etag.ToString();
        headers.CacheControl = cacheControl;
        headers.XContentTypeOptions = "nosniff";
        // Should a browser render it after all (a PDF viewer, an SVG-like trick), it runs with no origin and no scripts.
        headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        if (http.Request.GetTypedHeaders().IfNoneMatch.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(etag, useStrongComparison: true)))
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        var content = await open() ?? throw new InvalidOperationException($"The bytes of attachment {id} (sha256 {sha256}) are missing from the store.");
        // fileDownloadName: Content-Disposition attachment with an ASCII filename and the UTF-8 filename* (RFC 5987/6266).
        return TypedResults.Stream(content, AttachmentFormats.ContentType(type), fileDownloadName: fileName);
    }

    private static IResult Refused(string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [message] }, title: "附件有误，未保存");
}
