using System.Net.Http.Json;
using Microsoft.Playwright;

namespace Gongkai.IntegrationTests;

/// <summary>
/// The public portal in a real browser (Debian's Chromium driven by Playwright, never a downloaded one), through the
/// gateway of the platform the tests start.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class PortalTests(PlatformFixture platform) : IAsyncLifetime
{
    private Chromium _browser = null!;

    public async Task InitializeAsync() => _browser = await Chromium.LaunchAsync();

    public async Task DisposeAsync() => await _browser.DisposeAsync();

    [Fact]
    public async Task A_citizen_tracks_an_application_and_a_wrong_code_or_number_gets_the_same_answer()
    {
        using var registrar = await platform.ClientAsync(PlatformFixture.TenantA, "registrar");
        var registered = await platform.RegisterAsync(registrar);
        await Cases.WaitForCaseAsync(registrar, registered.Id, PlatformFixture.EventWait);

        var page = await NewPageAsync();
        await page.GotoAsync(new Uri(platform.Gateway, "/track").ToString());
        // Every field has its label; errors appear at the field, in Chinese, without JavaScript.
        await page.ClickAsync("button[type=submit]");
        Assert.Equal("请输入申请编号。", await page.Locator("#number-error").InnerTextAsync());
        Assert.Equal("请输入查询码。", await page.Locator("#code-error").InnerTextAsync());

        await page.GetByLabel("申请编号").FillAsync(registered.ApplicationNumber);
        await page.GetByLabel("查询码").FillAsync(registered.QueryCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        var state = await page.Locator("#state").InnerTextAsync();
        Assert.Matches("[\u4e00-\u9fff]", state);
        Assert.Contains(registered.LegalReceiptDate.ToString("yyyy年M月d日"), await page.Locator(".result").InnerTextAsync());

        // A wrong code and a wrong number: the same answer, nothing about the application.
        var answers = new List<string>();
        var otherNumber = registered.ApplicationNumber[..^1] + (registered.ApplicationNumber[^1] == '9' ? "8" : "9");
        foreach (var (number, code) in new[] { (registered.ApplicationNumber, "WRONG1"), (otherNumber, registered.QueryCode) })
        {
            await page.GetByLabel("申请编号").FillAsync(number);
            await page.GetByLabel("查询码").FillAsync(code);
            await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
            answers.Add(await AlertAsync(page, $"{number} / {code}"));
            Assert.Equal(0, await page.Locator("#state").CountAsync());
        }
        Assert.Equal(answers[0], answers[1]);
        Assert.Contains("申请编号或查询码不正确", answers[0]);
    }

    [Fact]
    public async Task Large_text_and_high_contrast_are_chosen_with_plain_links_and_kept()
    {
        var page = await NewPageAsync();
        await page.GotoAsync(new Uri(platform.Gateway, "/").ToString());
        Assert.Equal("display-normal", await page.Locator("body").GetAttributeAsync("class"));
        // Keyboard only: the links are reachable and work with Enter.
        await page.GetByRole(AriaRole.Link, new() { Name = "大字" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/");
        Assert.Equal("display-large", await page.Locator("body").GetAttributeAsync("class"));
        await page.GotoAsync(new Uri(platform.Gateway, "/track").ToString());
        Assert.Equal("display-large", await page.Locator("body").GetAttributeAsync("class"));
        await page.GetByRole(AriaRole.Link, new() { Name = "高对比" }).ClickAsync();
        Assert.Equal("display-contrast", await page.Locator("body").GetAttributeAsync("class"));
        Assert.EndsWith("/track", page.Url);
        // The pages work without JavaScript: there is none.
        Assert.Equal(0, await page.Locator("script").CountAsync());
    }

    [Fact]
    public async Task Annual_reports_are_listed_per_unit_and_an_unknown_report_is_a_page_not_found()
    {
        var page = await NewPageAsync();
        await page.GotoAsync(new Uri(platform.Gateway, "/reports").ToString());
        await page.GetByLabel("单位代码").FillAsync("510116-nosuchunit");
        await page.GetByRole(AriaRole.Button, new() { Name = "查看" }).ClickAsync();
        Assert.Contains("尚未在本平台公布年度报告", await page.GetByRole(AriaRole.Status).InnerTextAsync());

        var missing = await page.GotoAsync(new Uri(platform.Gateway, "/reports/510116-nosuchunit/2025").ToString());
        Assert.Equal(404, missing!.Status);
        Assert.Equal("未找到该页面", await page.Locator("h1").InnerTextAsync());
    }

    [Fact]
    public async Task A_units_page_shows_its_disclosure_guide()
    {
        // The district's guide, saved by its admin (another test may have saved one; a new version changes nothing here).
        using var admin = await platform.ClientAsync(PlatformFixture.District, "admin");
        var template = await admin.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/publishing/guide/template");
        var saved = await admin.PutAsJsonAsync("/api/publishing/guide", DisclosureGuideTests.Filled(template, "成都市双流区东升街道棠湖西路 1 号", "028-85801234"));
        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());

        var page = await NewPageAsync();
        await page.GotoAsync(new Uri(platform.Gateway, $"/units/{PlatformFixture.District}").ToString());
        Assert.EndsWith("政府信息公开指南", await page.Locator("h1").InnerTextAsync());
        Assert.Contains("成都市双流区东升街道棠湖西路 1 号", await page.Locator("dl").InnerTextAsync());
        Assert.Equal("028-85801234", await page.GetByRole(AriaRole.Link, new() { Name = "028-85801234" }).InnerTextAsync());
        Assert.Equal(5, await page.Locator("section h2").CountAsync() - 1);
    }

    [Fact]
    public async Task A_citizen_applies_online_sees_errors_at_their_fields_and_gets_a_receipt_that_tracks()
    {
        var page = await NewPageAsync();
        // From the directory of units to the unit's form.
        await page.GotoAsync(new Uri(platform.Gateway, "/units").ToString());
        var unitName = await page.Locator($"a[href='/apply?unit={PlatformFixture.TenantA}']").Locator("xpath=ancestor::li[1]/strong").InnerTextAsync();
        await page.Locator($"a[href='/apply?unit={PlatformFixture.TenantA}']").ClickAsync();
        Assert.Equal(unitName, (await page.GetByLabel("向哪个机关申请（必填）").Locator("option:checked").InnerTextAsync()).Trim());

        // Intake's Art. 29 problems come back at the field they belong to, in Chinese, and in a summary that links to them.
        await page.GetByLabel("所需政府信息的名称、文号或者便于查询的其他特征性描述（必填）").FillAsync("短");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();
        Assert.Contains("姓名或名称不能为空", await page.Locator("#applicantName-error").InnerTextAsync());
        Assert.Contains("描述过短", await page.Locator("#description-error").InnerTextAsync());
        Assert.Equal("true", await page.GetByLabel("姓名或者名称（必填）").GetAttributeAsync("aria-invalid"));
        Assert.Contains("提交未成功", await AlertAsync(page, "the empty form"));
        Assert.Equal(1, await page.Locator("#form-errors a[href='#applicantName']").CountAsync());
        await Screenshots.TakeAsync(page, "portal-apply");

        var description = $"东升街道 2026 年老旧小区改造项目实施方案 {IntakeTestData.Token()}";
        await page.GetByLabel("姓名或者名称（必填）").FillAsync("王秀英");
        await page.GetByLabel("身份证件号码", new() { Exact = true }).FillAsync(IntakeTestData.NewIdNumber());
        await page.GetByLabel("联系电话", new() { Exact = true }).FillAsync(IntakeTestData.NewPhone());
        await page.GetByLabel("所需政府信息的名称、文号或者便于查询的其他特征性描述（必填）").FillAsync(description);
        await page.GetByLabel("身份证明（身份证件或营业执照的照片或扫描件）").SetInputFilesAsync(new FilePayload
        {
            Name = "身份证.png", MimeType = "image/png", Buffer = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13],
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();

        // The receipt: number, query code, a QR code that opens tracking with the number filled in.
        Assert.Equal("申请已提交", await page.Locator("h1").InnerTextAsync());
        var number = await page.Locator("#application-number").InnerTextAsync();
        var code = await page.Locator("#query-code").InnerTextAsync();
        Assert.StartsWith($"{PlatformFixture.TenantA}-", number);
        Assert.Contains("二维码", await page.Locator(".qr img").GetAttributeAsync("alt"));
        Assert.Equal(0, await page.Locator("script").CountAsync());
        // The query code is shown once: no display link on the receipt would reload the page without it.
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "大字" }).CountAsync());
        await Accessibility.AssertNoSeriousViolationsAsync(platform, page, "the receipt");

        // The registrar sees it awaiting confirmation, with the identity proof attached.
        using var registrar = await platform.ClientAsync(PlatformFixture.TenantA, "registrar");
        var applications = await registrar.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/intake/applications?status=AwaitingConfirmation&take=200");
        var application = applications.EnumerateArray().Single(a => a.GetProperty("applicationNumber").GetString() == number);
        var details = await registrar.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/intake/applications/{application.GetProperty("id").GetString()}");
        Assert.Contains(details.GetProperty("attachments").EnumerateArray(), a => a.GetProperty("kind").GetString() == "IdentityProof");

        // The QR code's link, then large text (the choice keeps the page and its filled-in number).
        await page.Locator(".qr figcaption a").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "大字" }).ClickAsync();
        Assert.Equal("display-large", await page.Locator("body").GetAttributeAsync("class"));
        Assert.Equal(number, await page.GetByLabel("申请编号").InputValueAsync());
        await page.GetByLabel("查询码").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await Screenshots.TakeAsync(page, "portal-track-large");
        Assert.Matches("[\u4e00-\u9fff]", await page.Locator("#state").InnerTextAsync());
        await Accessibility.AssertNoSeriousViolationsAsync(platform, page, "the tracking result");
    }

    [Fact]
    public async Task The_accessibility_check_finds_what_it_looks_for()
    {
        var page = await NewPageAsync();
        await page.SetContentAsync("<html><body><main><input type=text><img src=x.png></main></body></html>");
        var violations = await Accessibility.SeriousViolationsAsync(platform, page);
        Assert.Contains(violations, v => v.Contains("label"));
        Assert.Contains(violations, v => v.Contains("image-alt"));
    }

    [Theory]
    [InlineData("normal")]
    [InlineData("large")]
    [InlineData("contrast")]
    public async Task Every_portal_page_has_no_serious_accessibility_violation(string mode)
    {
        var page = await NewPageAsync();
        await page.GotoAsync(new Uri(platform.Gateway, $"/display/{mode}").ToString());
        string[] paths = ["/", "/units", "/apply", "/track", $"/reports/{PlatformFixture.District}", $"/catalogue/{PlatformFixture.District}",
            $"/units/{PlatformFixture.District}", "/no-such-page"];
        foreach (var path in paths)
        {
            await page.GotoAsync(new Uri(platform.Gateway, path).ToString());
            if ((path, mode) is ("/apply", "large") or ("/track", "normal") or ("/track", "contrast"))
                await Screenshots.TakeAsync(page, $"portal{path.Replace('/', '-')}-{mode}");
            await Accessibility.AssertNoSeriousViolationsAsync(platform, page, path);
        }
        // Pages with their errors shown.
        await page.GotoAsync(new Uri(platform.Gateway, "/apply").ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();
        await page.Locator("#form-errors").WaitForAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(platform, page, "/apply with errors");
        await page.GotoAsync(new Uri(platform.Gateway, "/track").ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await page.Locator("#number-error").WaitForAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(platform, page, "/track with errors");
    }

    /// <summary>A citizen's online application through the portal's form; returns the receipt's number and query code.</summary>
    internal static async Task<(string Number, string Code)> ApplyAsync(IPage page, Uri gateway, string unit, string description)
    {
        await page.GotoAsync(new Uri(gateway, $"/apply?unit={unit}").ToString());
        await page.GetByLabel("姓名或者名称（必填）").FillAsync("张三");
        await page.GetByLabel("身份证件号码", new() { Exact = true }).FillAsync(IntakeTestData.NewIdNumber());
        await page.GetByLabel("联系电话", new() { Exact = true }).FillAsync(IntakeTestData.NewPhone());
        await page.GetByLabel("所需政府信息的名称、文号或者便于查询的其他特征性描述（必填）").FillAsync(description);
        await page.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();
        Assert.Equal("申请已提交", await page.Locator("h1").InnerTextAsync());
        return (await page.Locator("#application-number").InnerTextAsync(), await page.Locator("#query-code").InnerTextAsync());
    }

    /// <summary>The page's alert, or a failure that shows what the page said instead.</summary>
    private static async Task<string> AlertAsync(IPage page, string what)
    {
        try
        {
            return await page.GetByRole(AriaRole.Alert).InnerTextAsync();
        }
        catch (TimeoutException)
        {
            Assert.Fail($"No alert for {what} at {page.Url}: {await page.Locator("body").InnerTextAsync()}");
            throw;
        }
    }

    private Task<IPage> NewPageAsync() => _browser.NewPageAsync();
}
