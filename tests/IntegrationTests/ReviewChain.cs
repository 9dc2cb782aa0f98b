using System.Net.Http.Json;
using System.Text.Json;

namespace Gongkai.IntegrationTests;

/// <summary>
/// The unit's real review chain in LegalReview for a catalogue item or an annual report (default: 保密审查 by legal counsel,
/// then the approver's sign-off): each reviewer approves their step once it is theirs.
/// </summary>
internal static class ReviewChain
{
    private static readonly Dictionary<string, object> NothingToWithhold = new()
    {
        ["stateSecret"] = new { answer = false }, ["otherLaws"] = new { answer = false }, ["securityStability"] = new { answer = false },
        ["tradeSecret"] = new { answer = false }, ["privacy"] = new { answer = false },
    };

    public static async Task ApproveAsync(PlatformFixture platform, string tenant, Guid itemId, int round, string subject = "Publication")
    {
        using var counsel = await platform.ClientAsync(tenant, "counsel");
        using var approver = await platform.ClientAsync(tenant, "approver");
        var review = await PlatformFixture.EventuallyAsync(async () =>
            (await counsel.GetFromJsonAsync<List<JsonElement>>($"/api/legalreview/reviews?caseId={itemId}"))!
                .Cast<JsonElement?>().FirstOrDefault(r => r!.Value.GetProperty("round").GetInt32() == round) is { } found ? (object)found : null,
            PlatformFixture.EventWait, $"the review of item {itemId}");
        var reviewElement = (JsonElement)review;
        Assert.Equal(subject, reviewElement.GetProperty("subject").GetString());
        var id = reviewElement.GetProperty("id").GetGuid();
        foreach (var step in reviewElement.GetProperty("steps").EnumerateArray())
        {
            var number = step.GetProperty("number").GetInt32();
            var (client, body) = step.GetProperty("role").GetString() == "legal_counsel"
                ? (counsel, (object)new { verdict = "Approve", text = "无不宜公开的内容", checklist = NothingToWithhold })
                : (approver, new { verdict = "Approve", text = "同意公开" });
            var answer = await client.PostAsJsonAsync($"/api/legalreview/reviews/{id}/steps/{number}/opinion", body);
            Assert.True(answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync());
        }
    }
}
