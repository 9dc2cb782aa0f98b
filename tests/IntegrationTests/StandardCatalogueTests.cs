using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Gongkai.Contracts;
using static Gongkai.IntegrationTests.Problems;

namespace Gongkai.IntegrationTests;

/// <summary>
/// The standard catalogue (政务公开事项标准目录) through the gateway: a district publishes, a township adopts, adds its
/// own and sees what the district changed; coverage by published items; XLSX import all or nothing; isolation.
/// Codes are random per run, so the tests neither depend on each other nor on what other tests left in a unit.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class StandardCatalogueTests(PlatformFixture platform)
{
    private const string Api = "/api/publishing/standard-catalogue";

    [Fact]
    public async Task A_district_publishes_a_township_adopts_adds_its_own_and_sees_what_the_district_changed_since()
    {
        using var district = await platform.ClientAsync(PlatformFixture.District, "admin");
        var code = NewCode();
        var districtObligation = await CreateAsync(district, Obligation(code, "公共卫生服务"));
        var first = await PublishAsync(district);

        // The township adopts the district's current version and inherits the obligation, linked to the district's id.
        using var township = await platform.ClientAsync(PlatformFixture.TenantA, "admin");
        var adopt = await township.PostAsync($"{Api}/adopt", null);
        Assert.True(adopt.IsSuccessStatusCode, await adopt.Content.ReadAsStringAsync());
        Assert.Equal(first, (await adopt.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
        var inherited = (await ListAsync(township)).Single(o => o.GetProperty("code").GetString() == code);
        Assert.Equal(("Inherited", districtObligation), (inherited.GetProperty("origin").GetString(), inherited.GetProperty("inheritedFromId").GetGuid()));
        var inheritedId = inherited.GetProperty("id").GetGuid();

        // A 补充目录 item of its own.
        var extraCode = NewCode();
        var extra = await CreateAsync(township, Obligation(extraCode, "街道补充：辖区义诊活动"));

        // An inherited obligation changes only as a recorded local difference.
        using var handler = await platform.ClientAsync(PlatformFixture.TenantA, "handler");
        await AssertRefusedAsync(await handler.PutAsJsonAsync($"{Api}/{inheritedId}", Obligation(code, "公共卫生服务") with { responsible = "东升街道社区卫生服务中心" }),
            "differenceReason");
        var local = await handler.PutAsJsonAsync($"{Api}/{inheritedId}",
            Obligation(code, "公共卫生服务") with { responsible = "东升街道社区卫生服务中心", differenceReason = "本街道由社区卫生服务中心具体实施" });
        Assert.True(local.IsSuccessStatusCode, await local.Content.ReadAsStringAsync());
        // Nor can the township drop it.
        Assert.Equal(HttpStatusCode.Conflict, (await handler.DeleteAsync($"{Api}/{inheritedId}")).StatusCode);

        // The district changes its obligation and publishes again.
        var change = await district.PutAsJsonAsync($"{Api}/{districtObligation}", Obligation(code, "公共卫生服务") with { deadlineText = "信息形成之日起10个工作日内" });
        Assert.True(change.IsSuccessStatusCode, await change.Content.ReadAsStringAsync());
        var second = await PublishAsync(district);
        Assert.True(second > first);

        var differences = await township.GetFromJsonAsync<JsonElement>($"{Api}/differences");
        Assert.Equal((first, second, false), (differences.GetProperty("adoptedVersion").GetInt32(), differences.GetProperty("districtCurrentVersion").GetInt32(),
            differences.GetProperty("upToDate").GetBoolean()));
        var changedByDistrict = differences.GetProperty("districtChanged").EnumerateArray().Single(c => c.GetProperty("obligation").GetProperty("id").GetGuid() == districtObligation);
        Assert.Equal(new[] { "公开时限" }, changedByDistrict.GetProperty("changedColumns").EnumerateArray().Select(c => c.GetString()!));
        var changedLocally = differences.GetProperty("changedLocally").EnumerateArray().Single(c => c.GetProperty("obligation").GetProperty("id").GetGuid() == inheritedId);
        Assert.Equal("本街道由社区卫生服务中心具体实施", changedLocally.GetProperty("reason").GetString());
        Assert.Contains(differences.GetProperty("addedLocally").EnumerateArray(), a => a.GetProperty("id").GetGuid() == extra);

        // The public reads the district's last published version, with an ETag like the item catalogue.
        using var anonymous = platform.Anonymous();
        var published = await anonymous.GetAsync($"/api/publishing/public/{PlatformFixture.District}/standard-catalogue");
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.NotNull(published.Headers.ETag);
        var body = await published.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(second, body.GetProperty("version").GetInt32());
        var shown = body.GetProperty("obligations").EnumerateArray().Single(o => o.GetProperty("id").GetGuid() == districtObligation);
        Assert.Equal("信息形成之日起10个工作日内", shown.GetProperty("deadlineText").GetString());
        Assert.Equal(new[] { "GovernmentWebsite", "NoticeBoard" }, shown.GetProperty("channels").EnumerateArray().Select(c => c.GetString()!));
    }

    [Fact]
    public async Task Coverage_flags_an_empty_obligation_and_counts_a_published_item_that_names_it()
    {
        using var admin = await platform.ClientAsync(PlatformFixture.TenantB, "admin");
        var covered = await CreateAsync(admin, Obligation(NewCode(), "保障性住房分配") with { domainCode = "09" });
        var empty = await CreateAsync(admin, Obligation(NewCode(), "保障性住房退出") with { domainCode = "09" });

        using var registrar = await platform.ClientAsync(PlatformFixture.TenantB, "registrar");
        // An obligation of another unit is not one of this unit's.
        using var otherAdmin = await platform.ClientAsync(PlatformFixture.TenantA, "admin");
        var foreign = await CreateAsync(otherAdmin, Obligation(NewCode(), "别的街道的事项"));
        await AssertRefusedAsync(await registrar.PostAsJsonAsync("/api/publishing/items", ItemDraft("西航港街道保障性住房分配结果公示", foreign)), "obligationId");

        var created = await registrar.PostAsJsonAsync("/api/publishing/items", ItemDraft("西航港街道2026年保障性住房分配结果公示", covered));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var item = await created.Content.ReadFromJsonAsync<JsonElement>();
        var itemId = item.GetProperty("id").GetGuid();
        Assert.Equal(covered, item.GetProperty("obligationId").GetGuid());
        var submitted = await registrar.PostAsync($"/api/publishing/items/{itemId}/submit", null);
        Assert.True(submitted.IsSuccessStatusCode, await submitted.Content.ReadAsStringAsync());
        var round = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reviewRound").GetInt32();
        await ReviewChain.ApproveAsync(platform, PlatformFixture.TenantB, itemId, round);
        await PlatformFixture.EventuallyAsync(async () =>
        {
            var state = (await registrar.GetFromJsonAsync<JsonElement>($"/api/publishing/items/{itemId}")).GetProperty("state").GetString();
            return state == "Published" ? state : null;
        }, PlatformFixture.EventWait, $"item {itemId} to be published");

        var year = DateTime.UtcNow.AddHours(8).Year;
        var coverage = await registrar.GetFromJsonAsync<JsonElement>($"{Api}/coverage?year={year}");
        var rows = coverage.GetProperty("items").EnumerateArray().ToDictionary(r => r.GetProperty("obligationId").GetGuid());
        Assert.Equal((1, 1, false), (rows[covered].GetProperty("currentItems").GetInt32(), rows[covered].GetProperty("publishedInPeriod").GetInt32(),
            rows[covered].GetProperty("empty").GetBoolean()));
        Assert.Equal(1, rows[covered].GetProperty("publishedOnTime").GetInt32());
        Assert.Equal((0, true), (rows[empty].GetProperty("currentItems").GetInt32(), rows[empty].GetProperty("empty").GetBoolean()));

        // Published, the unit's standard catalogue links the obligation to the public item that fulfils it.
        await PublishAsync(admin);
        using var anonymous = platform.Anonymous();
        var catalogue = await anonymous.GetFromJsonAsync<JsonElement>($"/api/publishing/public/{PlatformFixture.TenantB}/standard-catalogue");
        var links = catalogue.GetProperty("obligations").EnumerateArray().ToDictionary(o => o.GetProperty("id").GetGuid(), o => o.GetProperty("itemIds"));
        Assert.Equal(new[] { itemId }, links[covered].EnumerateArray().Select(i => i.GetGuid()));
        Assert.Empty(links[empty].EnumerateArray());
    }

    [Fact]
    public async Task A_bad_sheet_is_refused_naming_row_and_column_and_nothing_is_stored_a_good_one_is_imported_and_exported()
    {
        using var admin = await platform.ClientAsync(PlatformFixture.Department, "admin");
        var before = (await ListAsync(admin)).Count;
        var (good1, good2) = (NewCode(), NewCode());
        var bad = Sheet([Headings, SheetRow(good1), SheetRow(good2, mode: "公开")]);

        var refused = await ImportAsync(admin, bad);
        var text = await refused.Content.ReadAsStringAsync();
        Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, text);
        var messages = JsonDocument.Parse(text).RootElement.GetProperty("errors").GetProperty("rows[3].mode");
        Assert.Contains("第 3 行", messages[0].GetString());
        Assert.Contains("公开方式", messages[0].GetString());
        Assert.Equal(before, (await ListAsync(admin)).Count);    // not even the good first row

        var imported = await ImportAsync(admin, Sheet([Headings, SheetRow(good1), SheetRow(good2)]));
        Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());
        Assert.Equal(2, (await imported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("created").GetInt32());
        var codes = (await ListAsync(admin)).Select(o => o.GetProperty("code").GetString()).ToList();
        Assert.Contains(good1, codes);
        Assert.Contains(good2, codes);

        // Only a unit admin imports.
        using var handler = await platform.ClientAsync(PlatformFixture.Department, "handler");
        Assert.Equal(HttpStatusCode.Forbidden, (await ImportAsync(handler, Sheet([Headings, SheetRow(NewCode())]))).StatusCode);

        var export = await admin.GetAsync($"{Api}/export.xlsx");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType?.MediaType);
        using var exported = SpreadsheetDocument.Open(new MemoryStream(await export.Content.ReadAsByteArrayAsync()), false);
        var cells = exported.WorkbookPart!.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<Cell>()).Select(c => c.InnerText).ToList();
        Assert.Contains(good1, cells);
        Assert.Contains("公开内容（要素）", cells);
    }

    [Fact]
    public async Task Another_unit_cannot_read_or_change_a_units_catalogue_and_an_empty_domain_needs_a_reason()
    {
        using var owner = await platform.ClientAsync(PlatformFixture.TenantA, "handler");
        var code = NewCode();
        var id = await CreateAsync(owner, Obligation(code, "东升街道自己的事项"));

        using var other = await platform.ClientAsync(PlatformFixture.TenantB, "admin");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"{Api}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PutAsJsonAsync($"{Api}/{id}", Obligation(code, "改掉别人的事项"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"{Api}/{id}")).StatusCode);
        Assert.DoesNotContain(await ListAsync(other), o => o.GetProperty("id").GetGuid() == id);
        Assert.Equal("东升街道自己的事项", (await owner.GetFromJsonAsync<JsonElement>($"{Api}/{id}")).GetProperty("level1").GetString());

        // Approvers read the catalogue but do not edit it; only unit admins publish; the public needs no token but staff routes do.
        using var approver = await platform.ClientAsync(PlatformFixture.TenantA, "approver");
        Assert.Equal(HttpStatusCode.Forbidden, (await approver.PostAsJsonAsync(Api, Obligation(NewCode(), "负责人自行添加"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.PostAsync($"{Api}/publish", null)).StatusCode);
        using var anonymous = platform.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(Api)).StatusCode);

        // A domain the unit has no obligations in is explained (未涉及领域事项说明), never just left empty.
        await AssertRefusedAsync(await other.PutAsJsonAsync($"{Api}/domains/06/not-applicable", new { reason = "" }), "reason");
        var marked = await other.PutAsJsonAsync($"{Api}/domains/06/not-applicable", new { reason = "税收由税务部门垂直管理，本街道不承担税收管理职能" });
        Assert.True(marked.IsSuccessStatusCode, await marked.Content.ReadAsStringAsync());
        var catalogue = await other.GetFromJsonAsync<JsonElement>(Api);
        Assert.Contains(catalogue.GetProperty("notApplicable").EnumerateArray(), d => d.GetProperty("domainCode").GetString() == "06");
        await AssertRefusedAsync(await other.PostAsJsonAsync(Api, Obligation(NewCode(), "事项") with { domainCode = "27" }), "domainCode");
    }

    // ---- helpers ----

    private sealed record ObligationBody(string code, string domainCode, string level1, string? level2, string content, string basis, string deadlineText,
        string responsible, string[] channels, string audience, string mode, string[] levels, string? differenceReason = null);

    private static string NewCode() => "T" + Guid.NewGuid().ToString("N")[..9].ToUpperInvariant();

    private static ObligationBody Obligation(string code, string level1) =>
        new(code, "23", level1, "项目内容", "服务项目、服务对象、服务内容", "《国家基本公共卫生服务规范（第三版）》", "信息形成或者变更之日起20个工作日内",
            "成都市双流区卫生健康局", ["GovernmentWebsite", "NoticeBoard"], "Public", "Proactive", ["District", "Township"]);

    private static object ItemDraft(string title, Guid obligationId) => new
    {
        title,
        summary = "概述：" + title,
        subjectCode = "10",
        genre = "Publicity",
        publisher = "成都市双流区人民政府西航港街道办事处",
        writtenOn = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd"),
        mode = "Proactive",
        bodyHtml = "<p>现将分配结果公示如下。</p>",
        keywords = new[] { "公示" },
        obligationId,
    };

    private static async Task<Guid> CreateAsync(HttpClient client, ObligationBody body)
    {
        var response = await client.PostAsJsonAsync(Api, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<int> PublishAsync(HttpClient admin)
    {
        var response = await admin.PostAsync($"{Api}/publish", null);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();
    }

    private static async Task<List<JsonElement>> ListAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>(Api)).GetProperty("obligations").EnumerateArray().ToList();

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient client, byte[] sheet)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(sheet);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        form.Add(file, "file", "标准目录.xlsx");
        return await client.PostAsync($"{Api}/import", form);
    }

    private static readonly string[] Headings =
        ["序号", "领域", "一级事项", "二级事项", "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体", "公开对象", "公开方式", "公开层级"];

    private static string[] SheetRow(string code, string mode = "主动") =>
        [code, "重大建设项目", "批准服务信息", "审批结果", "项目名称、审批文号", "《政府投资条例》", "信息形成或者变更之日起20个工作日内",
            "成都市双流区发展和改革局", "■政府网站 □两微一端 ■政务服务中心", "全社会", mode, "区级"];

    private static byte[] Sheet(IReadOnlyList<string[]> rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var part = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            for (var r = 0; r < rows.Count; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < rows[r].Length; c++)
                    row.AppendChild(new Cell
                    {
                        CellReference = $"{(char)('A' + c)}{r + 1}",
                        DataType = CellValues.InlineString,
                        InlineString = new InlineString(new Text(rows[r][c])),
                    });
                data.AppendChild(row);
            }
            part.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = 1, Name = "标准目录" }));
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }
}
