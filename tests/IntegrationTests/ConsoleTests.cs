using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Gongkai.IntegrationTests;

/// <summary>
/// The staff console (web/console, served by the gateway at /console/) in Debian's Chromium, against the platform the
/// tests start: a citizen's application from the portal through every role's screen to the reply the citizen downloads.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ConsoleTests(PlatformFixture platform) : IAsyncLifetime
{
    private const string Unit = PlatformFixture.TenantB;
    private Chromium _browser = null!;

    public async Task InitializeAsync() => _browser = await Chromium.LaunchAsync();

    public async Task DisposeAsync() => await _browser.DisposeAsync();

    [Fact]
    public async Task An_application_from_the_portal_is_confirmed_decided_reviewed_issued_delivered_closed_and_the_citizen_downloads_the_reply()
    {
        // The citizen applies on the portal.
        var citizen = await _browser.NewPageAsync();
        var (number, code) = await PortalTests.ApplyAsync(citizen, platform.Gateway, Unit, $"西航港街道 2026 年城中村改造项目补偿方案 {IntakeTestData.Token()}");

        // The registrar confirms receipt from the workbench.
        var staff = await _browser.NewPageAsync();
        await SignInAsync(staff, "registrar");
        await Accessibility.AssertNoSeriousViolationsAsync(platform, staff, "the registrar's workbench");
        await Screenshots.TakeAsync(staff, "console-workbench");
        await staff.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await Choose(staff, "#confirmMethod", "网上回执");
        await staff.GetByTestId("confirm-receipt").ClickAsync();
        await Assertions.Expect(staff.GetByTestId("application-status")).Not.ToContainTextAsync("待确认", new() { Timeout = 60_000 });

        using var api = await platform.ClientAsync(Unit, "handler");
        var applications = await api.GetFromJsonAsync<List<JsonElement>>("/api/intake/applications?take=200");
        var applicationId = applications!.Single(a => a.GetProperty("applicationNumber").GetString() == number).GetProperty("id").GetGuid();
        var opened = await Cases.WaitForCaseAsync(api, applicationId, PlatformFixture.EventWait);

        // The handler finds the case on the workbench and takes it through triage, search and a decision to review.
        await SignOutAsync(staff);
        await SignInAsync(staff, "handler");
        await staff.GetByRole(AriaRole.Link, new() { Name = opened.CaseNumber }).First.ClickAsync();
        await Assertions.Expect(staff.GetByTestId("case-number")).ToHaveTextAsync(opened.CaseNumber);
        await Accessibility.AssertNoSeriousViolationsAsync(platform, staff, "the case page");
        await ActAsync(staff, "StartTriage");
        await ActAsync(staff, "StartSearch");
        await ActAsync(staff, "DraftDecision", async () =>
        {
            // A partial disclosure: the unit's policy sends it to legal counsel before the approver signs.
            await Choose(staff, "#action-DraftDecision-replyType", "部分公开");
            await Choose(staff, "#action-DraftDecision-outcome", "（二）部分公开");
            await staff.Locator("#action-DraftDecision-reasons").FillAsync("补偿名册中被征收人的身份证号码和银行账号属个人隐私，依条例第十五条不予公开；其余内容予以公开");
        });
        await ActAsync(staff, "RequestReview");
        await Screenshots.TakeAsync(staff, "console-case");

        // Legal counsel and the approver approve in their review inbox.
        foreach (var (user, checklist) in new[] { ("counsel", true), ("approver", false) })
        {
            await SignOutAsync(staff);
            await SignInAsync(staff, user);
            // LegalReview opens the round when it consumes the request: wait for that, not for a time.
            using var reviewer = await platform.ClientAsync(Unit, user);
            await PlatformFixture.EventuallyAsync(async () =>
                (await reviewer.GetStringAsync("/api/legalreview/tasks")).Contains(opened.CaseNumber) ? "" : null, PlatformFixture.EventWait, $"{user}'s review task");
            await staff.GotoAsync(Console("/reviews"));
            await staff.Locator("a", new() { HasText = opened.CaseNumber }).First.ClickAsync();
            await Assertions.Expect(staff.GetByTestId("review-state")).ToBeVisibleAsync();
            if (checklist)
            {
                foreach (var question in await staff.Locator("[data-testid^='checklist-']").AllAsync())
                    await question.GetByText("是", new() { Exact = true }).ClickAsync();
                await Accessibility.AssertNoSeriousViolationsAsync(platform, staff, "the review form");
                await Screenshots.TakeAsync(staff, "console-review");
            }
            await staff.Locator("#opinion-text").FillAsync(user == "counsel" ? "答复依据充分，程序合法。" : "同意，签发。");
            await staff.GetByTestId("verdict-Approve").ClickAsync();
            await Assertions.Expect(staff.GetByTestId("verdict-Approve")).ToBeHiddenAsync();
        }

        // Document numbers and renders the reply; the handler sees it on the case page, records delivery and closes.
        await PlatformFixture.EventuallyAsync(async () => (await Cases.GetAsync(api, opened.Id)).Case.State == "DocumentIssued" ? "" : null,
            PlatformFixture.DocumentWait, "the issued reply");
        await SignOutAsync(staff);
        await SignInAsync(staff, "handler");
        await staff.GotoAsync(Console($"/cases/{opened.Id}"));
        await Assertions.Expect(staff.GetByText("答复书").First).ToBeVisibleAsync();
        await ActAsync(staff, "Deliver", async () =>
        {
            await Choose(staff, "#action-Deliver-method", "邮寄");
            await staff.Locator("#action-Deliver-evidence").FillAsync("EMS 1186034225713，申请人已签收");
        });
        await ActAsync(staff, "Close");
        Assert.Equal("Closed", (await Cases.GetAsync(api, opened.Id)).Case.State);
        // The workbench asks for open cases only, so finished ones never crowd its lists.
        Assert.DoesNotContain(await api.GetFromJsonAsync<List<CaseSummary>>("/api/workflow/cases?open=true", PlatformFixture.Json) ?? [], c => c.Id == opened.Id);
        Assert.Contains(await api.GetFromJsonAsync<List<CaseSummary>>("/api/workflow/cases", PlatformFixture.Json) ?? [], c => c.Id == opened.Id);

        // The citizen tracks the application and downloads the same reply.
        await citizen.GotoAsync(new Uri(platform.Gateway, $"/track?number={number}").ToString());
        await citizen.GetByLabel("查询码").FillAsync(code);
        await citizen.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        var download = await citizen.RunAndWaitForDownloadAsync(() => citizen.GetByRole(AriaRole.Button, new() { Name = "下载答复书（PDF）" }).ClickAsync());
        var downloaded = await File.ReadAllBytesAsync((await download.PathAsync())!);
        var reply = (await DocumentTestSupport.ListAsync(api, opened.Id)).Single(d => d.Kind == "reply");
        Assert.Equal(reply.Files.Single(f => f.Format == "pdf").Sha256, DocumentTestSupport.Sha256(downloaded));
    }

    [Fact]
    public async Task Registration_errors_appear_at_their_fields_in_Chinese_and_another_units_case_is_not_found()
    {
        var page = await _browser.NewPageAsync();
        await SignInAsync(page, "registrar");
        await page.GotoAsync(Console("/applications/new"));
        await page.GetByTestId("register").ClickAsync();
        var nameItem = page.Locator(".el-form-item").Filter(new() { Has = page.Locator("#applicantName") });
        await Assertions.Expect(nameItem.Locator(".el-form-item__error")).ToContainTextAsync("姓名或名称不能为空");
        var descriptionItem = page.Locator(".el-form-item").Filter(new() { Has = page.Locator("#description") });
        await Assertions.Expect(descriptionItem.Locator(".el-form-item__error")).ToContainTextAsync("请填写所需政府信息");
        await Accessibility.AssertNoSeriousViolationsAsync(platform, page, "registration with errors");

        // A case of another unit, by its URL: the console says it does not exist, and shows nothing of it.
        using var otherUnit = await platform.ClientAsync(PlatformFixture.TenantA, "registrar");
        var registered = await platform.RegisterAsync(otherUnit, "东升街道 2026 年度财政预算执行情况");
        var foreign = await Cases.WaitForCaseAsync(otherUnit, registered.Id, PlatformFixture.EventWait);
        await page.GotoAsync(Console($"/cases/{foreign.Id}"));
        await Assertions.Expect(page.GetByText("不存在").First).ToBeVisibleAsync();
        Assert.DoesNotContain(foreign.CaseNumber, await page.Locator("body").InnerTextAsync());
    }

    [Fact]
    public async Task A_wrong_password_is_refused_in_Chinese_and_signing_out_revokes_the_session()
    {
        var page = await _browser.NewPageAsync();
        await page.GotoAsync(Console("/"));
        await page.WaitForURLAsync("**/console/login**");
        await Accessibility.AssertNoSeriousViolationsAsync(platform, page, "the sign-in page");
        await page.GetByLabel("单位代码").FillAsync(Unit);
        await page.GetByLabel("用户名").FillAsync("handler");
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync("not-the-password");
        await page.GetByTestId("sign-in").ClickAsync();
        await Assertions.Expect(page.GetByText("单位代码、用户名或密码错误").First).ToBeVisibleAsync();

        await SignInAsync(page, "handler");
        var refresh = await page.EvaluateAsync<string?>("() => sessionStorage.getItem('gongkai.refreshToken')");
        Assert.False(string.IsNullOrEmpty(refresh));
        await SignOutAsync(page);
        await page.GotoAsync(Console("/cases"));
        await page.WaitForURLAsync("**/console/login**");
        // The refresh token the console held no longer works.
        using var anonymous = platform.Anonymous();
        var again = await anonymous.PostAsJsonAsync("/api/identity/token", new { grantType = "refresh_token", refreshToken = refresh });
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, again.StatusCode);
    }

    [Fact]
    public async Task The_gateway_serves_the_console_compressed_with_deep_links_and_no_stale_chunks()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, AutomaticDecompression = System.Net.DecompressionMethods.None })
        {
            BaseAddress = platform.Gateway,
        };
        var bare = await http.GetAsync("/console");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, bare.StatusCode);
        Assert.Equal("/console/", bare.Headers.Location!.ToString());

        // A deep link is the application's page, never cached, so a new build is seen at once.
        var deepLink = await http.GetAsync("/console/cases/00000000-0000-0000-0000-000000000001");
        Assert.Equal(System.Net.HttpStatusCode.OK, deepLink.StatusCode);
        var html = await deepLink.Content.ReadAsStringAsync();
        Assert.Contains("<div id=\"app\">", html);
        Assert.Equal("no-cache", deepLink.Headers.CacheControl!.ToString());

        var script = System.Text.RegularExpressions.Regex.Match(html, "src=\"(/console/assets/[^\"]+\\.js)\"").Groups[1].Value;
        using var request = new HttpRequestMessage(HttpMethod.Get, script);
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        var asset = await http.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.OK, asset.StatusCode);
        Assert.Contains("gzip", asset.Content.Headers.ContentEncoding);
        Assert.Contains("immutable", asset.Headers.CacheControl!.ToString());
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync("/console/assets/index-gone.js")).StatusCode);
    }

    [Fact]
    public async Task The_operator_sees_a_dead_lettered_city_callback_and_replays_it_from_the_console()
    {
        using var simulator = new HttpClient { BaseAddress = platform.App.GetEndpoint(Gongkai.Contracts.ResourceNames.CitySimulator), Timeout = TimeSpan.FromSeconds(60) };
        using var operatorApi = await platform.ClientAsync("platform", "admin");
        // The city is down: the application's first callback fails on every attempt and lands in the dead-letter list.
        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await simulator.PostAsJsonAsync("/control/failures", new { failAll = true, failNext = 0 })).StatusCode);
        try
        {
            var (reference, number) = await CityLinkTests.PushAsync(simulator, Unit);
            await CityLinkTests.ConfirmAndOpenAsync(platform, Unit, number);
            var dead = await CityLinkTests.FirstAsync(operatorApi, $"/api/intake/city-link/deliveries?state=DeadLettered&reference={Uri.EscapeDataString(reference)}",
                "the dead-lettered callback");
            var deadId = dead.GetProperty("id").GetGuid();
            // The city is back; nothing moves until the operator replays the dead letter.
            Assert.Equal(System.Net.HttpStatusCode.NoContent, (await simulator.PostAsJsonAsync("/control/failures", new { failAll = false, failNext = 0 })).StatusCode);

            var page = await _browser.NewPageAsync();
            await SignInAsync(page, "admin", unit: "platform");
            await page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" }).GetByRole(AriaRole.Link, new() { Name = "市级平台对接" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "市级平台对接", Level = 1 })).ToBeVisibleAsync();
            // Dead letters are shown first; the operator looks at every callback of the city's reference.
            await page.GetByTestId("delivery-state-filter").GetByText("全部", new() { Exact = true }).ClickAsync();
            await page.GetByLabel("市级平台申请编号", new() { Exact = true }).FillAsync(reference);
            await page.GetByRole(AriaRole.Button, new() { Name = "查询", Exact = true }).ClickAsync();
            var row = page.Locator("tr.delivery-row").Filter(new() { Has = page.Locator($"[data-delivery-id='{deadId}']") });
            await Assertions.Expect(row).ToContainTextAsync(reference);
            await Assertions.Expect(row).ToContainTextAsync("状态变更");
            await Assertions.Expect(row.GetByTestId("delivery-state")).ToHaveTextAsync("死信");
            await Accessibility.AssertNoSeriousViolationsAsync(platform, page, "the city link page with a dead letter");
            await Screenshots.TakeAsync(page, "console-city-link");

            // Replaying asks first, says the later callbacks follow in order, and the row follows the callback to the city.
            await row.GetByTestId($"replay-{deadId}").ClickAsync();
            var confirm = page.GetByRole(AriaRole.Dialog, new() { Name = "重新投递回调" });
            await Assertions.Expect(confirm).ToContainTextAsync("按顺序");
            await confirm.GetByRole(AriaRole.Button, new() { Name = "重新投递", Exact = true }).ClickAsync();
            await Assertions.Expect(confirm).ToBeHiddenAsync();
            await Assertions.Expect(page.GetByText($"已重新投递「{reference}」").First).ToBeVisibleAsync();
            await Assertions.Expect(row.GetByTestId("delivery-state")).ToHaveTextAsync("已送达");
            await Assertions.Expect(row.GetByTestId($"replay-{deadId}")).ToHaveCountAsync(0);
            var received = await simulator.GetFromJsonAsync<List<JsonElement>>($"/control/callbacks?reference={Uri.EscapeDataString(reference)}");
            Assert.Equal(1, Assert.Single(received!).GetProperty("deliveries").GetInt32());

            // Today's reconciliation, run now: the report panel with the counts, the city's manifest read, the replayed callback no difference.
            var today = $"{Gongkai.BuildingBlocks.ChinaTime.Today(TimeProvider.System):yyyy-MM-dd}";
            await page.GetByTestId("reconcile-run").ClickAsync();
            await Assertions.Expect(page.GetByText($"已完成 {today} 的对账").First).ToBeVisibleAsync();
            var report = page.GetByTestId("reconciliation-report");
            await Assertions.Expect(report.GetByRole(AriaRole.Heading, new() { Name = $"{today} 对账结果" })).ToBeVisibleAsync();
            await Assertions.Expect(report.GetByText("本平台收到", new() { Exact = true })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("reconciliation-problem")).ToHaveCountAsync(0);
            await Assertions.Expect(report.Locator("tr.reconciliation-difference").Filter(new() { HasText = reference })).ToHaveCountAsync(0);
            // Element Plus' toasts fall under 4.5:1 (style.css does not reach them): check the page once they have gone.
            await Assertions.Expect(page.Locator(".el-message")).ToHaveCountAsync(0);
            await Accessibility.AssertNoSeriousViolationsAsync(platform, page, "the city link page with a reconciliation");
        }
        finally
        {
            await simulator.PostAsJsonAsync("/control/failures", new { failAll = false, failNext = 0 });
        }
    }

    [Fact]
    public async Task The_district_supervisor_sees_every_units_indicators_with_a_chart_and_the_heat_map()
    {
        // The units the supervisor's token names: the demo district's own and any township another test added below it.
        using var supervisorApi = await platform.ClientAsync(PlatformFixture.District, "supervisor", fresh: true);
        var me = await supervisorApi.GetFromJsonAsync<JsonElement>("/api/identity/me");
        var supervised = me.GetProperty("supervisedUnits").GetArrayLength();
        Assert.Contains(me.GetProperty("supervisedUnits").EnumerateArray(), u => u.GetString() == PlatformFixture.TenantA);
        var today = Gongkai.BuildingBlocks.ChinaTime.Today(TimeProvider.System);

        var page = await _browser.NewPageAsync();
        await SignInAsync(page, "supervisor", unit: PlatformFixture.District);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" }).GetByRole(AriaRole.Link, new() { Name = "监督", Exact = true }).ClickAsync();
        var tabs = page.GetByRole(AriaRole.Navigation, new() { Name = "监督功能" });

        // This month's indicators: the district's roll-up, one row per supervised unit, and the on-time rates as a chart.
        await tabs.GetByRole(AriaRole.Link, new() { Name = "指标", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"{today.Year}年{today.Month}月各单位指标" })).ToBeVisibleAsync();
        var table = page.GetByTestId("indicator-table");
        await Assertions.Expect(table.Locator("tr.indicator-rollup")).ToHaveCountAsync(1);
        await Assertions.Expect(table.Locator("tr.indicator-row")).ToHaveCountAsync(supervised);
        await Assertions.Expect(table.Locator("tr.indicator-row").Filter(new() { HasText = "东升街道" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("on-time-chart").Locator("canvas").First).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(platform, page, "the supervisor's indicators");

        // The year's heat map of key domains by month.
        await tabs.GetByRole(AriaRole.Link, new() { Name = "热力图", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"{today.Year} 年全区申请领域热力图" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("heat-map-chart").Locator("canvas").First).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(platform, page, "the heat map");
    }

    private string Console(string path) => new Uri(platform.Gateway, "/console" + path).ToString();

    private async Task SignInAsync(IPage page, string user, string unit = Unit)
    {
        // Wait on what the page shows (signed in, or the problem it met), not on a navigation event: the console moves
        // on with the history API. A sign-in refused on a busy machine is tried once more on a fresh form, saying why if
        // it fails again.
        var signedIn = page.GetByRole(AriaRole.Button, new() { Name = "退出登录" });
        var problem = page.Locator(".problem");
        for (var attempt = 1; ; attempt++)
        {
            await page.GotoAsync(Console("/login"));
            await page.GetByLabel("单位代码").FillAsync(unit);
            await page.GetByLabel("用户名").FillAsync(user);
            await page.GetByLabel("密码", new() { Exact = true }).FillAsync(PlatformFixture.DemoPassword);
            await page.GetByTestId("sign-in").ClickAsync();
            await Assertions.Expect(signedIn.Or(problem)).ToBeVisibleAsync();
            if (await signedIn.IsVisibleAsync())
                return;
            Assert.True(attempt < 2, $"signing in as {user} of {unit} failed twice: {await problem.InnerTextAsync()}");
        }
    }

    private static async Task SignOutAsync(IPage page)
    {
        // As in SignInAsync: wait on the sign-in form the console shows, not on a navigation event (history API).
        await page.GetByRole(AriaRole.Button, new() { Name = "退出登录" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("sign-in")).ToBeVisibleAsync();
        Assert.Contains("/console/login", page.Url);
    }

    /// <summary>Opens an action's dialog from the case page, fills it, submits, and waits for the case's new state.</summary>
    private static async Task ActAsync(IPage page, string action, Func<Task>? fill = null)
    {
        var state = page.GetByTestId("case-state");
        var before = await state.InnerTextAsync();
        await page.GetByTestId($"action-{action}").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        if (fill is not null)
            await fill();
        await page.GetByTestId("action-submit").ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();
        await Assertions.Expect(state).Not.ToHaveTextAsync(before);
    }

    /// <summary>
    /// Chooses an option of an Element Plus select by its visible text. On a loaded machine a click can land while the list
    /// is still opening and choose nothing: the select must then show the option, or the choice is made again (at most 3 times).
    /// </summary>
    private static async Task Choose(IPage page, string select, string option)
    {
        var wrapper = page.Locator(".el-select__wrapper").Filter(new() { Has = page.Locator(select) });
        for (var attempt = 1; ; attempt++)
        {
            await wrapper.ClickAsync();
            // The select's own list (another select's list may still be fading out).
            var list = await page.Locator(select).GetAttributeAsync("aria-controls");
            var item = page.Locator($"[id='{list}'] [role=option]").Filter(new() { HasText = option }).First;
            await Assertions.Expect(item).ToBeVisibleAsync();
            await item.ClickAsync();
            try
            {
                await Assertions.Expect(wrapper).ToContainTextAsync(option, new() { Timeout = 10_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
            }
        }
    }
}
