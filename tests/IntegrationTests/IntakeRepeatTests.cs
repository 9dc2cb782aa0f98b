using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Gongkai.IntegrationTests;

/// <summary>Repeat detection: flags for staff and as events, never a refusal.</summary>
[Collection(PlatformCollection.Name)]
public sealed class IntakeRepeatTests(PlatformFixture platform)
{
    private const string Applications = "/api/intake/applications";

    private static async Task<JsonElement> RegisterAsync(HttpClient client, Dictionary<string, object?> body)
    {
        var response = await client.PostAsJsonAsync(Applications, body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode); // flagged or not, it is registered
        return await response.ReadJsonAsync();
    }

    private static List<string> Kinds(JsonElement receiptOrView) =>
        receiptOrView.GetProperty("flags").EnumerateArray().Select(f => f.GetProperty("kind").GetString()!).ToList();

    [Fact]
    public async Task The_same_applicant_asking_again_and_several_applicants_asking_the_same_are_flagged_not_blocked()
    {
        using var registrar = await platform.ClientAsync(PlatformFixture.TenantA, "registrar");
        var subject = $"东升街道{IntakeTestData.Token()}号地块集体土地征收补偿安置方案";
        var idNumber = IntakeTestData.NewIdNumber();

        var first = await RegisterAsync(registrar, IntakeTestData.Person(description: subject, idNumber: idNumber));
        Assert.Empty(Kinds(first));

        // The same person again, worded a little differently and with the ID typed in lower case: Art. 35 / 36(6).
        var again = await RegisterAsync(registrar, IntakeTestData.Person(description: subject + "的文件", idNumber: idNumber.ToLowerInvariant()));
        var repeat = Assert.Single(again.GetProperty("flags").EnumerateArray());
        Assert.Equal("RepeatedByApplicant", repeat.GetProperty("kind").GetString());
        Assert.Contains("第三十五条", repeat.GetProperty("basis").GetString());
        Assert.Equal([first.GetProperty("applicationNumber").GetString()], repeat.GetProperty("relatedApplicationNumbers").EnumerateArray().Select(n => n.GetString()));

        // Someone else asks for the same subject: Art. 44 candidate.
        var other = await RegisterAsync(registrar, IntakeTestData.Person(description: subject));
        Assert.Equal(["SameSubjectSeveralApplicants"], Kinds(other));
        var art44 = other.GetProperty("flags")[0];
        Assert.Contains("第四十四条", art44.GetProperty("basis").GetString());
        Assert.Equal(2, art44.GetProperty("relatedApplicationNumbers").GetArrayLength());

        // Staff see the flags on the application, and every flag went out as an event behind ApplicationRegistered.
        var view = await registrar.GetFromJsonAsync<JsonElement>($"{Applications}/{again.GetProperty("id").GetGuid()}");
        Assert.Equal(["RepeatedByApplicant"], Kinds(view));
        Assert.Equal("RepeatedByApplicant", await IntakeTestData.ScalarAsync(platform,
            "SELECT body->>'kind' FROM outbox_messages WHERE message_type = 'Gongkai.Contracts.ApplicationFlagged' AND body->>'applicationNumber' = @n",
            ("n", again.GetProperty("applicationNumber").GetString()!)));
        // The event names applications, never the applicant.
        var eventBody = (string)(await IntakeTestData.ScalarAsync(platform,
            "SELECT body::text FROM outbox_messages WHERE message_type = 'Gongkai.Contracts.ApplicationFlagged' AND body->>'applicationNumber' = @n",
            ("n", again.GetProperty("applicationNumber").GetString()!)))!;
        Assert.DoesNotContain(idNumber, eventBody);
        Assert.DoesNotContain("张三", eventBody);

        // An unrelated request of the same person raises nothing; nor does the same request in another unit.
        Assert.Empty(Kinds(await RegisterAsync(registrar, IntakeTestData.Person(description: $"东升街道{IntakeTestData.Token()}年度部门决算公开表", idNumber: idNumber))));
        using var otherUnit = await platform.ClientAsync(PlatformFixture.TenantB, "registrar");
        Assert.Empty(Kinds(await RegisterAsync(otherUnit, IntakeTestData.Person(description: subject, idNumber: idNumber))));
    }

    [Fact]
    public async Task Flags_of_an_application_awaiting_confirmation_are_published_when_it_is_registered()
    {
        using var registrar = await platform.ClientAsync(PlatformFixture.TenantA, "registrar");
        var subject = $"东升街道{IntakeTestData.Token()}号道路改造工程招标文件";
        var idNumber = IntakeTestData.NewIdNumber();
        await RegisterAsync(registrar, IntakeTestData.Person(description: subject, idNumber: idNumber));
        var letter = await RegisterAsync(registrar, IntakeTestData.Person("PostUnsigned", subject, idNumber));
        Assert.Equal(["RepeatedByApplicant"], Kinds(letter));
        var number = letter.GetProperty("applicationNumber").GetString()!;
        const string flagged = "SELECT count(*) FROM outbox_messages WHERE message_type = 'Gongkai.Contracts.ApplicationFlagged' AND body->>'applicationNumber' = @n";
        Assert.Equal(0L, await IntakeTestData.ScalarAsync(platform, flagged, ("n", number)));

        var confirm = await registrar.PostAsJsonAsync($"{Applications}/{letter.GetProperty("id").GetGuid()}/confirmation", new { method = "Phone" });
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Equal(1L, await IntakeTestData.ScalarAsync(platform, flagged, ("n", number)));
    }
}
