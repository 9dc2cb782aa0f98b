using System.IO.Compression;
using System.Net.Http.Json;
using System.Text.Json;
using static Gongkai.IntegrationTests.DocumentTestSupport;

namespace Gongkai.IntegrationTests;

/// <summary>
/// One case from the counter to the archive, through the gateway only: registration, decision, a legal review
/// returned once, resubmitted and approved, the reply rendered (DOCX and PDF), delivered, closed, archived, and
/// the case file exported with every hash checked.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class CaseEndToEndTests(PlatformFixture platform)
{
    private static readonly Dictionary<string, object> Checklist = new[] { "correction", "responsibility", "existence", "disclosure", "reply" }
        .ToDictionary(k => k, _ => (object)new { answer = true });

    [Fact]
    public async Task Decision_review_returned_resubmitted_approved_reply_rendered_delivered_closed_and_dossier_verified()
    {
        const string unit = PlatformFixture.TenantB;
        using var registrar = await platform.ClientAsync(unit, "registrar");
        using var handler = await platform.ClientAsync(unit, "handler");
        using var counsel = await platform.ClientAsync(unit, "counsel");
        using var approver = await platform.ClientAsync(unit, "approver");
        var registered = await platform.RegisterAsync(registrar, "西航港街道2025年度城中村改造项目拆迁补偿标准及实施方案");
        var caseId = (await Cases.WaitForCaseAsync(handler, registered.Id, PlatformFixture.EventWait)).Id;

        await Post(handler, caseId, "triage", new { });
        await Post(handler, caseId, "search", new { });
        var decision = new { replyType = "PartiallyDisclose", outcome = "PartiallyDisclosed", reasons = "补偿名册中含有被征收人的身份证号码和银行账号，属个人隐私，不予公开" };
        await Post(handler, caseId, "decision", decision);
        await Post(handler, caseId, "review-requests", new { });

        // Round 1: legal counsel returns it.
        var round1 = await ReviewAsync(counsel, caseId, 1);
        await Opinion(counsel, round1, 1, new { verdict = "Return", text = "请写明不予公开部分的具体范围和法律依据", checklist = Checklist });
        await PlatformFixture.EventuallyAsync(async () => (await Cases.GetAsync(handler, caseId)).Case.State == "Search" ? "" : null,
            PlatformFixture.EventWait, "the return");

        // Round 2: resubmitted, approved by counsel and signed off by the approver.
        await Post(handler, caseId, "decision", decision with { reasons = "补偿名册第3至5列（被征收人身份证号码、银行账号）属个人隐私，依条例第十五条不予公开；其余内容予以公开" });
        await Post(handler, caseId, "review-requests", new { });
        var round2 = await ReviewAsync(counsel, caseId, 2);
        await Opinion(counsel, round2, 1, new { verdict = "Approve", text = "合法", checklist = Checklist });
        await Opinion(approver, round2, 2, new { verdict = "Approve", text = "同意，签发" });

        // Document renders the numbered reply; Workflow takes it (已制作).
        await PlatformFixture.EventuallyAsync(async () => (await Cases.GetAsync(handler, caseId)).Case.State == "DocumentIssued" ? "" : null,
            PlatformFixture.DocumentWait, "the issued reply");
        var reply = (await ListAsync(handler, caseId)).Single(d => d.Kind == "reply");
        Assert.False(string.IsNullOrEmpty(reply.DocumentNumber));
        var pdf = await handler.GetByteArrayAsync($"/api/document/documents/{reply.Id}/pdf");
        var docx = await handler.GetByteArrayAsync($"/api/document/documents/{reply.Id}/docx");
        Assert.Equal(reply.Files.Single(f => f.Format == "pdf").Sha256, Sha256(pdf));
        Assert.Equal(reply.Files.Single(f => f.Format == "docx").Sha256, Sha256(docx));
        foreach (var text in new[] { await PdfTextAsync(pdf), Squeeze(DocxText(docx)) })
        {
            Assert.Contains("张三", text);
            Assert.Contains(registered.ApplicationNumber, text);
            Assert.Contains("第三十七条", text);                 // partial disclosure: Art. 37
            Assert.Contains("行政复议", text);                   // the remedies clause
            Assert.Contains("行政诉讼", text);
            Assert.Contains(reply.DocumentNumber!, text);
        }

        // The applicant fetches the same reply through public tracking (number + query code), and only with the right pair.
        using var applicant = platform.Anonymous();
        var publicPdf = await PlatformFixture.EventuallyAsync(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/intake/public/applications/{registered.ApplicationNumber}/reply.pdf");
            request.Headers.Add("X-Query-Code", registered.QueryCode);
            var response = await applicant.SendAsync(request);
            return response.IsSuccessStatusCode ? await response.Content.ReadAsByteArrayAsync() : null;
        }, PlatformFixture.EventWait, "the reply through public tracking");
        Assert.Equal(Sha256(pdf), Sha256(publicPdf));
        using (var wrong = new HttpRequestMessage(HttpMethod.Get, $"/api/intake/public/applications/{registered.ApplicationNumber}/reply.pdf"))
        {
            wrong.Headers.Add("X-Query-Code", "AAAAAAAA");
            Assert.Equal(System.Net.HttpStatusCode.NotFound, (await applicant.SendAsync(wrong)).StatusCode);
        }

        // 送达 → 办结 → 归档.
        await Post(handler, caseId, "deliveries", new { method = "Post", evidence = "EMS 1186034225713（签收回执已扫描）" });
        await Post(handler, caseId, "closure", new { });
        await Post(handler, caseId, "archive", new { });
        var archived = await Cases.GetAsync(handler, caseId);
        Assert.Equal("Archived", archived.Case.State);
        string[] steps = ["decision-drafted", "review-requested", "returned-for-rework", "approved", "document-issued", "delivered", "closed", "archived"];
        var kinds = archived.Timeline
            .Where(e => steps.Contains(e.Kind) && (e.Kind != "document-issued" || e.Description.Contains(reply.DocumentNumber!))) // not the receipt
            .Select(e => e.Kind);
        Assert.Equal(["decision-drafted", "review-requested", "returned-for-rework", "decision-drafted", "review-requested", "approved",
            "document-issued", "delivered", "closed", "archived"], kinds);

        // 一案一档: every file in the ZIP matches the catalogue's hash, and the catalogue lists the reply.
        var zipBytes = await handler.GetByteArrayAsync($"/api/document/cases/{caseId}/dossier");
        using var zip = new ZipArchive(new MemoryStream(zipBytes));
        var catalogue = JsonDocument.Parse(await ReadAsync(zip.GetEntry("归档目录.json")!)).RootElement;
        var items = catalogue.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        foreach (var item in items)
        {
            var entry = zip.GetEntry(item.GetProperty("path").GetString()!);
            Assert.NotNull(entry);
            Assert.Equal(item.GetProperty("sha256").GetString(), Sha256(await ReadAsync(entry)));
        }
        Assert.Contains(items, i => i.GetProperty("sha256").GetString() == Sha256(pdf));
        Assert.Contains(items, i => i.GetProperty("category").GetString() == "审查意见");
    }

    private static async Task<byte[]> ReadAsync(ZipArchiveEntry entry)
    {
        await using var stream = entry.Open();
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private static async Task<Guid> ReviewAsync(HttpClient client, Guid caseId, int round) =>
        await PlatformFixture.EventuallyAsync(async () =>
        {
            var reviews = await client.GetFromJsonAsync<List<JsonElement>>($"/api/legalreview/reviews?caseId={caseId}");
            return reviews!.Where(r => r.GetProperty("round").GetInt32() == round).Select(r => (object)r.GetProperty("id").GetGuid()).FirstOrDefault();
        }, PlatformFixture.EventWait, $"review round {round}") is Guid id ? id : Guid.Empty;

    private static async Task Opinion(HttpClient client, Guid reviewId, int step, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/legalreview/reviews/{reviewId}/steps/{step}/opinion", body);
        Assert.True(response.IsSuccessStatusCode, $"opinion {step}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task Post(HttpClient client, Guid caseId, string action, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/workflow/cases/{caseId}/{action}", body);
        Assert.True(response.IsSuccessStatusCode, $"{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
