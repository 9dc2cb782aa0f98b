using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using Gongkai.Contracts;
using MassTransit;
using Npgsql;
using static Gongkai.IntegrationTests.DocumentTestSupport;

namespace Gongkai.IntegrationTests;

/// <summary>Document alone: AnnualReportRenderRequested published the way Publishing's outbox does, the files read anonymously.</summary>
[Collection(PlatformCollection.Name)]
public sealed class AnnualReportRenderingTests(PlatformFixture platform)
{
    private const string Title = "东升街道2026年政府信息公开工作年度报告";

    private static ReportCell H(string text, int rowSpan = 1, int colSpan = 1) => new(text, rowSpan, colSpan, IsHeader: true);

    private static readonly ReportLayout Layout = new(Title, "（2027年1月20日）",
    [
        new ReportBlock(ReportBlockKind.Heading, "一、总体情况"),
        new ReportBlock(ReportBlockKind.Paragraph, "本年度主动公开政府信息120条。"),
        new ReportBlock(ReportBlockKind.Heading, "三、收到和处理政府信息公开申请情况"),
        new ReportBlock(ReportBlockKind.Table, "",
        [
            [H("项目", 2), H("自然人", 2), H("法人或其他组织", 1, 2)],
            [H("商业企业"), H("科研机构")],
            [new ReportCell("本年新收<script>alert(1)</script>"), new ReportCell("12"), new ReportCell("3"), new ReportCell("0")],
        ]),
    ]);

    [Fact]
    public async Task A_requested_annual_report_is_rendered_once_and_anyone_downloads_its_pdf_and_docx()
    {
        var request = new AnnualReportRenderRequested(Guid.NewGuid(), PlatformFixture.TenantA, 2026, 1, Layout, DateTimeOffset.UtcNow);
        var url = $"/api/document/public/annual-reports/{request.ReportId}/1";
        using var anonymous = platform.Anonymous();
        var missing = await anonymous.GetAsync($"{url}/pdf");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Equal("年度报告不存在", JsonDocument.Parse(await missing.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString());

        var bus = await StartBusAsync(platform);
        var messageId = NewId.NextGuid();
        var republished = NewId.NextGuid();
        try
        {
            // A redelivery (same message id) and the same request published again (a new one).
            await PublishAsync(bus, request, messageId);
            await PublishAsync(bus, request, messageId);
            await PublishAsync(bus, request, republished);

            var pdfResponse = await PlatformFixture.EventuallyAsync(async () =>
            {
                var response = await anonymous.GetAsync($"{url}/pdf");
                return response.StatusCode == HttpStatusCode.OK ? response : null;
            }, PlatformFixture.DocumentWait, "the annual report's PDF");
            var pdf = await pdfResponse.Content.ReadAsByteArrayAsync();
            Assert.Equal("application/pdf", pdfResponse.Content.Headers.ContentType!.MediaType);
            Assert.Equal("attachment", pdfResponse.Content.Headers.ContentDisposition!.DispositionType);
            Assert.Equal($"{Title}.pdf", pdfResponse.Content.Headers.ContentDisposition.FileNameStar);
            Assert.Equal($"\"{Sha256(pdf)}\"", pdfResponse.Headers.ETag!.Tag);
            Assert.Equal("nosniff", pdfResponse.Headers.GetValues("X-Content-Type-Options").Single());
            var text = await PdfTextAsync(pdf);
            foreach (var expected in new[] { Title, "一、总体情况", "法人或其他组织", "本年新收<script>alert(1)</script>" })
                Assert.Contains(expected, text);
            Assert.True(await PdfPagesAndImagesAsync(pdf, "pdfinfo") >= 1);

            var notModified = new HttpRequestMessage(HttpMethod.Get, $"{url}/pdf");
            notModified.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{Sha256(pdf)}\""));
            Assert.Equal(HttpStatusCode.NotModified, (await anonymous.SendAsync(notModified)).StatusCode);

            var docxResponse = await anonymous.GetAsync($"{url}/docx");
            Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docxResponse.Content.Headers.ContentType!.MediaType);
            Assert.Equal($"{Title}.docx", docxResponse.Content.Headers.ContentDisposition!.FileNameStar);
            var docx = await docxResponse.Content.ReadAsByteArrayAsync();
            Assert.Equal($"\"{Sha256(docx)}\"", docxResponse.Headers.ETag!.Tag);
            using (var document = WordprocessingDocument.Open(new MemoryStream(docx), false))
                Assert.Contains("本年新收<script>alert(1)</script>", document.MainDocumentPart!.Document.Body!.InnerText);
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/document/public/annual-reports/{request.ReportId}/2/pdf")).StatusCode);

            await using var admin = new NpgsqlConnection(platform.App.GetConnectionString("documentdb-admin"));
            await admin.OpenAsync();
            await PlatformFixture.EventuallyAsync(async () => await CountAsync(admin,
                "SELECT count(*) FROM inbox_messages WHERE message_id = @a OR message_id = @b", ("a", messageId), ("b", republished)) == 2 ? "" : null,
                PlatformFixture.EventWait, "both messages handled");
            await Task.Delay(TimeSpan.FromSeconds(2)); // room for a late redelivery to do harm, if it could
            Assert.Equal(1L, await CountAsync(admin, "SELECT count(*) FROM annual_report_files WHERE report_id = @id", ("id", request.ReportId)));
            var rendered = await CountAsync(admin, """
                SELECT count(*) FROM outbox_messages WHERE message_type = 'Gongkai.Contracts.AnnualReportRendered' AND body->>'reportId' = @id
                """, ("id", request.ReportId.ToString()));
            Assert.Equal(1L, rendered);

            // The files are the unit's rows: without its tenant the application role sees none of them.
            await using var app = new NpgsqlConnection(platform.App.GetConnectionString("documentdb"));
            await app.OpenAsync();
            Assert.Equal(0L, await CountAsync(app, "SELECT count(*) FROM annual_report_files WHERE report_id = @id", ("id", request.ReportId)));
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    private static Task PublishAsync(IBus bus, AnnualReportRenderRequested request, Guid messageId) =>
        bus.Publish(request, context =>
        {
            context.MessageId = messageId;
            context.Headers.Set(TenantHeaders.Message, request.TenantId);
        });

    private static async Task<long> CountAsync(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
