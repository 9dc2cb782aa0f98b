using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using static Gongkai.IntegrationTests.DocumentTestSupport;

namespace Gongkai.IntegrationTests;

/// <summary>
/// Delivery evidence (送达凭证) in the case file, and the case file frozen when the case is archived, through the
/// gateway: a refused upload stores nothing, a kept one is in the dossier with its hash, the archived case's
/// dossier comes back byte for byte the same, and nothing more can be added to it.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class DocumentEvidenceTests(PlatformFixture platform)
{
    private static readonly byte[] EvidencePdf = "%PDF-1.4\n% EMS 1186034225713 签收回执（扫描件）\n%%EOF\n"u8.ToArray();

    [Fact]
    public async Task Evidence_goes_into_the_dossier_which_is_sealed_at_archiving_and_then_refuses_more()
    {
        const string unit = PlatformFixture.TenantA;
        var @case = await NewCaseAsync(platform, unit);
        using var handler = await platform.ClientAsync(unit, "handler");
        using var handlerB = await platform.ClientAsync(PlatformFixture.TenantB, "handler");
        var evidenceUrl = $"/api/document/cases/{@case.Id}/delivery-evidence";

        // A Word file is not evidence: 400 naming the field, nothing stored.
        var refused = await handler.PostAsJsonAsync(evidenceUrl, new { fileName = "回执.docx", contentType = "application/msword", contentBase64 = Convert.ToBase64String(EvidencePdf) });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("PDF、JPEG 或 PNG", problem.GetProperty("errors").GetProperty("contentType")[0].GetString());
        Assert.Empty((await handler.GetFromJsonAsync<List<JsonElement>>(evidenceUrl))!);
        // The list of a case that is not the unit's is 404, not an empty list, as for a case that does not exist.
        Assert.Equal(HttpStatusCode.NotFound, (await handlerB.GetAsync(evidenceUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await handler.GetAsync($"/api/document/cases/{Guid.NewGuid()}/delivery-evidence")).StatusCode);

        var created = await handler.PostAsJsonAsync(evidenceUrl, new { fileName = "EMS签收回执.pdf", contentType = "application/pdf", contentBase64 = Convert.ToBase64String(EvidencePdf), note = "EMS 1186034225713" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var evidence = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(Sha256(EvidencePdf), evidence.GetProperty("sha256").GetString());
        Assert.Equal("EMS签收回执.pdf", evidence.GetProperty("fileName").GetString());
        var listed = Assert.Single((await handler.GetFromJsonAsync<List<JsonElement>>(evidenceUrl))!);
        Assert.Equal(evidence.GetProperty("id").GetGuid(), listed.GetProperty("id").GetGuid());
        var download = await handler.GetAsync($"{evidenceUrl}/{evidence.GetProperty("id").GetGuid()}");
        Assert.Equal(EvidencePdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(Sha256(EvidencePdf), download.Headers.GetValues("X-Content-SHA256").Single());

        // Another unit sees none of it and cannot add to it.
        Assert.Equal(HttpStatusCode.NotFound, (await handlerB.GetAsync($"{evidenceUrl}/{evidence.GetProperty("id").GetGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await handlerB.GetAsync(evidenceUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await handlerB.PostAsJsonAsync(evidenceUrl,
            new { fileName = "x.pdf", contentType = "application/pdf", contentBase64 = Convert.ToBase64String(EvidencePdf) })).StatusCode);

        // Before archiving: a fresh export, with the evidence catalogued under 送达凭证 with its date and hash.
        var live = await handler.GetAsync($"/api/document/cases/{@case.Id}/dossier");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("false", live.Headers.GetValues("X-Dossier-Sealed").Single());
        await AssertEvidenceCatalogued(await live.Content.ReadAsByteArrayAsync());

        // Withdrawn (closed) and archived: Document seals the dossier from CaseStatusChanged.
        await Post(handler, @case.Id, "withdrawal", new { reason = "申请人书面撤回申请" });
        await Post(handler, @case.Id, "archive", new { });
        var first = await PlatformFixture.EventuallyAsync(async () =>
        {
            var response = await handler.GetAsync($"/api/document/cases/{@case.Id}/dossier");
            return response.Headers.TryGetValues("X-Dossier-Sealed", out var v) && v.Single() == "true" ? response : null;
        }, PlatformFixture.EventWait, "the sealed dossier");
        var sealedZip = await first.Content.ReadAsByteArrayAsync();
        Assert.Equal(Sha256(sealedZip), first.Headers.GetValues("X-Content-SHA256").Single());
        var catalogue = await AssertEvidenceCatalogued(sealedZip);
        Assert.Equal("系统（归档时封存）", catalogue.GetProperty("exportedBy").GetString());

        // Exported again: the same bytes, still sealed.
        var second = await handler.GetAsync($"/api/document/cases/{@case.Id}/dossier");
        Assert.Equal("true", second.Headers.GetValues("X-Dossier-Sealed").Single());
        Assert.Equal(sealedZip, await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(Sha256(sealedZip), second.Headers.GetValues("X-Content-SHA256").Single());

        // Nothing more can be added after archiving.
        var late = await handler.PostAsJsonAsync(evidenceUrl, new { fileName = "补充回执.pdf", contentType = "application/pdf", contentBase64 = Convert.ToBase64String(EvidencePdf) });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal("案卷已归档", (await late.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Single((await handler.GetFromJsonAsync<List<JsonElement>>(evidenceUrl))!);

        // Another unit: the sealed dossier does not exist for it.
        Assert.Equal(HttpStatusCode.NotFound, (await handlerB.GetAsync($"/api/document/cases/{@case.Id}/dossier")).StatusCode);

        // Evidence and the sealed dossier cannot be changed with SQL either, owner included.
        foreach (var connectionName in new[] { "documentdb", "documentdb-admin" })
        {
            await using var connection = new NpgsqlConnection(platform.App.GetConnectionString(connectionName));
            await connection.OpenAsync();
            await using (var tenant = new NpgsqlCommand($"SELECT set_config('app.tenant_id', '{unit}', false)", connection))
                await tenant.ExecuteNonQueryAsync();
            foreach (var sql in new[]
            {
                $"UPDATE delivery_evidence SET content = '\\x00' WHERE case_id = '{@case.Id}'",
                $"DELETE FROM delivery_evidence WHERE case_id = '{@case.Id}'",
                $"UPDATE sealed_dossiers SET zip = '\\x00' WHERE case_id = '{@case.Id}'",
                $"DELETE FROM sealed_dossiers WHERE case_id = '{@case.Id}'",
            })
            {
                await using var command = new NpgsqlCommand(sql, connection);
                var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
                Assert.Contains("只能追加", error.MessageText);
            }
        }
        Assert.Equal(sealedZip, await handler.GetByteArrayAsync($"/api/document/cases/{@case.Id}/dossier"));
    }

    /// <summary>The evidence is in the ZIP under 04-送达凭证, catalogued with category, date and a matching SHA-256.</summary>
    private static async Task<JsonElement> AssertEvidenceCatalogued(byte[] zipBytes)
    {
        using var zip = new ZipArchive(new MemoryStream(zipBytes));
        var catalogue = await JsonSerializer.DeserializeAsync<JsonElement>(zip.GetEntry("归档目录.json")!.Open());
        var item = catalogue.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("category").GetString() == "送达凭证");
        Assert.Equal(Sha256(EvidencePdf), item.GetProperty("sha256").GetString());
        Assert.Equal(JsonValueKind.String, item.GetProperty("date").ValueKind);
        Assert.Contains("EMS 1186034225713", item.GetProperty("title").GetString());
        using var content = new MemoryStream();
        await zip.GetEntry(item.GetProperty("path").GetString()!)!.Open().CopyToAsync(content);
        Assert.Equal(EvidencePdf, content.ToArray());
        return catalogue;
    }

    private static async Task Post(HttpClient client, Guid caseId, string action, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/workflow/cases/{caseId}/{action}", body);
        Assert.True(response.IsSuccessStatusCode, $"{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
