using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gongkai.BuildingBlocks;

namespace Gongkai.IntegrationTests;

/// <summary>Registration through the gateway: channels and receipt dates, validation, idempotency, attachments.</summary>
[Collection(PlatformCollection.Name)]
public sealed class IntakeRegistrationTests(PlatformFixture platform)
{
    private const string Applications = "/api/intake/applications";
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private static DateOnly Today => ChinaTime.Today(TimeProvider.System);

    /// <summary>Noon in Beijing <paramref name="daysAgo"/> days ago, so the date never depends on the test's time of day.</summary>
    private static DateTimeOffset NoonDaysAgo(int daysAgo) => new(Today.AddDays(-daysAgo).ToDateTime(new TimeOnly(12, 0)), China);

    /// <summary>Noon of an earlier day, or a minute ago today (today's noon may still be ahead).</summary>
    private static DateTimeOffset ArrivedDaysAgo(int daysAgo) => daysAgo == 0 ? DateTimeOffset.UtcNow.AddMinutes(-1) : NoonDaysAgo(daysAgo);

    private async Task<long> RegisteredEventsAsync(Guid applicationId) =>
        (long)(await IntakeTestData.ScalarAsync(platform,
            "SELECT count(*) FROM outbox_messages WHERE message_type = 'Gongkai.Contracts.ApplicationRegistered' AND body->>'applicationId' = @id",
            ("id", applicationId.ToString())))!;

    [Fact]
    public async Task In_person_signed_post_and_oral_applications_are_received_on_the_day_they_arrive_and_open_a_case_from_it()
    {
        using var registrar = await platform.ClientAsync(PlatformFixture.TenantA, "registrar");
        foreach (var (channel, daysAgo) in new[] { ("InPerson", 1), ("PostSigned", 2), ("OralTranscribed", 0) })
        {
            var body = IntakeTestData.Person(channel);
            var arrivedAt = ArrivedDaysAgo(daysAgo);
            body["arrivedAt"] = arrivedAt;
            // The day it arrived in China, fixed now: a run that crosses midnight (16:00 UTC) must not move it.
            var arrivedOn = ChinaTime.DateOf(arrivedAt);
            var response = await registrar.PostAsJsonAsync(Applications, body);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var receipt = await response.ReadJsonAsync();
            Assert.Equal("Registered", receipt.GetProperty("status").GetString());
            Assert.Equal(arrivedOn.ToString("yyyy-MM-dd"), receipt.GetProperty("legalReceiptDate").GetString());
            Assert.Matches("^[2-9A-HJKMNP-Z]{8}$", receipt.GetProperty("queryCode").GetString());
            Assert.Contains("收到申请之日", receipt.GetProperty("receiptRule").GetString());

            // Workflow's clock starts from the legal receipt date, not from the day of registration.
            var summary = await Cases.WaitForCaseAsync(registrar, receipt.GetProperty("id").GetGuid(), PlatformFixture.EventWait);
            Assert.Equal(arrivedOn, summary.ReceivedOn);
        }
    }

    [Fact]
    public async Task Letters_internet_email_and_fax_wait_for_the_confirmation_and_are_received_on_its_date()
    {
        using var registrar = await platform.ClientAsync(PlatformFixture.TenantA, "registrar");
        foreach (var (channel, method) in new[] { ("PostUnsigned", "Phone"), ("Online", "OnlineReceipt"), ("Email", "Email"), ("Fax", "Fax") })
        {
            var body = IntakeTestData.Person(channel);
            body["arrivedAt"] = NoonDaysAgo(1);
            var response = await registrar.PostAsJsonAsync(Applications, body);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var receipt = await response.ReadJsonAsync();
            var id = receipt.GetProperty("id").GetGuid();
            Assert.Equal("AwaitingConfirmation", receipt.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.Null, receipt.GetProperty("legalReceiptDate").ValueKind);

            // Nothing tells Workflow yet: no clock runs before both sides confirmed.
            Assert.Equal(0L, await RegisteredEventsAsync(id));
            var pending = await registrar.GetFromJsonAsync<List<JsonElement>>($"{Applications}?status=AwaitingConfirmation&take=200");
            Assert.Contains(pending!, a => a.GetProperty("id").GetGuid() == id);

            var dayBefore = Today;
            var confirmed = await registrar.PostAsJsonAsync($"{Applications}/{id}/confirmation", new { method, note = "已与申请人核实" });
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
            var view = await confirmed.ReadJsonAsync();
            // Received on the day of confirmation: the day it was confirmed, whichever side of midnight that fell.
            var confirmedOn = DateOnly.Parse(view.GetProperty("legalReceiptDate").GetString()!);
            Assert.InRange(confirmedOn, dayBefore, Today);
            Assert.Equal(method, view.GetProperty("confirmationMethod").GetString());
            Assert.Equal(NoonDaysAgo(1), view.GetProperty("arrivedAt").GetDateTimeOffset());
            Assert.NotEqual(JsonValueKind.Null, view.GetProperty("confirmedAt").ValueKind);
            if (channel == "PostUnsigned") // confirmed a day after the letter arrived: the statute wanted the same day
                Assert.Contains(view.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("到达当日"));
            Assert.Equal(1L, await RegisteredEventsAsync(id));

            var summary = await Cases.WaitForCaseAsync(registrar, id, PlatformFixture.EventWait);
            Assert.Equal(confirmedOn, summary.ReceivedOn);

            // Confirming again changes nothing.
            var again = await registrar.PostAsJsonAsync($"{Applications}/{id}/confirmation", new { method });
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            Assert.Equal(1L, await RegisteredEventsAsync(id));
        }
    }

    [Fact]
    public async Task A_confirmation_made_before_registration_fixes_the_date_at_once_and_bad_confirmations_are_refused()
    {
        using var registrar = await platform.ClientAsync(PlatformFixture.TenantA, "registrar");
        var fax = IntakeTestData.Person("Fax");
        fax["arrivedAt"] = NoonDaysAgo(3);
        fax["confirmation"] = new { confirmedAt = NoonDaysAgo(2), method = "Phone" };
        var response = await registrar.PostAsJsonAsync(Applications, fax);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var receipt = await response.ReadJsonAsync();
        Assert.Equal("Registered", receipt.GetProperty("status").GetString());
        Assert.Equal(Today.AddDays(-2).ToString("yyyy-MM-dd"), receipt.GetProperty("legalReceiptDate").GetString());

        var inPerson = IntakeTestData.Person("InPerson");
        inPerson["confirmation"] = new { method = "Phone" };
        await AssertRejectedAsync(registrar, inPerson, "confirmation");
        var early = IntakeTestData.Person("Fax");
        early["arrivedAt"] = NoonDaysAgo(1);
        early["confirmation"] = new { confirmedAt = NoonDaysAgo(2), method = "Phone" };
        await AssertRejectedAsync(registrar, early, "confirmation.confirmedAt");

        var online = await (await registrar.PostAsJsonAsync(Applications, IntakeTestData.Person("Online"))).ReadJsonAsync();
        var bad = await registrar.PostAsJsonAsync($"{Applications}/{online.GetProperty("id").GetGuid()}/confirmation", new { method = "Other" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.ReadJsonAsync()).GetProperty("errors").TryGetProperty("note", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await registrar.PostAsJsonAsync($"{Applications}/{Guid.NewGuid()}/confirmation", new { method = "Phone" })).StatusCode);

        // The city platform is a channel only the city platform uses.
        await AssertRejectedAsync(registrar, IntakeTestData.Person("CityPlatform"), "channel");
    }

    [Fact]
    public async Task Every_Art_29_failure_is_400_naming_the_field_in_Chinese_and_stores_nothing()
    {
        const string tenant = PlatformFixture.TenantB;
        using var registrar = await platform.ClientAsync(tenant, "registrar");
        var before = await IntakeTestData.StoredRowsAsync(platform, tenant);

        var cases = new List<(string Field, Action<Dictionary<string, object?>> Break)>
        {
            ("applicantName", b => b["applicantName"] = " "),
            ("idNumber", b => b.Remove("idNumber")),
            ("idNumber", b => b["idNumber"] = "510116198808088888"),          // wrong check digit
            ("idNumber", b => b["idNumber"] = "510116202302290010"),          // 29 February 2023 does not exist
            ("idNumber", b => { b["idType"] = "Passport"; b["idNumber"] = "E1"; }),
            ("phone", b => b["phone"] = "12345"),
            ("email", b => b["email"] = "zhang@"),
            ("contact", b => { b.Remove("phone"); b.Remove("address"); }),
            ("postalCode", b => b["postalCode"] = "61020"),
            ("description", b => b["description"] = ""),
            ("description", b => b["description"] = "文件"),
            ("description", b => b["description"] = new string('字', 2001)),
            ("requestedForm", b => b.Remove("requestedForm")),
            ("deliveryRoute", b => b.Remove("deliveryRoute")),
            ("deliveryRoute", b => { b["requestedForm"] = "Inspection"; b["deliveryRoute"] = "Post"; }),
            ("email", b => { b["requestedForm"] = "Email"; b["deliveryRoute"] = "Email"; }),
            ("address", b => { b.Remove("address"); b["deliveryRoute"] = "Post"; }),
            ("organisationCategory", b => { b["applicantKind"] = "Organisation"; b["creditCode"] = "91350100M000100Y43"; }),
            ("creditCode", b => { b["applicantKind"] = "Organisation"; b["organisationCategory"] = "ResearchInstitution"; b["creditCode"] = "91350100M000100Y44"; }),
            ("attachments", b => b["agent"] = new { name = "王律师", idNumber = "11010519491231002X" }),
            ("agent.idNumber", b => { b["agent"] = new { name = "王律师", idNumber = "11010519491231002Y" }; b["attachments"] = new[] { IntakeTestData.Pdf("PowerOfAttorney", "委托书.pdf") }; }),
            ("attachments[0].contentType", b => b["attachments"] = new[] { new { kind = "IdentityProof", fileName = "a.exe", contentType = "application/x-msdownload", contentBase64 = "TVqQ" } }),
            ("attachments[0].contentBase64", b => b["attachments"] = new[] { new { kind = "IdentityProof", fileName = "a.pdf", contentType = "application/pdf", contentBase64 = Convert.ToBase64String([0x89, 0x50, 0x4E, 0x47]) } }),
            ("arrivedAt", b => b["arrivedAt"] = DateTimeOffset.UtcNow.AddDays(2)),
            ("channel", b => b.Remove("channel")),
            ("idType", b => b["idType"] = "Telepathy"),                        // unreadable enum: named by the body reader
        };
        foreach (var (field, breakIt) in cases)
        {
            var body = IntakeTestData.Person();
            breakIt(body);
            await AssertRejectedAsync(registrar, body, field);
        }
        var twoAtOnce = IntakeTestData.Person();
        twoAtOnce["applicantName"] = "";
        twoAtOnce["phone"] = "1";
        var errors = (await (await registrar.PostAsJsonAsync(Applications, twoAtOnce)).ReadJsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("applicantName", out _) && errors.TryGetProperty("phone", out _));

        Assert.Equal(before, await IntakeTestData.StoredRowsAsync(platform, tenant));
    }

    [Fact]
    public async Task The_same_request_sent_twice_with_one_idempotency_key_registers_once()
    {
        using var registrar = await platform.ClientAsync(PlatformFixture.TenantA, "registrar");
        var body = IntakeTestData.Person();
        var key = Guid.NewGuid().ToString();

        var first = await SendWithKeyAsync(registrar, body, key);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var retry = await SendWithKeyAsync(registrar, body, key);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        var (a, b) = (await first.ReadJsonAsync(), await retry.ReadJsonAsync());
        foreach (var property in new[] { "id", "applicationNumber", "queryCode", "legalReceiptDate" })
            Assert.Equal(a.GetProperty(property).ToString(), b.GetProperty(property).ToString());
        Assert.Equal(1L, await IntakeTestData.ScalarAsync(platform, "SELECT count(*) FROM applications WHERE idempotency_key = @k", ("k", key)));
        Assert.Equal(1L, await RegisteredEventsAsync(a.GetProperty("id").GetGuid()));

        // The key belongs to that application: a different one under it is refused, not registered.
        body["description"] = "另一份申请：东升街道2026年部门预算";
        var reused = await SendWithKeyAsync(registrar, body, key);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);

        // Simultaneous retries (a client that timed out and resent) still make one application.
        var concurrentKey = Guid.NewGuid().ToString();
        var concurrentBody = IntakeTestData.Person();
        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => SendWithKeyAsync(registrar, concurrentBody, concurrentKey)));
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, r.StatusCode.ToString()));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        var numbers = await Task.WhenAll(responses.Select(async r => (await r.ReadJsonAsync()).GetProperty("applicationNumber").GetString()));
        Assert.Single(numbers.Distinct());
        Assert.Equal(1L, await IntakeTestData.ScalarAsync(platform, "SELECT count(*) FROM applications WHERE idempotency_key = @k", ("k", concurrentKey)));

        var badKey = await SendWithKeyAsync(registrar, IntakeTestData.Person(), new string('k', 101));
        Assert.Equal(HttpStatusCode.BadRequest, badKey.StatusCode);
        Assert.True((await badKey.ReadJsonAsync()).GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
    }

    [Fact]
    public async Task Attachments_are_stored_encrypted_with_their_sha256_and_come_back_unchanged()
    {
        using var registrar = await platform.ClientAsync(PlatformFixture.TenantA, "registrar");
        using var handler = await platform.ClientAsync(PlatformFixture.TenantA, "handler");
        using var counsel = await platform.ClientAsync(PlatformFixture.TenantA, "counsel");
        var secret = $"身份证复印件-{IntakeTestData.Token()}";
        var body = IntakeTestData.Person();
        body["agent"] = new { name = "王律师", idType = "ResidentIdCard", idNumber = IntakeTestData.NewIdNumber(), phone = "028-85551234" };
        body["attachments"] = new[] { IntakeTestData.Pdf("IdentityProof", "身份证.pdf", secret), IntakeTestData.Pdf("PowerOfAttorney", "授权委托书.pdf") };
        var response = await registrar.PostAsJsonAsync(Applications, body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.ReadJsonAsync()).GetProperty("id").GetGuid();

        var view = await handler.GetFromJsonAsync<JsonElement>($"{Applications}/{id}");
        Assert.Equal("王律师", view.GetProperty("agent").GetProperty("name").GetString());
        var attachments = view.GetProperty("attachments").EnumerateArray().ToList();
        Assert.Equal(["IdentityProof", "PowerOfAttorney"], attachments.Select(x => x.GetProperty("kind").GetString()).Order());
        var identityProof = attachments.Single(x => x.GetProperty("kind").GetString() == "IdentityProof");
        var original = System.Text.Encoding.UTF8.GetBytes("%PDF-1.4 " + secret);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(original)), identityProof.GetProperty("sha256").GetString());
        Assert.Equal(original.Length, identityProof.GetProperty("sizeBytes").GetInt64());

        var download = await handler.GetAsync($"{Applications}/{id}/attachments/{identityProof.GetProperty("id").GetGuid()}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(original, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(identityProof.GetProperty("sha256").GetString(), download.Headers.GetValues("X-Content-SHA256").Single());
        Assert.Equal(HttpStatusCode.Forbidden, (await counsel.GetAsync($"{Applications}/{id}/attachments/{identityProof.GetProperty("id").GetGuid()}")).StatusCode);

        // At rest the scan is sealed: the bytea column does not contain it.
        var stored = (byte[])(await IntakeTestData.ScalarAsync(platform, "SELECT content FROM application_attachments WHERE id = @id",
            ("id", identityProof.GetProperty("id").GetGuid())))!;
        Assert.Equal(-1, stored.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(secret)));
        Assert.Equal(-1, stored.AsSpan().IndexOf("%PDF"u8));

        // A later attachment (e.g. brought in for a correction) goes through the same checks.
        var added = await registrar.PostAsJsonAsync($"{Applications}/{id}/attachments", IntakeTestData.Pdf("Other", "补充材料.pdf"));
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var refused = await registrar.PostAsJsonAsync($"{Applications}/{id}/attachments", new { kind = "Other", fileName = "x.pdf", contentType = "application/pdf", contentBase64 = "bm90IGEgcGRm" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.ReadJsonAsync()).GetProperty("errors").TryGetProperty("attachment.contentBase64", out _));
        Assert.Equal(3, (await handler.GetFromJsonAsync<JsonElement>($"{Applications}/{id}")).GetProperty("attachments").GetArrayLength());
    }

    [Fact]
    public async Task An_organisation_is_registered_with_its_annual_report_category()
    {
        using var registrar = await platform.ClientAsync(PlatformFixture.TenantA, "registrar");
        var body = IntakeTestData.Person();
        body.Remove("idType");
        body.Remove("idNumber");
        body["applicantKind"] = "Organisation";
        body["applicantName"] = "成都某某律师事务所";
        body["organisationCategory"] = "LegalServiceInstitution";
        body["creditCode"] = "31510000MD0123456" + CreditCheck("31510000MD0123456");
        body["contactName"] = "李律师";
        var response = await registrar.PostAsJsonAsync(Applications, body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.ReadJsonAsync()).GetProperty("id").GetGuid();
        Assert.Equal("LegalServiceInstitution", await IntakeTestData.ScalarAsync(platform,
            "SELECT body->>'applicantCategory' FROM outbox_messages WHERE message_type = 'Gongkai.Contracts.ApplicationRegistered' AND body->>'applicationId' = @id",
            ("id", id.ToString())));
        var view = await registrar.GetFromJsonAsync<JsonElement>($"{Applications}/{id}");
        Assert.Equal("法律服务机构", view.GetProperty("applicant").GetProperty("organisationCategoryLabel").GetString());
    }

    private static char CreditCheck(string first17)
    {
        const string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        int[] weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
        var sum = first17.Select((c, i) => alphabet.IndexOf(c) * weights[i]).Sum();
        return alphabet[(31 - sum % 31) % 31];
    }

    private static Task<HttpResponseMessage> SendWithKeyAsync(HttpClient client, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Applications) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    private static async Task AssertRejectedAsync(HttpClient client, object body, string field)
    {
        var response = await client.PostAsJsonAsync(Applications, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{field}: expected 400, got {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"expected an error on {field}: {text}");
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", messages[0].GetString());
    }
}
