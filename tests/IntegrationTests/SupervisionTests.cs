using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gongkai.BuildingBlocks;

namespace Gongkai.IntegrationTests;

/// <summary>
/// The district's supervision through the gateway, on a district of its own with three townships and cases over two
/// months: every indicator equals a count made by hand from the cases the test created; the 红黑榜 ranks by the default
/// rules (a corrected appeal is a one-vote veto); spot-check findings reach the 通报 and the unit's rectification list;
/// the published 通报 is rendered and each township sees only its own line; the heat map counts by domain and its public
/// version shows no cell under the minimum.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class SupervisionTests(PlatformFixture platform)
{
    private static readonly DateOnly Today = ChinaTime.DateOf(DateTimeOffset.UtcNow);
    private static readonly DateOnly ThisMonth = new(Today.Year, Today.Month, 1);
    private static readonly DateOnly LastMonth = ThisMonth.AddMonths(-1);
    private static readonly WorkingDayCalendar Calendar = new(HolidaySchedule.Shipped());

    // A = first of last month, B = ten days later (still last month), D = ninety days ago (before both months).
    private static readonly DateOnly A = LastMonth, B = LastMonth.AddDays(10), D = Today.AddDays(-90);

    /// <summary>A case the test creates, and what the hand count needs of it.</summary>
    private sealed record Planned(int Unit, DateOnly Received, DateOnly? RepliedOn, string Description, bool Extended = false, bool Correction = false)
    {
        // A correction restarts the clock on the day the corrected application arrives (here: the day it was received).
        public DateOnly Due => Calendar.Due(Received, Extended ? 30 : 20);
        public int? WorkingDays => RepliedOn is { } x ? Calendar.WorkingDaysBetween(Received, x) : null;
        public bool? Late => RepliedOn is { } x ? x > Due : null;
    }

    [Fact]
    public async Task Indicators_bulletin_spot_checks_and_heat_map_equal_counts_made_by_hand()
    {
        var token = Random.Shared.Next(100000, 999999);
        var (district, units) = await NewDistrictAsync(token);
        Planned[] plan =
        [
            new(0, A, A, $"东升街道房屋征收补偿安置方案{token}-1"),
            new(0, A, B, $"东升街道房屋征收补偿安置方案{token}-2"),
            new(0, D, Today, $"棠湖路拆迁补偿安置方案{token}-3"),
            new(0, B, null, $"棠湖路房屋征收决定{token}-4"),
            new(1, Today, Today, $"2025年度部门预算和三公经费{token}-5"),
            new(1, A, B, $"2025年度部门决算{token}-6", Extended: true),
            new(1, Today, Today, $"社区专项资金拨付明细{token}-7", Correction: true),
            new(2, A, A, $"某会议纪要第{token}号"),
            new(2, Today, Today, $"辖区路灯维修记录{token}-9"),
        ];

        var caseIds = new Guid[plan.Length];
        for (var i = 0; i < plan.Length; i++)
            caseIds[i] = await CreateCaseAsync(units[plan[i].Unit], plan[i]);

        // A reconsideration of township 3's case filed and decided (纠正) last month: the one-vote veto.
        using (var admin3 = await platform.ClientAsync(units[2], "admin"))
        {
            var appeal = await admin3.PostAsJsonAsync("/api/publishing/appeals", new { caseId = caseIds[7], kind = "Reconsideration", body = "区人民政府", filedOn = A });
            Assert.Equal(HttpStatusCode.Created, appeal.StatusCode);
            var appealId = (await appeal.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            var decided = await admin3.PostAsJsonAsync($"/api/publishing/appeals/{appealId}/decision", new { outcome = "Corrected", decidedOn = B, ordersNewReply = false });
            Assert.True(decided.IsSuccessStatusCode, await decided.Content.ReadAsStringAsync());
            // The handler confirms the domain Intake could not suggest.
            var confirmed = await admin3.PostAsJsonAsync($"/api/workflow/cases/{caseIds[7]}/domain", new { domainCode = "26" });
            Assert.True(confirmed.IsSuccessStatusCode, await confirmed.Content.ReadAsStringAsync());
            var unknown = await admin3.PostAsJsonAsync($"/api/workflow/cases/{caseIds[7]}/domain", new { domainCode = "99" });
            await Problems.AssertRefusedAsync(unknown, "domainCode");
        }

        using var supervisor = await platform.ClientAsync(district, "supervisor", fresh: true);
        foreach (var (period, from, to) in new[] { (Month(LastMonth), LastMonth, ThisMonth.AddDays(-1)), (Month(ThisMonth), ThisMonth, ThisMonth.AddMonths(1).AddDays(-1)) })
        {
            var expected = Enumerable.Range(0, 3).Select(u => Expected(plan.Where(p => p.Unit == u).ToList(), from, to)).ToList();
            // Each township reads its own figures once Workflow's events have arrived.
            for (var u = 0; u < 3; u++)
            {
                using var admin = await platform.ClientAsync(units[u], "admin");
                var own = await EventuallyAsync(admin, $"/api/publishing/supervision/indicators?period={period}",
                    j => Figures(j) == expected[u].Figures, $"township {u + 1}'s figures for {period}");
                Assert.Equal(units[u], own.GetProperty("unitCode").GetString());
                AssertWorkingDays(expected[u], own);
            }
            // The district: one line per township, equal to the hand count, and a roll-up that adds them up.
            var all = await supervisor.GetFromJsonAsync<JsonElement>($"/api/publishing/supervision/district/indicators?period={period}");
            var lines = all.GetProperty("units").EnumerateArray().ToDictionary(l => l.GetProperty("unitCode").GetString()!);
            Assert.Equal(units.Order(StringComparer.Ordinal), lines.Keys.Order(StringComparer.Ordinal));
            for (var u = 0; u < 3; u++)
                Assert.Equal(expected[u].Figures, Figures(lines[units[u]]));
            var total = Expected(plan.ToList(), from, to);
            Assert.Equal(total.Figures, Figures(all.GetProperty("district")));
            AssertWorkingDays(total, all.GetProperty("district"));
        }
        // Recomputable from the source: Workflow's current facts change nothing that the events had not already brought.
        using (var admin1 = await platform.ClientAsync(units[0], "admin"))
        {
            var recount = await (await admin1.PostAsync("/api/publishing/supervision/recount", null)).Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal((4, 0, 0), (recount.GetProperty("cases").GetInt32(), recount.GetProperty("added").GetInt32(), recount.GetProperty("updated").GetInt32()));
        }
        var lastMonth = await supervisor.GetFromJsonAsync<JsonElement>($"/api/publishing/supervision/district/indicators?period={Month(LastMonth)}");
        Assert.Equal(1, lastMonth.GetProperty("units").EnumerateArray().Single(l => l.GetProperty("unitCode").GetString() == units[2]).GetProperty("appealsCorrected").GetInt64());

        // Every district read is in the read township's own audit log.
        using (var admin2 = await platform.ClientAsync(units[1], "admin"))
            await PlatformFixture.EventuallyAsync(async () =>
            {
                var log = await admin2.GetFromJsonAsync<List<JsonElement>>($"/api/identity/audit/{units[1]}?take=200");
                return log!.Any(e => e.GetProperty("action").GetString() == "supervisor-viewed-indicators"
                    && e.GetProperty("target").GetString() == $"indicators:{Month(LastMonth)}") ? log : null;
            }, PlatformFixture.EventWait, "the supervisor's read in the township's audit log");

        // A township sees neither the district's instruments nor another township's figures.
        using (var admin1 = await platform.ClientAsync(units[0], "admin"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await admin1.GetAsync($"/api/publishing/supervision/district/indicators?period={Month(LastMonth)}")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await admin1.GetAsync("/api/publishing/supervision/district/heat-map?year=" + Today.Year)).StatusCode);
        }
        // The demo district's supervisor does not supervise this district's townships.
        using (var otherSupervisor = await platform.ClientAsync(PlatformFixture.District, "supervisor"))
        {
            var foreign = await otherSupervisor.GetAsync($"/api/publishing/supervision/district/heat-map/cases?unit={units[0]}&year={Today.Year}&domain=07");
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
            var theirs = await otherSupervisor.GetFromJsonAsync<JsonElement>($"/api/publishing/supervision/district/indicators?period={Month(LastMonth)}");
            Assert.DoesNotContain(theirs.GetProperty("units").EnumerateArray(), l => units.Contains(l.GetProperty("unitCode").GetString()));
        }
        await Problems.AssertRefusedAsync(await supervisor.GetAsync("/api/publishing/supervision/district/indicators?period=2026-13"), "period");

        // Spot check of last month: one closed case per township (township 1 closed two, township 2 one, township 3 one).
        var draw = await supervisor.PostAsJsonAsync("/api/publishing/supervision/district/spot-checks", new { period = Month(LastMonth), perUnit = 1 });
        Assert.True(draw.IsSuccessStatusCode, await draw.Content.ReadAsStringAsync());
        var check = await draw.Content.ReadFromJsonAsync<JsonElement>();
        var items = check.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(3, items.Count);
        var closedLastMonth = plan.Select((p, i) => (p, i)).Where(x => x.p.RepliedOn is { } r && r >= LastMonth && r < ThisMonth).Select(x => caseIds[x.i]).ToHashSet();
        Assert.All(items, i => Assert.Contains(i.GetProperty("caseId").GetGuid(), closedLastMonth));
        var checklist = check.GetProperty("checklist").EnumerateArray().Select(q => q.GetString()!).ToList();
        var item1 = items.Single(i => i.GetProperty("unitCode").GetString() == units[0]);
        var answers = checklist.Select((q, n) => new { question = q, passed = n != 2, note = n == 2 ? "未在期限内答复" : null }).ToList();
        var noFindings = await supervisor.PutAsJsonAsync($"/api/publishing/supervision/district/spot-checks/{check.GetProperty("id").GetGuid()}/items/{units[0]}/{item1.GetProperty("id").GetGuid()}",
            new { answers, findings = "" });
        await Problems.AssertRefusedAsync(noFindings, "findings");
        var reviewed = await supervisor.PutAsJsonAsync($"/api/publishing/supervision/district/spot-checks/{check.GetProperty("id").GetGuid()}/items/{units[0]}/{item1.GetProperty("id").GetGuid()}",
            new { answers, findings = "答复超过法定期限，未履行延期审批手续。" });
        Assert.True(reviewed.IsSuccessStatusCode, await reviewed.Content.ReadAsStringAsync());
        using (var admin1 = await platform.ClientAsync(units[0], "admin"))
        using (var admin2 = await platform.ClientAsync(units[1], "admin"))
        {
            Assert.Empty((await admin2.GetFromJsonAsync<JsonElement>("/api/publishing/supervision/rectifications")).EnumerateArray());
            var mine = Assert.Single((await admin1.GetFromJsonAsync<JsonElement>("/api/publishing/supervision/rectifications")).EnumerateArray());
            Assert.Equal("ProblemsFound", mine.GetProperty("state").GetString());
            var rectified = await admin1.PutAsJsonAsync($"/api/publishing/supervision/rectifications/{mine.GetProperty("id").GetGuid()}", new { rectification = "已补办延期审批并组织承办人员学习。" });
            Assert.True(rectified.IsSuccessStatusCode, await rectified.Content.ReadAsStringAsync());
        }

        // The 通报 of last month, by the default rules (按时办结率 40 × rate, 90% 用时 ≤ 15 → 10, 逾期未办结 20 − 5 each,
        // 主动公开按时率 10, 空白栏目 5, 年度报告未按时公布 5, 抽查问题 10 − 2 each; a corrected appeal vetoes). These new
        // townships published no items and have no catalogue; last year's report is overdue once January has passed.
        var draft = await supervisor.PostAsJsonAsync("/api/publishing/supervision/district/bulletins", new { period = Month(LastMonth) });
        Assert.True(draft.IsSuccessStatusCode, await draft.Content.ReadAsStringAsync());
        var bulletin = await draft.Content.ReadFromJsonAsync<JsonElement>();
        var entries = bulletin.GetProperty("entries").EnumerateArray().ToDictionary(e => e.GetProperty("score").GetProperty("unitCode").GetString()!);
        var lm = Enumerable.Range(0, 3).Select(u => Expected(plan.Where(p => p.Unit == u).ToList(), LastMonth, ThisMonth.AddDays(-1))).ToList();
        for (var u = 0; u < 3; u++)
        {
            var e = lm[u];
            var onTime = e.Figures.OnTime + e.Figures.Late == 0 ? 40m : Math.Round(40m * Math.Round((decimal)e.Figures.OnTime / (e.Figures.OnTime + e.Figures.Late), 4), 1);
            var p90 = e.P90 is null or <= 15 ? 10m : 0m;
            var overdue = Math.Max(0, 20m - 5 * e.Figures.OverdueOpen);
            var spot = u == 0 ? 8m : 10m;
            var annualReport = LastMonth.Month >= 2 ? 0m : 5m;
            var expectedScore = onTime + p90 + overdue + 10 + 5 + annualReport + spot;
            var score = entries[units[u]].GetProperty("score");
            Assert.Equal(expectedScore, score.GetProperty("score").GetDecimal());
            Assert.Equal(u == 0 ? 1 : 0, entries[units[u]].GetProperty("figures").GetProperty("spotCheckProblems").GetInt32());
        }
        var vetoed = entries[units[2]].GetProperty("score");
        Assert.Equal("BlackList", vetoed.GetProperty("standing").GetString());
        Assert.Equal(3, vetoed.GetProperty("rank").GetInt32());
        Assert.NotEmpty(vetoed.GetProperty("vetoes").EnumerateArray());

        var id = bulletin.GetProperty("id").GetGuid();
        var remarks = await supervisor.PutAsJsonAsync($"/api/publishing/supervision/district/bulletins/{id}/remarks",
            new { remarks = "各单位要严格落实答复期限。", units = new Dictionary<string, string> { [units[2]] = "被复议纠错，须限期整改。" } });
        Assert.True(remarks.IsSuccessStatusCode, await remarks.Content.ReadAsStringAsync());
        var published = await supervisor.PostAsync($"/api/publishing/supervision/district/bulletins/{id}/publication", null);
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        var number = (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString()!;
        // Immutable once published.
        Assert.Equal(HttpStatusCode.Conflict, (await supervisor.PutAsJsonAsync($"/api/publishing/supervision/district/bulletins/{id}/remarks", new { remarks = "改" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await supervisor.PostAsJsonAsync("/api/publishing/supervision/district/bulletins", new { period = Month(LastMonth) })).StatusCode);

        // Document renders it; the district downloads the PDF.
        await EventuallyAsync(supervisor, $"/api/publishing/supervision/district/bulletins/{id}",
            j => j.GetProperty("pdfSha256").ValueKind == JsonValueKind.String, "the 通报 rendered", PlatformFixture.DocumentBacklogWait);
        var pdf = await supervisor.GetAsync($"/api/document/bulletins/{id}/pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync())[..4]));

        // Each township sees its own line, and only its own.
        for (var u = 0; u < 3; u++)
        {
            using var admin = await platform.ClientAsync(units[u], "admin");
            var standing = Assert.Single((await admin.GetFromJsonAsync<JsonElement>("/api/publishing/supervision/standings")).EnumerateArray());
            Assert.Equal(number, standing.GetProperty("number").GetString());
            Assert.Equal(units[u], standing.GetProperty("entry").GetProperty("score").GetProperty("unitCode").GetString());
            Assert.Equal(3, standing.GetProperty("unitsRanked").GetInt32());
        }

        // Heat map of this year: by suggested or confirmed domain × month × township, drill-down to the cases.
        var heat = await supervisor.GetFromJsonAsync<JsonElement>($"/api/publishing/supervision/district/heat-map?year={Today.Year}");
        var cells = heat.GetProperty("cells").EnumerateArray()
            .ToDictionary(c => (c.GetProperty("unitCode").GetString()!, c.GetProperty("domainCode").GetString()!, c.GetProperty("month").GetInt32()), c => c.GetProperty("count").GetInt64());
        var domains = new[] { "07", "07", "07", "07", "04", "04", "04", "26", "26" };
        var expectedCells = plan.Select((p, i) => (p, i)).Where(x => x.p.Received.Year == Today.Year)
            .GroupBy(x => (units[x.p.Unit], domains[x.i], x.p.Received.Month)).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(expectedCells.OrderBy(k => k.Key.ToString()), cells.OrderBy(k => k.Key.ToString()));
        var drill = await supervisor.GetFromJsonAsync<JsonElement>($"/api/publishing/supervision/district/heat-map/cases?unit={units[0]}&domain=07&year={Today.Year}&month={A.Month}");
        Assert.Equal(plan.Count(p => p.Unit == 0 && p.Received.Year == Today.Year && p.Received.Month == A.Month), drill.GetArrayLength());

        // The public version: with a minimum of 2, no published cell is under 2, and the cells of 2 or more are there.
        var settings = await supervisor.GetFromJsonAsync<JsonElement>("/api/publishing/supervision/district/settings");
        var put = await supervisor.PutAsJsonAsync("/api/publishing/supervision/district/settings",
            new { rules = settings.GetProperty("rules"), checklist = settings.GetProperty("checklist"), minimumPublicCount = 2 });
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        Assert.True((await supervisor.PostAsync($"/api/publishing/supervision/district/heat-map/{Today.Year}/publication", null)).IsSuccessStatusCode);
        using var anonymous = platform.Anonymous();
        var map = await anonymous.GetFromJsonAsync<JsonElement>($"/api/publishing/public/heat-maps/{district}/{Today.Year}");
        var shown = map.GetProperty("cells").EnumerateArray().ToList();
        Assert.All(shown, c => Assert.True(c.GetProperty("count").GetInt64() >= 2));
        Assert.Equal(expectedCells.Count(c => c.Value >= 2), shown.Count);
        Assert.DoesNotContain("caseNumber", map.GetRawText());
    }

    // ---- the hand count ------------------------------------------------------------------------------

    private sealed record FigureSet(long Received, long Closed, long OnTime, long Late, long Extended, long Corrections, long OverdueOpen);

    private sealed record ExpectedFigures(FigureSet Figures, double? Average, int? P90);

    private static ExpectedFigures Expected(List<Planned> cases, DateOnly from, DateOnly to)
    {
        var end = to < Today ? to : Today;
        bool In(DateOnly? d) => d is { } x && x >= from && x <= to;
        var closed = cases.Where(c => In(c.RepliedOn)).ToList();
        var overdue = cases.Count(c => c.Received <= end && (c.RepliedOn is null || c.RepliedOn > end) && c.Due < end);
        var figures = new FigureSet(cases.Count(c => In(c.Received)), closed.Count, closed.Count(c => c.Late == false), closed.Count(c => c.Late == true),
            closed.Count(c => c.Extended), closed.Count(c => c.Correction), overdue);
        var days = closed.Select(c => c.WorkingDays!.Value).Order().ToList();
        return new(figures, days.Count == 0 ? null : Math.Round(days.Average(), 1), days.Count == 0 ? null : days[(int)Math.Ceiling(days.Count * 0.9) - 1]);
    }

    private static FigureSet Figures(JsonElement j) => new(j.GetProperty("received").GetInt64(), j.GetProperty("closed").GetInt64(),
        j.GetProperty("closedOnTime").GetInt64(), j.GetProperty("closedLate").GetInt64(), j.GetProperty("extended").GetInt64(),
        j.GetProperty("correctionsRequested").GetInt64(), j.GetProperty("overdueOpen").GetInt64());

    private static void AssertWorkingDays(ExpectedFigures expected, JsonElement j)
    {
        Assert.Equal(expected.Average, j.GetProperty("averageWorkingDays") is { ValueKind: JsonValueKind.Number } a ? a.GetDouble() : null);
        Assert.Equal(expected.P90, j.GetProperty("percentile90WorkingDays") is { ValueKind: JsonValueKind.Number } p ? p.GetInt32() : null);
    }

    // ---- set-up ----------------------------------------------------------------------------------------

    private static string Month(DateOnly d) => $"{d:yyyy-MM}";

    private async Task<Guid> CreateCaseAsync(string unit, Planned p)
    {
        using var admin = await platform.ClientAsync(unit, "admin");
        var body = IntakeTestData.Person("InPerson", p.Description);
        // Handed in at the counter that day (09:00 China time; today: a minute ago).
        body["arrivedAt"] = p.Received == Today ? DateTimeOffset.UtcNow.AddMinutes(-1) : new DateTimeOffset(p.Received.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8));
        var registered = await admin.PostAsJsonAsync("/api/intake/applications", body);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var applicationId = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var @case = await Cases.WaitForCaseAsync(admin, applicationId, PlatformFixture.EventWait);
        Assert.Equal(p.Received, @case.ReceivedOn);
        if (p.Extended)
        {
            using var approver = await platform.ClientAsync(unit, "approver");
            await PostAsync(approver, @case.Id, "extensions", new { workingDays = 10, reason = "需要调取档案", decidedOn = p.Received });
        }
        if (p.Correction)
        {
            await PostAsync(admin, @case.Id, "correction-requests", new { items = "请写明所需信息的名称", periodWorkingDays = 15, noticeSentOn = p.Received });
            await PostAsync(admin, @case.Id, "corrections", new { on = p.Received });
        }
        if (p.RepliedOn is { } on)
            await PostAsync(admin, @case.Id, "on-the-spot-reply", new { replyType = "Disclose", outcome = "Disclosed", reasons = "当场提供", on });
        return @case.Id;
    }

    private static async Task PostAsync(HttpClient client, Guid caseId, string action, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/workflow/cases/{caseId}/{action}", body);
        Assert.True(response.IsSuccessStatusCode, $"{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>A district of its own under the city, with a supervisor, and three townships with an admin (登记、承办) and an approver.</summary>
    private async Task<(string District, string[] Units)> NewDistrictAsync(int token)
    {
        using var platformAdmin = await platform.ClientAsync("platform", "admin");
        var district = $"sv{token}";
        await CreateAsync(platformAdmin, "/api/identity/units", new { code = district, name = $"监督测试{token}区人民政府", kind = "District", parentCode = "5101" });
        await CreateAsync(platformAdmin, $"/api/identity/units/{district}/users",
            new { userName = "supervisor", displayName = "区级监督员", password = PlatformFixture.DemoPassword, roles = new[] { "district_supervisor" } });
        var units = new string[3];
        for (var u = 0; u < 3; u++)
        {
            units[u] = $"{district}-t{u + 1}";
            await CreateAsync(platformAdmin, "/api/identity/units", new { code = units[u], name = $"监督测试{token}区第{u + 1}街道办事处", kind = "Township", parentCode = district });
            foreach (var (user, roles) in new[] { ("admin", new[] { "unit_admin", "handler", "registrar" }), ("approver", ["approver"]) })
                await CreateAsync(platformAdmin, $"/api/identity/units/{units[u]}/users",
                    new { userName = user, displayName = $"{user}{u + 1}", password = PlatformFixture.DemoPassword, roles });
        }
        return (district, units);
    }

    private static async Task CreateAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<JsonElement> EventuallyAsync(HttpClient client, string path, Func<JsonElement, bool> done, string what, TimeSpan? timeout = null) =>
        (JsonElement)await PlatformFixture.EventuallyAsync(async () =>
        {
            var j = await client.GetFromJsonAsync<JsonElement>(path);
            return done(j) ? (object)j : null;
        }, timeout ?? PlatformFixture.EventWait, what);
}
