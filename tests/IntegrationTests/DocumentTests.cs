using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gongkai.BuildingBlocks;
using Gongkai.Contracts;
using Npgsql;
using static Gongkai.IntegrationTests.DocumentTestSupport;

namespace Gongkai.IntegrationTests;

[Collection(PlatformCollection.Name)]
public sealed class DocumentTests(PlatformFixture platform)
{
    private const string Applicant = "王小明";

    [Fact]
    public async Task A_requested_reply_is_rendered_numbered_and_stored_and_its_pdf_and_docx_say_who_what_which_article_and_the_remedies()
    {
        var @case = await NewCaseAsync(platform, PlatformFixture.TenantA);
        using var handler = await platform.ClientAsync(PlatformFixture.TenantA, "handler");
        var bus = await StartBusAsync(platform);
        try
        {
            var request = Request(PlatformFixture.TenantA, @case, DocumentKinds.Reply, Applicant, new()
            {
                [DocumentKinds.Fields.ReplyType] = "Withhold",
                [DocumentKinds.Fields.Outcome] = "WithheldThirdPartyRights",
                [DocumentKinds.Fields.Reasons] = "所申请合同含有第三方商业秘密，经征求意见第三方不同意公开",
            });
            var stopwatch = Stopwatch.StartNew();
            await PublishAsync(bus, request);
            var document = await WaitForAsync(handler, @case.Id, request.RequestId);
            Console.WriteLine($"DocumentRequested to stored reply: {stopwatch.ElapsedMilliseconds} ms");

            Assert.Equal("政府信息公开申请答复书", document.Title);
            Assert.Equal("reply.Withhold.WithheldThirdPartyRights", document.TemplateKey);
            Assert.StartsWith("builtin-", document.TemplateVersion);
            Assert.Equal(@case.CaseNumber, document.CaseNumber);
            Assert.Matches($"^公开复〔{ChinaTime.Today(TimeProvider.System).Year}〕[1-9][0-9]*号$", document.DocumentNumber);

            var pdfResponse = await handler.GetAsync($"/api/document/documents/{document.Id}/pdf");
            Assert.Equal(HttpStatusCode.OK, pdfResponse.StatusCode);
            Assert.Equal("application/pdf", pdfResponse.Content.Headers.ContentType!.MediaType);
            var pdf = await pdfResponse.Content.ReadAsByteArrayAsync();
            var docx = await handler.GetByteArrayAsync($"/api/document/documents/{document.Id}/docx");

            // The stored hashes are the files' hashes, in the metadata, the event's header and the response header.
            Assert.Equal(Sha256(pdf), document.Files.Single(f => f.Format == "pdf").Sha256);
            Assert.Equal(Sha256(docx), document.Files.Single(f => f.Format == "docx").Sha256);
            Assert.Equal(Sha256(pdf), pdfResponse.Headers.GetValues("X-Content-SHA256").Single());
            Assert.Equal(pdf.Length, document.Files.Single(f => f.Format == "pdf").Length);

            var pdfText = await PdfTextAsync(pdf);
            var docxText = DocxText(docx);
            foreach (var text in new[] { pdfText, docxText })
            {
                Assert.Contains(Applicant + "：", text);
                Assert.Contains(@case.CaseNumber, text);
                Assert.Contains(document.DocumentNumber!, text);
                Assert.Contains("《中华人民共和国政府信息公开条例》第十五条、第三十六条第（三）项", text);
                Assert.Contains("所申请合同含有第三方商业秘密", text);
                Assert.Contains("可以自收到本答复之日起60日内依法申请行政复议", text);
                Assert.Contains("6个月内依法向人民法院提起行政诉讼", text);
                Assert.Contains(TemplateDate(ChinaTime.DateOf(document.IssuedAt)), text);
            }
            Assert.Contains("（印章）", pdfText);
            Assert.Equal(1, await PdfPagesAndImagesAsync(pdf, "pdfinfo"));
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    [Fact]
    public async Task One_request_gives_one_document_even_when_published_again_and_a_case_never_gets_two_receipts()
    {
        var @case = await NewCaseAsync(platform, PlatformFixture.TenantA);
        using var handler = await platform.ClientAsync(PlatformFixture.TenantA, "handler");
        var receipt = await PlatformFixture.EventuallyAsync(async () => (await ListAsync(handler, @case.Id)).SingleOrDefault(d => d.Kind == DocumentKinds.Receipt),
            PlatformFixture.DocumentWait, "the case's receipt");
        Assert.Equal("政府信息公开申请接收回执", receipt.Title);
        var bus = await StartBusAsync(platform);
        try
        {
            var notice = Request(PlatformFixture.TenantA, @case, DocumentKinds.ExtensionNotice, Applicant, new()
            {
                [DocumentKinds.Fields.ExtensionWorkingDays] = "15", [DocumentKinds.Fields.Due] = "2027-01-20", [DocumentKinds.Fields.Reasons] = "需要检索的档案分散在多个部门",
            });
            await PublishAsync(bus, notice);
            await PublishAsync(bus, notice);
            await PublishAsync(bus, Request(PlatformFixture.TenantA, @case, DocumentKinds.Receipt, Applicant, []));
            // A sentinel published after them: once it is issued, the earlier messages have been consumed.
            var sentinel = Request(PlatformFixture.TenantA, @case, DocumentKinds.ThirdPartyApplicantNotice, Applicant, []);
            await PublishAsync(bus, sentinel);
            await WaitForAsync(handler, @case.Id, sentinel.RequestId);
            await WaitForAsync(handler, @case.Id, notice.RequestId);
            await Task.Delay(1000);

            var documents = await ListAsync(handler, @case.Id);
            Assert.Single(documents, d => d.RequestId == notice.RequestId);
            Assert.Single(documents, d => d.Kind == DocumentKinds.Receipt);
            var extension = documents.Single(d => d.RequestId == notice.RequestId);
            Assert.Equal("政府信息公开申请延期答复告知书", extension.Title);
            Assert.StartsWith("公开告〔", extension.DocumentNumber);
            var text = await PdfTextAsync(await handler.GetByteArrayAsync($"/api/document/documents/{extension.Id}/pdf"));
            Assert.Contains("答复期限延长15个工作日（截至2027年1月20日）", text);
            Assert.Contains("《中华人民共和国政府信息公开条例》第三十三条", text);
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    [Fact]
    public async Task Fifty_parallel_reply_requests_in_one_unit_get_fifty_distinct_gapless_numbers()
    {
        const string unit = PlatformFixture.Department;
        using var admin = await platform.ClientAsync(unit, "admin");
        using var handler = await platform.ClientAsync(unit, "handler");
        // A pattern of this run only, so the series starts at 1 whatever other tests issued.
        var pattern = $"测{Random.Shared.Next(100000, 999999)}复〔{{year}}〕{{seq:3}}号";
        var saved = await admin.PutAsJsonAsync("/api/document/settings", new { numberPatterns = new Dictionary<string, string> { ["reply"] = pattern } });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        var @case = await NewCaseAsync(platform, unit);
        var requests = Enumerable.Range(0, 50).Select(i => Request(unit, @case, DocumentKinds.Reply, Applicant, new()
        {
            [DocumentKinds.Fields.ReplyType] = i % 2 == 0 ? "Disclose" : "NotHeld",
            [DocumentKinds.Fields.Outcome] = i % 2 == 0 ? "Disclosed" : "UnavailableNotHeld",
        })).ToList();
        var stopwatch = Stopwatch.StartNew();
        var documents = await PublishAllAndWaitAsync(platform, handler, @case.Id, requests);
        Console.WriteLine($"50 replies issued in {stopwatch.ElapsedMilliseconds} ms ({stopwatch.ElapsedMilliseconds / 50} ms each)");

        var year = ChinaTime.Today(TimeProvider.System).Year;
        var expected = Enumerable.Range(1, 50).Select(i => pattern.Replace("{year}", $"{year}").Replace("{seq:3}", $"{i:D3}"));
        Assert.Equal(expected.Order(), documents.Select(d => d.DocumentNumber!).Order());
        // Numbers follow the order of issue.
        Assert.Equal(documents.OrderBy(d => d.IssuedAt).Select(d => d.DocumentNumber), documents.OrderBy(d => d.DocumentNumber).Select(d => d.DocumentNumber));
    }

    [Fact]
    public async Task A_number_reserved_before_a_crash_is_issued_by_the_next_attempt_and_the_series_goes_on_without_a_gap()
    {
        const string unit = PlatformFixture.TenantB;
        using var admin = await platform.ClientAsync(unit, "admin");
        using var handler = await platform.ClientAsync(unit, "handler");
        var pattern = $"留{Random.Shared.Next(100000, 999999)}复〔{{year}}〕{{seq}}号";
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/document/settings", new { numberPatterns = new Dictionary<string, string> { ["reply"] = pattern } })).StatusCode);
        var @case = await NewCaseAsync(platform, unit);
        var fields = new Dictionary<string, string> { [DocumentKinds.Fields.ReplyType] = "NotHeld", [DocumentKinds.Fields.Outcome] = "UnavailableNotHeld" };
        var crashed = Request(unit, @case, DocumentKinds.Reply, Applicant, fields);
        var next = Request(unit, @case, DocumentKinds.Reply, Applicant, fields);

        // What an attempt leaves when Document dies after taking number 1 and before drawing the letter: the counter
        // moved on and the number is reserved for the request (its document id chosen), nothing issued.
        var year = ChinaTime.Today(TimeProvider.System).Year;
        var reservedNumber = NumberOf(pattern, year, 1);
        var reservedAt = DateTimeOffset.UtcNow.AddMinutes(-5);
        var documentId = Guid.NewGuid();
        await using (var connection = new NpgsqlConnection(platform.App.GetConnectionString(ResourceNames.DocumentDb + ResourceNames.AdminSuffix)))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
                INSERT INTO number_counters (tenant_id, pattern, year, last_value) VALUES (@unit, @pattern, @year, 1);
                INSERT INTO number_reservations (document_id, tenant_id, request_id, case_id, kind, pattern, year, sequence, number, issued_at)
                VALUES (@document, @unit, @request, @case, 'reply', @pattern, @year, 1, @number, @at);
                """, connection);
            command.Parameters.AddWithValue("unit", unit);
            command.Parameters.AddWithValue("pattern", pattern);
            command.Parameters.AddWithValue("year", year);
            command.Parameters.AddWithValue("document", documentId);
            command.Parameters.AddWithValue("request", crashed.RequestId);
            command.Parameters.AddWithValue("case", @case.Id);
            command.Parameters.AddWithValue("number", reservedNumber);
            command.Parameters.AddWithValue("at", reservedAt);
            await command.ExecuteNonQueryAsync();
        }

        // The request is delivered again (MassTransit's redelivery, or the retry worker), and a later one arrives.
        var documents = await PublishAllAndWaitAsync(platform, handler, @case.Id, [crashed, next]);
        var recovered = documents.Single(d => d.RequestId == crashed.RequestId);
        Assert.Equal(documentId, recovered.Id);
        Assert.Equal(reservedNumber, recovered.DocumentNumber);
        Assert.Equal(reservedAt.ToUnixTimeMilliseconds(), recovered.IssuedAt.ToUnixTimeMilliseconds());
        Assert.Equal(NumberOf(pattern, year, 2), documents.Single(d => d.RequestId == next.RequestId).DocumentNumber);
        Assert.Contains(reservedNumber, Squeeze(await PdfTextAsync(await handler.GetByteArrayAsync($"/api/document/documents/{recovered.Id}/pdf"))));
        // Every number of the series is reserved once and issued once, under the document id its reservation chose.
        await using (var connection = new NpgsqlConnection(platform.App.GetConnectionString(ResourceNames.DocumentDb + ResourceNames.AdminSuffix)))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
                SELECT count(*) FROM number_reservations r JOIN issued_documents d ON d.id = r.document_id AND d.document_number = r.number
                WHERE r.tenant_id = @unit AND r.pattern = @pattern
                """, connection);
            command.Parameters.AddWithValue("unit", unit);
            command.Parameters.AddWithValue("pattern", pattern);
            Assert.Equal(2L, (long)(await command.ExecuteScalarAsync())!);
        }
    }

    private static string NumberOf(string pattern, int year, int sequence) =>
        pattern.Replace("{year}", $"{year}").Replace("{seq}", $"{sequence}");

    [Fact]
    public async Task Tenant_B_cannot_fetch_tenant_A_documents_or_their_files()
    {
        var @case = await NewCaseAsync(platform, PlatformFixture.TenantA);
        using var handlerA = await platform.ClientAsync(PlatformFixture.TenantA, "handler");
        using var handlerB = await platform.ClientAsync(PlatformFixture.TenantB, "handler");
        using var adminB = await platform.ClientAsync(PlatformFixture.TenantB, "admin");
        var receipt = await PlatformFixture.EventuallyAsync(async () => (await ListAsync(handlerA, @case.Id)).FirstOrDefault(),
            PlatformFixture.DocumentWait, "a document of unit A");

        foreach (var path in new[] { "", "/pdf", "/docx" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await handlerB.GetAsync($"/api/document/documents/{receipt.Id}{path}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await adminB.GetAsync($"/api/document/documents/{receipt.Id}{path}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await handlerA.GetAsync($"/api/document/documents/{receipt.Id}{path}")).StatusCode);
        }
        Assert.Empty(await ListAsync(handlerB, @case.Id));
        using var anonymous = platform.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/document/documents/{receipt.Id}/pdf")).StatusCode);
    }

    [Fact]
    public async Task Issued_documents_and_their_files_cannot_be_changed_even_with_SQL()
    {
        var @case = await NewCaseAsync(platform, PlatformFixture.TenantA);
        using var handler = await platform.ClientAsync(PlatformFixture.TenantA, "handler");
        var receipt = await PlatformFixture.EventuallyAsync(async () => (await ListAsync(handler, @case.Id)).FirstOrDefault(),
            PlatformFixture.DocumentWait, "the receipt");
        foreach (var connectionName in new[] { "documentdb", "documentdb-admin" })
        {
            await using var connection = new NpgsqlConnection(platform.App.GetConnectionString(connectionName));
            await connection.OpenAsync();
            await using (var tenant = new NpgsqlCommand($"SELECT set_config('app.tenant_id', '{PlatformFixture.TenantA}', false)", connection))
                await tenant.ExecuteNonQueryAsync();
            foreach (var sql in new[]
            {
                $"UPDATE issued_documents SET title = '篡改' WHERE id = '{receipt.Id}'",
                $"DELETE FROM document_files WHERE document_id = '{receipt.Id}'",
                $"UPDATE document_files SET content = '\\x00' WHERE document_id = '{receipt.Id}'",
            })
            {
                await using var command = new NpgsqlCommand(sql, connection);
                var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
                Assert.Contains("只能追加", error.MessageText);
            }
        }
        var after = (await ListAsync(handler, @case.Id)).Single(d => d.Id == receipt.Id);
        Assert.Equal(receipt.Title, after.Title);
        Assert.Equal(receipt.Files.Single(f => f.Format == "pdf").Sha256, Sha256(await handler.GetByteArrayAsync($"/api/document/documents/{receipt.Id}/pdf")));
    }

    [Fact]
    public async Task A_unit_admin_sets_letterhead_seal_remedies_and_wording_and_the_next_reply_uses_and_records_them()
    {
        const string unit = PlatformFixture.Department;
        using var admin = await platform.ClientAsync(unit, "admin");
        using var handler = await platform.ClientAsync(unit, "handler");
        Assert.Equal(HttpStatusCode.Forbidden, (await handler.GetAsync("/api/document/settings")).StatusCode);

        var bad = await admin.PutAsJsonAsync("/api/document/settings", new { unitFullName = "局", reconsiderationDays = 30, numberPatterns = new { reply = "公复〔{year}〕号" } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("文书设置有误", problem.GetProperty("title").GetString());
        var errors = problem.GetProperty("errors");
        Assert.Contains("六十日", errors.GetProperty("reconsiderationDays")[0].GetString());
        Assert.Contains("{seq}", errors.GetProperty("numberPatterns.reply")[0].GetString());
        Assert.True(errors.TryGetProperty("unitFullName", out _));

        var saved = await admin.PutAsJsonAsync("/api/document/settings", new
        {
            unitFullName = "成都市双流区发展和改革局", contact = "028-85800001（局办公室）", reconsiderationDays = 90, litigationMonths = 6,
            reconsiderationBody = "成都市双流区人民政府", numberPatterns = new { reply = "双发改公复〔{year}〕{seq}号" },
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var settings = await saved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("settings", settings.GetProperty("unitFullNameSource").GetString());
        Assert.Contains("90日内向成都市双流区人民政府依法申请行政复议", settings.GetProperty("remediesClause").GetString());

        var seal = new ByteArrayContent(TinyPng);
        seal.Headers.ContentType = new("image/png");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/api/document/settings/seal", seal)).StatusCode);
        var notPng = new ByteArrayContent("GIF89a not a png at all, but long enough"u8.ToArray());
        notPng.Headers.ContentType = new("image/png");
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsync("/api/document/settings/seal", notPng)).StatusCode);

        var template = await admin.GetFromJsonAsync<JsonElement>("/api/document/templates/reply.Disclose");
        Assert.Equal(["basis", "remedies", "caseNumber"], template.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        var paragraphs = template.GetProperty("paragraphs").EnumerateArray().Select(p => p.GetString()!).ToList();
        var withoutRemedies = await admin.PutAsJsonAsync("/api/document/templates/reply.Disclose",
            new { title = "政府信息公开申请答复书", paragraphs = paragraphs.Where(p => p != "{remedies}") });
        Assert.Equal(HttpStatusCode.BadRequest, withoutRemedies.StatusCode);
        Assert.Contains("{remedies}", await withoutRemedies.Content.ReadAsStringAsync());

        paragraphs.Insert(2, "本机关将在{issuedOn}起五个工作日内通过您选择的方式提供所申请的政府信息。");
        var edited = await admin.PutAsJsonAsync("/api/document/templates/reply.Disclose", new { title = "政府信息公开申请答复书", paragraphs });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var version = (await edited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetString()!;
        Assert.StartsWith("unit-v", version);
        var list = await admin.GetFromJsonAsync<List<JsonElement>>("/api/document/templates");
        Assert.Equal(34, list!.Count);
        var listed = list.Single(t => t.GetProperty("key").GetString() == "reply.Disclose");
        Assert.True(listed.GetProperty("overridden").GetBoolean());
        Assert.Equal(version, listed.GetProperty("version").GetString());
        var preview = await admin.PostAsync("/api/document/templates/reply.Disclose/preview", null);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("五个工作日内通过您选择的方式提供", await PdfTextAsync(await preview.Content.ReadAsByteArrayAsync()));

        try
        {
            var @case = await NewCaseAsync(platform, unit);
            var bus = await StartBusAsync(platform);
            var request = Request(unit, @case, DocumentKinds.Reply, Applicant, new()
            {
                [DocumentKinds.Fields.ReplyType] = "Disclose", [DocumentKinds.Fields.Outcome] = "Disclosed",
            });
            try
            {
                await PublishAsync(bus, request);
            }
            finally
            {
                await bus.StopAsync();
            }
            var document = await WaitForAsync(handler, @case.Id, request.RequestId);
            Assert.Equal(version, document.TemplateVersion);
            Assert.Matches("^双发改公复〔[0-9]{4}〕[1-9][0-9]*号$", document.DocumentNumber);
            Assert.Equal(settings.GetProperty("revision").GetInt32() + 1, document.SettingsRevision);
            var pdf = await handler.GetByteArrayAsync($"/api/document/documents/{document.Id}/pdf");
            var text = await PdfTextAsync(pdf);
            Assert.StartsWith("成都市双流区发展和改革局政府信息公开申请答复书", text);
            Assert.Contains("五个工作日内通过您选择的方式提供", text);
            Assert.Contains("90日内向成都市双流区人民政府依法申请行政复议", text);
            Assert.Contains("联系方式：028-85800001（局办公室）", text);
            Assert.DoesNotContain("（印章）", text);
            Assert.True(await PdfPagesAndImagesAsync(pdf, "pdfimages") >= 1, "the seal image is in the PDF");
            Assert.Contains("五个工作日内通过您选择的方式提供", DocxText(await handler.GetByteArrayAsync($"/api/document/documents/{document.Id}/docx")));
        }
        finally
        {
            // Back to the built-in wording and no seal, for whoever uses this unit next.
            Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync("/api/document/templates/reply.Disclose")).StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/document/settings/seal")).StatusCode);
        }
        var reset = await admin.GetFromJsonAsync<JsonElement>("/api/document/templates/reply.Disclose");
        Assert.False(reset.GetProperty("overridden").GetBoolean());
    }

    [Fact]
    public async Task A_png_signature_followed_by_junk_is_refused_as_the_seal_naming_the_field_and_nothing_changes()
    {
        using var admin = await platform.ClientAsync(PlatformFixture.TenantB, "admin");
        var before = await admin.GetFromJsonAsync<JsonElement>("/api/document/settings");
        var junk = new byte[2048];
        Random.Shared.NextBytes(junk);
        TinyPng.AsSpan(0, 8).CopyTo(junk);
        var content = new ByteArrayContent(junk);
        content.Headers.ContentType = new("image/png");

        var response = await admin.PutAsync("/api/document/settings/seal", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("印章图片有误", problem.GetProperty("title").GetString());
        Assert.Contains("无法识别为 PNG 图像", problem.GetProperty("errors").GetProperty("seal")[0].GetString());
        var after = await admin.GetFromJsonAsync<JsonElement>("/api/document/settings");
        Assert.Equal(before.GetProperty("revision").GetInt32(), after.GetProperty("revision").GetInt32());
        Assert.Equal(before.GetProperty("hasSeal").GetBoolean(), after.GetProperty("hasSeal").GetBoolean());
    }

    private static string TemplateDate(DateOnly date) => $"{date.Year}年{date.Month}月{date.Day}日";
}

[Collection(PlatformCollection.Name)]
public sealed class DocumentDossierTests(PlatformFixture platform)
{
    [Fact]
    public async Task The_dossier_zip_lists_every_file_with_a_matching_sha256_and_another_unit_gets_404()
    {
        var @case = await NewCaseAsync(platform, PlatformFixture.TenantA);
        using var handler = await platform.ClientAsync(PlatformFixture.TenantA, "handler");
        var bus = await StartBusAsync(platform);
        var request = Request(PlatformFixture.TenantA, @case, DocumentKinds.Reply, "王小明", new()
        {
            [DocumentKinds.Fields.ReplyType] = "NotThisBody", [DocumentKinds.Fields.Outcome] = "UnavailableNotHeld",
            [DocumentKinds.Fields.Reasons] = "该信息由区住建局制作", [DocumentKinds.Fields.ReferTo] = "成都市双流区住房和城乡建设局（028-85811111）",
        });
        try
        {
            await PublishAsync(bus, request);
        }
        finally
        {
            await bus.StopAsync();
        }
        var reply = await WaitForAsync(handler, @case.Id, request.RequestId);
        await PlatformFixture.EventuallyAsync(async () => (await ListAsync(handler, @case.Id)).SingleOrDefault(d => d.Kind == DocumentKinds.Receipt),
            PlatformFixture.DocumentWait, "the receipt");
        using var registrar = await platform.ClientAsync(PlatformFixture.TenantA, "registrar");
        var attached = await registrar.PostAsJsonAsync($"/api/intake/applications/{@case.ApplicationId}/attachments",
            new { kind = "IdentityProof", fileName = "身份证明.png", contentType = "image/png", contentBase64 = Convert.ToBase64String(TinyPng) });
        Assert.Equal(HttpStatusCode.Created, attached.StatusCode);

        var response = await handler.GetAsync($"/api/document/cases/{@case.Id}/dossier");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        var zip = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Sha256(zip), response.Headers.GetValues("X-Content-SHA256").Single());

        using var archive = new System.IO.Compression.ZipArchive(new MemoryStream(zip));
        var catalogue = JsonSerializer.Deserialize<JsonElement>(archive.GetEntry("归档目录.json")!.Open());
        Assert.Equal(@case.CaseNumber, catalogue.GetProperty("caseNumber").GetString());
        var items = catalogue.GetProperty("items").EnumerateArray().ToList();
        foreach (var item in items)
        {
            using var content = new MemoryStream();
            archive.GetEntry(item.GetProperty("path").GetString()!)!.Open().CopyTo(content);
            Assert.Equal(item.GetProperty("sha256").GetString(), Sha256(content.ToArray()));
        }
        var paths = items.Select(i => i.GetProperty("path").GetString()!).ToList();
        // Receipt and reply, each as PDF and DOCX, with the hashes they were issued with.
        Assert.Equal(4, paths.Count(p => p.StartsWith("01-文书/", StringComparison.Ordinal)));
        Assert.Contains(items, i => i.GetProperty("sha256").GetString() == reply.Files.Single(f => f.Format == "pdf").Sha256);
        Assert.Contains(items, i => i.GetProperty("sha256").GetString() == reply.Files.Single(f => f.Format == "docx").Sha256);
        // The case with its timeline from Workflow, and LegalReview's opinions, read through internal endpoints.
        Assert.Contains("02-办理过程/案件与办理时间线.json", paths);
        // The application (masked) and its attachment from Intake, with the hash Intake stored at upload.
        Assert.Contains("00-申请/申请登记信息.json", paths);
        var attachment = items.Single(i => i.GetProperty("path").GetString() == "00-申请/附件/01-身份证明.png");
        Assert.Equal(Sha256(TinyPng), attachment.GetProperty("sha256").GetString());
        Assert.Contains("03-审查意见/审查意见.json", paths);
        using (var timeline = new StreamReader(archive.GetEntry("02-办理过程/案件与办理时间线.json")!.Open()))
            Assert.Contains(@case.CaseNumber, await timeline.ReadToEndAsync());
        using (var text = new StreamReader(archive.GetEntry("归档目录.txt")!.Open()))
            Assert.Contains("送达凭证", await text.ReadToEndAsync());

        using var handlerB = await platform.ClientAsync(PlatformFixture.TenantB, "handler");
        Assert.Equal(HttpStatusCode.NotFound, (await handlerB.GetAsync($"/api/document/cases/{@case.Id}/dossier")).StatusCode);
    }
}

[Collection(PlatformCollection.Name)]
public sealed class DocumentInternalApiTests(PlatformFixture platform)
{
    [Fact]
    public async Task Other_services_read_a_unit_s_documents_with_their_own_identity_and_nobody_else_does()
    {
        var @case = await NewCaseAsync(platform, PlatformFixture.TenantA);
        using var handler = await platform.ClientAsync(PlatformFixture.TenantA, "handler");
        var receipt = await PlatformFixture.EventuallyAsync(async () => (await ListAsync(handler, @case.Id)).FirstOrDefault(),
            PlatformFixture.DocumentWait, "the receipt");
        using var anonymous = platform.Anonymous();
        var tokenResponse = await anonymous.PostAsJsonAsync("/api/identity/token",
            new { grantType = "client_credentials", clientId = "gongkai-services", clientSecret = "gongkai-services-dev-secret" });
        var serviceToken = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;

        async Task<HttpResponseMessage> Direct(string path, string token, string? tenant)
        {
            using var client = new HttpClient { BaseAddress = platform.App.GetEndpoint("document") };
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
            if (tenant is not null)
                client.DefaultRequestHeaders.Add("X-Gongkai-Tenant", tenant);
            return await client.GetAsync(path);
        }

        var pdf = await Direct($"/internal/document/documents/{receipt.Id}/pdf", serviceToken, PlatformFixture.TenantA);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal(receipt.Files.Single(f => f.Format == "pdf").Sha256, Sha256(await pdf.Content.ReadAsByteArrayAsync()));
        var list = await Direct($"/internal/document/cases/{@case.Id}/documents", serviceToken, PlatformFixture.TenantA);
        Assert.Contains(receipt.Id.ToString(), await list.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await Direct($"/internal/document/documents/{receipt.Id}/pdf", serviceToken, PlatformFixture.TenantB)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Direct($"/internal/document/documents/{receipt.Id}/pdf", serviceToken, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Direct($"/internal/document/documents/{receipt.Id}/pdf",
            await platform.TokenAsync(PlatformFixture.TenantA, "handler"), PlatformFixture.TenantA)).StatusCode);
        anonymous.DefaultRequestHeaders.Authorization = new("Bearer", serviceToken);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/internal/document/documents/{receipt.Id}/pdf")).StatusCode);
    }
}
