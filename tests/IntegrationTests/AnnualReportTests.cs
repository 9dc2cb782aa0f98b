using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using static Gongkai.IntegrationTests.Problems;

namespace Gongkai.IntegrationTests;

/// <summary>
/// The annual report through the gateway: table 三 and 四 counted from live cases (kept current by Workflow's events) and
/// imported earlier applications, asserted cell by cell against counts made by hand; the checks before sign-off; review,
/// publication, the PDF, and a correction.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class AnnualReportTests(PlatformFixture platform)
{
    // Columns of table 三 in the form's order.
    private const int NP = 0, CE = 1, RI = 2, LSI = 4, Total = 6;
    private static readonly string[] Categories = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"];
    private static readonly string[] Outcomes =
    [
        "Disclosed", "PartiallyDisclosed", "WithheldStateSecret", "WithheldProhibitedByLaw", "WithheldSecurityOrStability", "WithheldThirdPartyRights",
        "WithheldInternalAffairs", "WithheldProcessInformation", "WithheldEnforcementFile", "WithheldAdministrativeQuery", "UnavailableNotHeld",
        "UnavailableNeedsCreation", "UnavailableUnclearAfterCorrection", "NotHandledPetitionOrComplaint", "NotHandledRepeated", "NotHandledPublication",
        "NotHandledExcessive", "NotHandledConfirmOrReissue", "OtherNoCorrection", "OtherNoFee", "Other",
    ];

    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
    private static readonly int Year = Today.Year;
    private static readonly string ThisYear = $"{Year}-01-01", LastYear = $"{Year - 1}-06-01";

    [Fact]
    public async Task Tables_three_and_four_count_every_kind_of_case_as_counted_by_hand()
    {
        var unit = await NewTownshipAsync("nb");
        using var admin = await platform.ClientAsync(unit, "admin");

        // Earlier applications, imported: every result row once (applicant category cycling through the six), carried over
        // from last year (closed this year / still open / closed last year), one received this year and still open.
        var csv = new StringBuilder(string.Join(',', Headings) + "\n");
        for (var i = 0; i < Outcomes.Length; i++)
        {
            var appealColumns = Outcomes[i] switch
            {
                "WithheldStateSecret" => $"行政复议,{ThisYear},维持,{ThisYear}",
                "UnavailableNotHeld" => $"未经复议直接起诉,{ThisYear},尚未审结,",
                "NotHandledRepeated" => $"复议后起诉,{ThisYear},纠正,{ThisYear}",
                _ => ",,,",
            };
            csv.Append($"IMP-{i:D2},{Categories[i % 6]},{ThisYear},{ThisYear},{Outcomes[i]},{appealColumns}\n");
        }
        csv.Append($"IMP-C1,自然人,{LastYear},{ThisYear},予以公开,,,,\n");
        csv.Append($"IMP-C2,商业企业,{LastYear},,,,,,\n");
        csv.Append($"IMP-C3,科研机构,{LastYear},{Year - 1}-07-01,（一）予以公开,行政复议,{Year - 1}-08-01,其他,{Year - 1}-09-01\n");
        csv.Append($"IMP-N1,法律服务机构,{ThisYear},,,,,,\n");
        var imported = await ImportAsync(admin, csv.ToString());
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);

        // Live cases: one withdrawn; one answered on the spot, then a reconsideration orders a new reply, which reopens it.
        using var registrar = await platform.ClientAsync(unit, "admin");
        var withdrawn = await OpenCaseAsync(registrar);
        Assert.True((await registrar.PostAsJsonAsync($"/api/workflow/cases/{withdrawn.Id}/withdrawal", new { reason = "申请人书面撤回" })).IsSuccessStatusCode);
        var reopened = await OpenCaseAsync(registrar);
        var reply = await registrar.PostAsJsonAsync($"/api/workflow/cases/{reopened.Id}/on-the-spot-reply",
            new { replyType = "Disclose", outcome = "Disclosed", reasons = "当场提供" });
        Assert.True(reply.IsSuccessStatusCode, await reply.Content.ReadAsStringAsync());
        await CellEventuallyAsync(admin, "Disclosed", reopened.CaseNumber);

        var appealResponse = await admin.PostAsJsonAsync("/api/publishing/appeals",
            new { caseId = reopened.Id, kind = "Reconsideration", body = "成都市双流区人民政府", filedOn = Today });
        Assert.Equal(HttpStatusCode.Created, appealResponse.StatusCode);
        var appeal = await appealResponse.Content.ReadFromJsonAsync<JsonElement>();
        var decided = await admin.PostAsJsonAsync($"/api/publishing/appeals/{appeal.GetProperty("id").GetGuid()}/decision",
            new { outcome = "Corrected", decidedOn = Today, decisionNumber = "双府复决〔" + Year + "〕1号", ordersNewReply = true });
        Assert.True(decided.IsSuccessStatusCode, await decided.Content.ReadAsStringAsync());
        // Workflow reopens the case, and its new counting facts move it from 予以公开 to 结转下年度.
        var details = await PlatformFixture.EventuallyAsync(async () =>
        {
            var c = await Cases.GetAsync(admin, reopened.Id);
            return c.Case.State == "Triage" ? c : null;
        }, PlatformFixture.EventWait, "the case reopened by the reconsideration decision");
        Assert.Contains(details.Timeline, e => e.Kind == "reopened" && e.Reason!.Contains("责令重新答复"));
        await CellEventuallyAsync(admin, "CarriedForward", reopened.CaseNumber);
        await CellEventuallyAsync(admin, "Other", withdrawn.CaseNumber);

        // Counted by hand (columns 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计):
        var start = await admin.PostAsync($"/api/publishing/annual-reports/{Year}", null);
        Assert.Equal(HttpStatusCode.Created, start.StatusCode);
        var report = (await start.Content.ReadFromJsonAsync<JsonElement>());
        var table = report.GetProperty("applications").GetProperty("rows").EnumerateArray()
            .ToDictionary(r => r.GetProperty("row").GetString()!, r => r.GetProperty("counts").EnumerateArray().Select(c => c.GetInt32()).ToArray());
        // 一: 21 result rows (4,4,4,3,3,3 by category) + IMP-N1 (法律服务机构) + the two live cases (自然人).
        Assert.Equal([6, 4, 4, 3, 4, 3, 24], table["New"]);
        // 二: IMP-C1 and IMP-C2; IMP-C3 closed last year.
        Assert.Equal([1, 1, 0, 0, 0, 0, 2], table["CarriedOver"]);
        // Result rows: each once in its category; 予以公开 also IMP-C1; 其他 also the withdrawn case; the reopened case is open again.
        for (var i = 0; i < Outcomes.Length; i++)
        {
            var expected = new int[7];
            expected[i % 6]++;
            if (Outcomes[i] is "Disclosed" or "Other")
                expected[NP]++;
            expected[Total] = expected.Take(6).Sum();
            Assert.True(expected.SequenceEqual(table[Outcomes[i]]), $"{Outcomes[i]}: expected {string.Join(',', expected)}, got {string.Join(',', table[Outcomes[i]])}");
        }
        Assert.Equal([6, 4, 4, 3, 3, 3, 23], table["Total"]);
        // 四: IMP-C2 (商业企业), IMP-N1 (法律服务机构) and the reopened case (自然人).
        Assert.Equal([1, 1, 0, 0, 1, 0, 3], table["CarriedForward"]);

        // Table 四: the imported 维持 and the live 纠正 reconsiderations, a pending direct suit, a corrected suit after reconsideration.
        var appeals = report.GetProperty("appeals").EnumerateArray().ToDictionary(a => a.GetProperty("kind").GetString()!,
            a => a.GetProperty("counts").EnumerateArray().Select(c => c.GetInt32()).ToArray());
        Assert.Equal([1, 1, 0, 0, 2], appeals["Reconsideration"]);
        Assert.Equal([0, 0, 0, 1, 1], appeals["LitigationDirect"]);
        Assert.Equal([0, 1, 0, 0, 1], appeals["LitigationAfterReconsideration"]);

        // The checks see a balanced table.
        var checks = report.GetProperty("checks").EnumerateArray().ToList();
        Assert.DoesNotContain(checks, c => c.GetProperty("id").GetString() is "AR-01" or "AR-02" or "AR-03" or "AR-04" && c.GetProperty("result").GetString() == "Fail");

        // Every cell can be opened: 结转下年度 · 自然人 is the reopened case, marked live; 二 · 商业企业 is IMP-C2, marked imported.
        var cell = await admin.GetFromJsonAsync<JsonElement>($"/api/publishing/annual-reports/{Year}/applications?row=CarriedForward&column=NaturalPerson");
        var only = Assert.Single(cell.GetProperty("cases").EnumerateArray());
        Assert.Equal(reopened.CaseNumber, only.GetProperty("caseNumber").GetString());
        Assert.False(only.GetProperty("imported").GetBoolean());
        cell = await admin.GetFromJsonAsync<JsonElement>($"/api/publishing/annual-reports/{Year}/applications?row=CarriedOver&column=CommercialEnterprise");
        only = Assert.Single(cell.GetProperty("cases").EnumerateArray());
        Assert.Equal("IMP-C2", only.GetProperty("caseNumber").GetString());
        Assert.True(only.GetProperty("imported").GetBoolean());

        // A recount from Workflow's cases gives the same numbers.
        var recount = await (await admin.PostAsync($"/api/publishing/annual-reports/{Year}/recount", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(recount.GetProperty("matches").GetBoolean(), recount.ToString());

        // Last year's table: IMP-C1..C3 received, C3 closed (予以公开), C1 and C2 carried forward; C3's reconsideration (其他结果).
        var last = await admin.PostAsync($"/api/publishing/annual-reports/{Year - 1}", null);
        var lastTable = (await last.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("applications").GetProperty("rows").EnumerateArray()
            .ToDictionary(r => r.GetProperty("row").GetString()!, r => r.GetProperty("counts").EnumerateArray().Select(c => c.GetInt32()).ToArray());
        Assert.Equal([1, 1, 1, 0, 0, 0, 3], lastTable["New"]);
        Assert.Equal([0, 0, 1, 0, 0, 0, 1], lastTable["Disclosed"]);
        Assert.Equal([1, 1, 0, 0, 0, 0, 2], lastTable["CarriedForward"]);

        // Last year's report (a township's: due 31 January) is unpublished: the deadline scan alerts once while it is due soon or overdue.
        var due = new DateOnly(Year, 1, 31);
        var expectedAlerts = Today >= due.AddDays(-15) ? 1 : 0;
        var scan = async () => (await (await admin.PostAsync("/api/publishing/alerts/scan", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("raised").GetInt32();
        Assert.Equal(expectedAlerts, await scan());
        Assert.Equal(0, await scan());
    }

    [Fact]
    public async Task A_report_is_checked_signed_off_published_rendered_and_corrected()
    {
        var unit = await NewTownshipAsync("nc");
        using var admin = await platform.ClientAsync(unit, "admin");
        Assert.Equal(HttpStatusCode.OK, (await ImportAsync(admin, string.Join(',', Headings) + $"\nA-1,自然人,{LastYear},,,,,,\n")).StatusCode);

        // Last year's report, published cleanly: one application carried forward.
        await PublishAsync(admin, unit, Year - 1, CleanText(Year - 1, carriedOver: 0, received: 1, closed: 0, forward: 1));

        // An application of last year imported after that report was published: this year's 二 no longer matches it (AR-06).
        Assert.Equal(HttpStatusCode.OK, (await ImportAsync(admin, string.Join(',', Headings) + $"\nA-2,自然人,{Year - 1}-06-02,,,,,,\n")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync($"/api/publishing/annual-reports/{Year}", null)).StatusCode);

        // The draft: 现行有效 carried from last year, everything else in table 二 empty, drafting prompts in the text.
        var draft = await admin.GetFromJsonAsync<JsonElement>($"/api/publishing/annual-reports/{Year}");
        Assert.Equal(3m, draft.GetProperty("proactive").GetProperty("values").GetProperty("RegulationsInForce").GetDecimal());
        var failures = Failed(await admin.GetFromJsonAsync<JsonElement>($"/api/publishing/annual-reports/{Year}/checks"));
        Assert.Contains(failures, f => f.Id == "AR-09" && f.Location == "表二 · 行政许可本年处理决定数量");
        Assert.Contains(failures, f => f.Id == "AR-12" && f.Location.Contains("（三）政府信息管理"));
        Assert.Contains(failures, f => f.Id == "AR-06" && f.Location == "表三 · 二、上年结转 · 自然人列" && f.Message.Contains("结转下年度为 1"));

        // Bad input changes nothing.
        await AssertRefusedAsync(await admin.PutAsJsonAsync($"/api/publishing/annual-reports/{Year}", new { proactive = new { values = new { LicensingDecisions = -1 } } }),
            "values.LicensingDecisions");
        await AssertRefusedAsync(await admin.PutAsJsonAsync($"/api/publishing/annual-reports/{Year}", new { proactive = new { values = new { PenaltyDecisions = 1.5 } } }),
            "values.PenaltyDecisions");
        await AssertRefusedAsync(await admin.PutAsJsonAsync($"/api/publishing/annual-reports/{Year}",
            new { proactive = new { values = new { FeesAmount = 0 }, notApplicable = new[] { "FeesAmount" } } }), "values.FeesAmount");
        await AssertRefusedAsync(await admin.PutAsJsonAsync($"/api/publishing/annual-reports/{Year}", new { sections = new { problems = new string('问', 10_001) } }),
            "sections.problems");
        await AssertRefusedAsync(await admin.GetAsync("/api/publishing/annual-reports/1999"), "year");
        await AssertRefusedAsync(await admin.GetAsync($"/api/publishing/annual-reports/{Year}/applications?row=Nonsense"), "row");
        Assert.Equal(draft.GetProperty("proactive").ToString(), (await admin.GetFromJsonAsync<JsonElement>($"/api/publishing/annual-reports/{Year}")).GetProperty("proactive").ToString());

        // A figure in the text that does not match its table is named with its sentence (AR-05).
        var wrong = CleanText(Year, carriedOver: 2, received: 0, closed: 0, forward: 2) with { OnApplication = "本年度新收政府信息公开申请99件，上年结转2件。" };
        Assert.True((await admin.PutAsJsonAsync($"/api/publishing/annual-reports/{Year}", new { proactive = FullProactive(), sections = wrong })).IsSuccessStatusCode);
        failures = Failed(await admin.GetFromJsonAsync<JsonElement>($"/api/publishing/annual-reports/{Year}/checks"));
        Assert.Contains(failures, f => f.Id == "AR-05" && f.Location.Contains("本年度新收政府信息公开申请99件") && f.Message.Contains("表中（或系统记录）为 0件"));
        Assert.DoesNotContain(failures, f => f.Id is "AR-09" or "AR-12");
        // Copied from last year's report (same wording, other figures): a warning, not an error.
        Assert.Contains(failures, f => f.Id == "AR-13" && f.Severity == "Warning" && f.Message.Contains($"本单位{Year - 1}年度报告"));

        // Blocked without an override reason; with a fixed text only AR-06 is left, and the override reason is kept.
        Assert.True((await admin.PutAsJsonAsync($"/api/publishing/annual-reports/{Year}",
            new { sections = CleanText(Year, carriedOver: 2, received: 0, closed: 0, forward: 2) })).IsSuccessStatusCode);
        var blocked = await admin.PostAsJsonAsync($"/api/publishing/annual-reports/{Year}/submission", new { });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, blocked.StatusCode);
        var blocking = (await blocked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("failures").EnumerateArray()
            .Select(f => f.GetProperty("location").GetString()).ToList();
        Assert.Equal(["表三 · 二、上年结转 · 自然人列", "表三 · 二、上年结转 · 总计列"], blocking);
        var submitted = await admin.PostAsJsonAsync($"/api/publishing/annual-reports/{Year}/submission", new { overrideReason = "A-2 为上年度漏登申请，已补录，上年度报告将更正" });
        Assert.True(submitted.IsSuccessStatusCode, await submitted.Content.ReadAsStringAsync());
        var inReview = await submitted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("InReview", inReview.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PutAsJsonAsync($"/api/publishing/annual-reports/{Year}", new { sections = wrong })).StatusCode);

        // Signed off through the review chain: published with number and hash, on the public page, rendered to PDF by Document.
        await ReviewChain.ApproveAsync(platform, unit, inReview.GetProperty("id").GetGuid(), 1, "AnnualReport");
        var published = await PublishedAsync(admin, Year, version: 1);
        Assert.Equal($"{unit}-NB{Year}-01", published.GetProperty("number").GetString());
        Assert.Equal("A-2 为上年度漏登申请，已补录，上年度报告将更正", published.GetProperty("overrideReason").GetString());
        using var anonymous = platform.Anonymous();
        var page = await anonymous.GetAsync($"/api/publishing/public/{unit}/annual-reports/{Year}/page");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains($"{Year}年政府信息公开工作年度报告", html);
        Assert.Contains("三、本年度办理结果", html);
        Assert.Contains("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", html);
        var publicReport = await JsonEventuallyAsync(async () =>
        {
            var r = await anonymous.GetFromJsonAsync<JsonElement>($"/api/publishing/public/{unit}/annual-reports/{Year}");
            return r.GetProperty("pdfUrl").ValueKind == JsonValueKind.String ? r : null;
        }, PlatformFixture.DocumentWait, "the report's PDF");
        Assert.Equal(published.GetProperty("sha256").GetString(), publicReport.GetProperty("sha256").GetString());
        var pdf = await anonymous.GetByteArrayAsync(publicReport.GetProperty("pdfUrl").GetString());
        Assert.Equal("%PDF", Encoding.ASCII.GetString(pdf, 0, 4));
        // The public portal shows the same report, with its download links.
        var portalPage = await anonymous.GetStringAsync($"/reports/{unit}/{Year}");
        Assert.Contains("三、本年度办理结果", portalPage);
        Assert.Contains(publicReport.GetProperty("pdfUrl").GetString()!, portalPage);
        var tables = await anonymous.GetStringAsync($"/api/publishing/public/{unit}/annual-reports/{Year}/tables.csv");
        Assert.Contains("二、上年结转政府信息公开申请数量,2,0,0,0,0,0,2", tables);

        // A correction is a new version with its reason; publishing it replaces the first, which stays readable.
        var correction = await admin.PostAsJsonAsync($"/api/publishing/annual-reports/{Year}/corrections", new { reason = "更正表二行政许可数量" });
        Assert.Equal(HttpStatusCode.Created, correction.StatusCode);
        var v2 = await correction.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, v2.GetProperty("version").GetInt32());
        var fixedTable = FullProactive();
        fixedTable.Values["LicensingDecisions"] = 13;
        Assert.True((await admin.PutAsJsonAsync($"/api/publishing/annual-reports/{Year}", new { proactive = fixedTable })).IsSuccessStatusCode);
        Assert.True((await admin.PostAsJsonAsync($"/api/publishing/annual-reports/{Year}/submission", new { overrideReason = "同第 1 版" })).IsSuccessStatusCode);
        await ReviewChain.ApproveAsync(platform, unit, v2.GetProperty("id").GetGuid(), 1, "AnnualReport");
        await PublishedAsync(admin, Year, version: 2);
        var versions = await anonymous.GetFromJsonAsync<JsonElement>($"/api/publishing/public/{unit}/annual-reports/{Year}");
        Assert.Equal(2, versions.GetProperty("version").GetInt32());
        Assert.Equal("更正表二行政许可数量", versions.GetProperty("correctionReason").GetString());
        Assert.Equal([true, false], versions.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("superseded").GetBoolean()));
        Assert.Contains("更正说明：更正表二行政许可数量", versions.GetProperty("layout").ToString());

        // The district sees where the township's report stands.
        using var supervisor = await platform.ClientAsync(PlatformFixture.District, "supervisor", fresh: true);
        var units = await supervisor.GetFromJsonAsync<JsonElement>($"/api/publishing/annual-reports/{Year}/units");
        var mine = units.EnumerateArray().Single(u => u.GetProperty("unitCode").GetString() == unit);
        Assert.Equal("Published", mine.GetProperty("state").GetString());
        var read = await supervisor.GetFromJsonAsync<JsonElement>($"/api/publishing/supervision/units/{unit}/annual-reports/{Year}");
        Assert.Equal(2, read.GetProperty("version").GetInt32());
    }

    private static readonly string[] Headings = ["申请编号", "申请人类别", "收到申请日期", "办结日期", "办理结果", "复议诉讼类型", "复议诉讼提起日期", "复议诉讼结果", "复议诉讼审结日期"];

    private sealed record Failure(string Id, string Severity, string Location, string Message);

    private sealed record Sections(string ProactiveDisclosure, string OnApplication, string InformationManagement, string PlatformBuilding,
        string SupervisionAndGuarantee, string Problems, string OtherMatters);

    private sealed record Proactive(Dictionary<string, decimal> Values, string[] NotApplicable);

    private static List<Failure> Failed(JsonElement checks) => checks.EnumerateArray().Where(c => c.GetProperty("result").GetString() == "Fail")
        .Select(c => new Failure(c.GetProperty("id").GetString()!, c.GetProperty("severity").GetString()!, c.GetProperty("location").GetString()!,
            c.GetProperty("message").GetString()!)).ToList();

    private static Proactive FullProactive() => new(new()
    {
        ["RegulationsIssued"] = 0, ["RegulationsRepealed"] = 0, ["RegulationsInForce"] = 3, ["NormativeDocumentsIssued"] = 2,
        ["NormativeDocumentsRepealed"] = 1, ["NormativeDocumentsInForce"] = 6, ["LicensingDecisions"] = 12, ["PenaltyDecisions"] = 4, ["CoercionDecisions"] = 0,
    }, ["FeesAmount"]);

    private static Sections CleanText(int year, int carriedOver, int received, int closed, int forward) => new(
        $"{year}年，本街道主动公开政府信息0条，围绕老旧小区改造和民生政策开展解读。",
        $"本年度新收政府信息公开申请{received}件，上年结转{carriedOver}件，办结{closed}件，结转下年度继续办理{forward}件。",
        "落实公文公开属性源头认定和保密审查。", "维护街道政府信息公开专栏。", "开展政务公开培训两次。", "专栏更新不够及时，将按月检查。",
        "本年度发出收费通知0件，收取信息处理费0元。");

    /// <summary>Starts, fills, submits and signs off the unit's report for <paramref name="year"/>.</summary>
    private async Task PublishAsync(HttpClient admin, string unit, int year, Sections text)
    {
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync($"/api/publishing/annual-reports/{year}", null)).StatusCode);
        var edited = await admin.PutAsJsonAsync($"/api/publishing/annual-reports/{year}", new { proactive = FullProactive(), sections = text });
        Assert.True(edited.IsSuccessStatusCode, await edited.Content.ReadAsStringAsync());
        var submitted = await admin.PostAsJsonAsync($"/api/publishing/annual-reports/{year}/submission", new { overrideReason = "上一年度无本平台报告可供核对" });
        Assert.True(submitted.IsSuccessStatusCode, await submitted.Content.ReadAsStringAsync());
        await ReviewChain.ApproveAsync(platform, unit, (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), 1, "AnnualReport");
        await PublishedAsync(admin, year, version: 1);
    }

    private static Task<JsonElement> PublishedAsync(HttpClient admin, int year, int version) =>
        JsonEventuallyAsync(async () =>
        {
            var r = await admin.GetFromJsonAsync<JsonElement>($"/api/publishing/annual-reports/{year}");
            return r.GetProperty("state").GetString() == "Published" && r.GetProperty("version").GetInt32() == version ? r : null;
        }, PlatformFixture.EventWait, $"the {year} report version {version} published");

    private static async Task<JsonElement> JsonEventuallyAsync(Func<Task<JsonElement?>> probe, TimeSpan timeout, string what) =>
        (JsonElement)await PlatformFixture.EventuallyAsync(async () => await probe() is { } found ? (object)found : null, timeout, what);

    private static Task<HttpResponseMessage> ImportAsync(HttpClient client, string csv)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "applications.csv" } };
        return client.PostAsync("/api/publishing/annual-reports/imports", form);
    }

    private async Task<CaseSummary> OpenCaseAsync(HttpClient client)
    {
        var registered = await platform.RegisterAsync(client);
        return await Cases.WaitForCaseAsync(client, registered.Id, PlatformFixture.EventWait);
    }

    private static Task<JsonElement> CellEventuallyAsync(HttpClient client, string row, string caseNumber) =>
        JsonEventuallyAsync(async () =>
        {
            var cell = await client.GetFromJsonAsync<JsonElement>($"/api/publishing/annual-reports/{Year}/applications?row={row}");
            return cell.GetProperty("cases").EnumerateArray().Any(c => c.GetProperty("caseNumber").GetString() == caseNumber) ? cell : null;
        }, PlatformFixture.EventWait, $"case {caseNumber} in row {row}");

    /// <summary>A new township under the demo district with its own staff: admin (registers, handles, administers), counsel, approver.</summary>
    private async Task<string> NewTownshipAsync(string prefix)
    {
        var code = $"{PlatformFixture.District}-{prefix}{Random.Shared.Next(100000, 999999)}";
        using var districtAdmin = await platform.ClientAsync(PlatformFixture.District, "admin");
        var created = await districtAdmin.PostAsJsonAsync("/api/identity/units", new { code, name = $"年报测试{code[^6..]}街道办事处", kind = "Township", parentCode = PlatformFixture.District });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        foreach (var (user, roles) in new[] { ("admin", new[] { "unit_admin", "handler", "registrar" }), ("counsel", ["legal_counsel"]), ("approver", ["approver"]) })
        {
            var response = await districtAdmin.PostAsJsonAsync($"/api/identity/units/{code}/users",
                new { userName = user, displayName = $"年报{user}", password = PlatformFixture.DemoPassword, roles });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
        return code;
    }
}

public sealed record CellCases(int Year, string Row, string RowLabel, string ColumnLabel, int Count, List<CountedCase> Cases);

public sealed record CountedCase(Guid CaseId, string CaseNumber, string ApplicantCategory, DateOnly CountedFrom, DateOnly? ClosedOn, string? Outcome, bool Imported);
