using System.Net.Http.Json;

namespace Gongkai.IntegrationTests;

/// <summary>Reads cases through the gateway.</summary>
public static class Cases
{
    public static async Task<CaseSummary?> FindByApplicationAsync(HttpClient client, Guid applicationId)
    {
        var cases = await client.GetFromJsonAsync<List<CaseSummary>>($"/api/workflow/cases?applicationId={applicationId}", PlatformFixture.Json);
        return cases!.SingleOrDefault();
    }

    public static Task<CaseSummary> WaitForCaseAsync(HttpClient client, Guid applicationId, TimeSpan timeout) =>
        PlatformFixture.EventuallyAsync(() => FindByApplicationAsync(client, applicationId), timeout, $"the case of application {applicationId}");

    public static async Task<CaseDetails> GetAsync(HttpClient client, Guid caseId) =>
        (await client.GetFromJsonAsync<CaseDetails>($"/api/workflow/cases/{caseId}", PlatformFixture.Json))!;
}
