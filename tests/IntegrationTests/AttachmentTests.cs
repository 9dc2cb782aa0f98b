using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Npgsql;
using static Gongkai.IntegrationTests.Problems;

namespace Gongkai.IntegrationTests;

/// <summary>
/// Attachments of catalogue items through the gateway: uploads checked by content and size, publication through the
/// real review chain, anonymous downloads of the published version, versions and unit isolation.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class AttachmentTests(PlatformFixture platform)
{
    private const long MaxBytes = 20 * 1024 * 1024;

    [Fact]
    public async Task Attachments_checked_by_content_are_published_with_the_item_and_downloaded_anonymously_with_their_sha256()
    {
        using var registrar = await platform.ClientAsync(PlatformFixture.TenantA, "registrar");
        var id = await PublishingTests.CreateDraftAsync(registrar, "东升街道2026年度惠民资金发放情况的公示");
        var pdf = Pdf();
        var docx = Docx();
        var uploadedPdf = await UploadAsync(registrar, id, "惠民资金发放明细（第一批）.pdf", pdf, "application/octet-stream");
        await UploadAsync(registrar, id, "说明.docx", docx);
        Assert.Equal(Sha256(pdf), uploadedPdf.GetProperty("sha256").GetString());
        Assert.Equal("Pdf", uploadedPdf.GetProperty("type").GetString());

        // What the name or the declared type claims does not count: a program or a web page is refused, nothing stored.
        await AssertRefusedAsync(await PostFileAsync(registrar, id, "明细.pdf", [0x4D, 0x5A, 0x90, 0x00, .. RandomBytes(64)], "application/pdf"), "file");
        await AssertRefusedAsync(await PostFileAsync(registrar, id, "说明.docx",
            Encoding.UTF8.GetBytes("<html><script>alert(document.cookie)</script></html>"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"), "file");
        var listed = await ListAsync(registrar, id);
        Assert.Equal(new[] { "惠民资金发放明细（第一批）.pdf", "说明.docx" }, listed.Select(a => a.GetProperty("fileName").GetString()));
        Assert.Equal(2, await StoredContentsAsync(PlatformFixture.TenantA, id));

        await ReviewChain.ApproveAsync(platform, PlatformFixture.TenantA, id, await PublishingTests.SubmitAsync(registrar, id));
        await PublishingTests.WaitForStateAsync(registrar, id, "Published");

        // The district's portal lists and serves its township's attachments.
        using var anonymous = platform.Anonymous();
        var item = await anonymous.GetFromJsonAsync<JsonElement>($"/api/publishing/public/{PlatformFixture.District}/items/{id}");
        var attachments = item.GetProperty("attachments").EnumerateArray().ToList();
        Assert.Equal(new[] { Sha256(pdf), Sha256(docx) }, attachments.Select(a => a.GetProperty("sha256").GetString()));
        var link = attachments[0].GetProperty("downloadUrl").GetString()!;

        var download = await anonymous.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var bytes = await download.Content.ReadAsByteArrayAsync();
        Assert.Equal(pdf, bytes);
        Assert.Equal(Sha256(pdf), Sha256(bytes));
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("惠民资金发放明细（第一批）.pdf", download.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("nosniff", Assert.Single(download.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal($"\"{Sha256(pdf)}\"", download.Headers.ETag?.Tag);

        using var again = new HttpRequestMessage(HttpMethod.Get, link);
        again.Headers.IfNoneMatch.Add(download.Headers.ETag!);
        var notModified = await anonymous.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        var docxDownload = await anonymous.GetAsync(attachments[1].GetProperty("downloadUrl").GetString());
        Assert.Equal(docx, await docxDownload.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docxDownload.Content.Headers.ContentType?.MediaType);

        // Published: the attachments stay as they are until an edit starts the next version.
        Assert.Equal(HttpStatusCode.Conflict, (await PostFileAsync(registrar, id, "补充.pdf", Pdf())).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await registrar.DeleteAsync($"/api/publishing/items/{id}/attachments/{attachments[0].GetProperty("id").GetGuid()}")).StatusCode);
    }

    [Fact]
    public async Task A_file_of_the_size_limit_passes_the_gateway_and_a_byte_more_is_refused_naming_the_limit()
    {
        using var registrar = await platform.ClientAsync(PlatformFixture.TenantB, "registrar");
        var id = await PublishingTests.CreateDraftAsync(registrar, "西航港街道2026年城市更新规划图集", "成都市双流区人民政府西航港街道办事处");
        var largest = Pdf(MaxBytes);
        var stored = await UploadAsync(registrar, id, "规划图集.pdf", largest);
        Assert.Equal(MaxBytes, stored.GetProperty("sizeBytes").GetInt64());

        var tooLarge = await PostFileAsync(registrar, id, "规划图集（高清）.pdf", Pdf(MaxBytes + 1));
        await AssertRefusedAsync(tooLarge, "file");
        Assert.Contains("20 MB", await tooLarge.Content.ReadAsStringAsync());
        Assert.Single(await ListAsync(registrar, id));
        Assert.Equal(1, await StoredContentsAsync(PlatformFixture.TenantB, id));

        var download = await registrar.GetAsync(stored.GetProperty("downloadUrl").GetString());
        Assert.Equal(Sha256(largest), Sha256(await download.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task A_new_version_may_remove_an_attachment_while_the_published_version_still_serves_it()
    {
        using var registrar = await platform.ClientAsync(PlatformFixture.TenantA, "registrar");
        var id = await PublishingTests.CreateDraftAsync(registrar, "东升街道2026年第三季度财政预算执行情况");
        var keep = await UploadAsync(registrar, id, "执行情况.pdf", Pdf());
        var dropped = await UploadAsync(registrar, id, "明细表.pdf", Pdf());
        await ReviewChain.ApproveAsync(platform, PlatformFixture.TenantA, id, await PublishingTests.SubmitAsync(registrar, id));
        await PublishingTests.WaitForStateAsync(registrar, id, "Published");

        // Editing starts version 2 with both attachments carried over; one is removed there, one added.
        var edit = await registrar.PutAsJsonAsync($"/api/publishing/items/{id}", PublishingTests.Draft("东升街道2026年第三季度财政预算执行情况（更正）"));
        Assert.True(edit.IsSuccessStatusCode, await edit.Content.ReadAsStringAsync());
        Assert.Equal(2, (await ListAsync(registrar, id)).Count);
        var droppedId = dropped.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await registrar.DeleteAsync($"/api/publishing/items/{id}/attachments/{droppedId}")).StatusCode);
        var added = await UploadAsync(registrar, id, "更正说明.pdf", Pdf());
        Assert.Equal(new[] { "执行情况.pdf", "更正说明.pdf" }, (await ListAsync(registrar, id)).Select(a => a.GetProperty("fileName").GetString()));

        using var anonymous = platform.Anonymous();
        var publicLink = $"/api/publishing/public/{PlatformFixture.TenantA}/items/{id}/attachments/{droppedId}";
        var stillPublic = await anonymous.GetAsync(publicLink);
        Assert.Equal(HttpStatusCode.OK, stillPublic.StatusCode);
        Assert.Equal(dropped.GetProperty("sha256").GetString(), Sha256(await stillPublic.Content.ReadAsByteArrayAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(
            $"/api/publishing/public/{PlatformFixture.TenantA}/items/{id}/attachments/{added.GetProperty("id").GetGuid()}")).StatusCode);

        await ReviewChain.ApproveAsync(platform, PlatformFixture.TenantA, id, await PublishingTests.SubmitAsync(registrar, id));
        await PlatformFixture.EventuallyAsync(async () =>
            (await PublishingTests.GetItemAsync(registrar, id)).GetProperty("publishedVersion").GetInt32() == 2 ? "v2" : null,
            PlatformFixture.EventWait, "version 2 published");

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(publicLink)).StatusCode);
        var shown = await anonymous.GetFromJsonAsync<JsonElement>($"/api/publishing/public/{PlatformFixture.TenantA}/items/{id}");
        Assert.Equal(new[] { keep.GetProperty("id").GetGuid(), added.GetProperty("id").GetGuid() },
            shown.GetProperty("attachments").EnumerateArray().Select(a => a.GetProperty("id").GetGuid()));
        // The history keeps each version's own list, and staff still download what version 1 published.
        var history = await registrar.GetFromJsonAsync<JsonElement>($"/api/publishing/items/{id}/versions");
        Assert.Equal(new[] { new[] { "执行情况.pdf", "明细表.pdf" }, new[] { "执行情况.pdf", "更正说明.pdf" } }, history.GetProperty("versions").EnumerateArray()
            .Select(v => v.GetProperty("attachments").EnumerateArray().Select(a => a.GetProperty("fileName").GetString()).ToArray()).ToArray());
        Assert.Equal(HttpStatusCode.OK, (await registrar.GetAsync(dropped.GetProperty("downloadUrl").GetString())).StatusCode);
    }

    [Fact]
    public async Task Another_unit_gets_404_on_upload_and_download_and_the_public_sees_no_draft_attachment()
    {
        using var registrar = await platform.ClientAsync(PlatformFixture.TenantA, "registrar");
        var id = await PublishingTests.CreateDraftAsync(registrar, "东升街道尚未公开的附件草稿");
        var attachment = await UploadAsync(registrar, id, "草稿.pdf", Pdf());
        var link = attachment.GetProperty("downloadUrl").GetString()!;

        using var otherUnit = await platform.ClientAsync(PlatformFixture.TenantB, "registrar");
        Assert.Equal(HttpStatusCode.NotFound, (await PostFileAsync(otherUnit, id, "混入.pdf", Pdf())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherUnit.GetAsync(link)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherUnit.GetAsync($"/api/publishing/items/{id}/attachments")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherUnit.DeleteAsync(link)).StatusCode);
        Assert.Single(await ListAsync(registrar, id));

        using var anonymous = platform.Anonymous();
        foreach (var unit in new[] { PlatformFixture.TenantA, PlatformFixture.District, PlatformFixture.TenantB })
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/publishing/public/{unit}/items/{id}/attachments/{attachment.GetProperty("id").GetGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(link)).StatusCode);

        // The approver signs off through the review chain only: no uploads of their own.
        using var approver = await platform.ClientAsync(PlatformFixture.TenantA, "approver");
        Assert.Equal(HttpStatusCode.Forbidden, (await PostFileAsync(approver, id, "负责人.pdf", Pdf())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await approver.GetAsync(link)).StatusCode);
    }

    // ---- helpers ----

    private static byte[] RandomBytes(int count) => RandomNumberGenerator.GetBytes(count);

    /// <summary>A PDF signature and random bytes (distinct per call, so hashes never collide across tests).</summary>
    private static byte[] Pdf(long size = 4096)
    {
        var bytes = new byte[size];
        RandomNumberGenerator.Fill(bytes);
        "%PDF-1.7\n"u8.CopyTo(bytes);
        return bytes;
    }

    private static byte[] Docx()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, text) in new[] { ("[Content_Types].xml", "<Types/>"), ("word/document.xml", $"<w:document>{Guid.NewGuid()}</w:document>") })
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(text);
            }
        return buffer.ToArray();
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static async Task<HttpResponseMessage> PostFileAsync(HttpClient client, Guid id, string fileName, byte[] bytes, string contentType = "application/pdf")
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        form.Add(file, "file", fileName);
        return await client.PostAsync($"/api/publishing/items/{id}/attachments", form);
    }

    private static async Task<JsonElement> UploadAsync(HttpClient client, Guid id, string fileName, byte[] bytes, string contentType = "application/pdf")
    {
        var response = await PostFileAsync(client, id, fileName, bytes, contentType);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<List<JsonElement>> ListAsync(HttpClient client, Guid id) =>
        (await client.GetFromJsonAsync<List<JsonElement>>($"/api/publishing/items/{id}/attachments"))!;

    /// <summary>Rows of attachment bytes the database store holds for the item (read as its unit, row-level security applies).</summary>
    private async Task<long> StoredContentsAsync(string tenant, Guid itemId)
    {
        await using var connection = new NpgsqlConnection(platform.App.GetConnectionString("publishingdb-admin"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT set_config('app.tenant_id', @tenant, false);
            SELECT count(*) FROM item_attachment_contents c JOIN item_attachments a ON a.id = c.attachment_id WHERE a.item_id = @item;
            """, connection);
        command.Parameters.AddWithValue("tenant", tenant);
        command.Parameters.AddWithValue("item", itemId);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.NextResultAsync();
        await reader.ReadAsync();
        return reader.GetInt64(0);
    }
}
