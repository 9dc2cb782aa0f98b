using System.Net;
using System.Text.Json;

namespace Gongkai.IntegrationTests;

/// <summary>What every refusal of bad input looks like: 400 problem details, a Chinese title, the field named with a Chinese message.</summary>
internal static class Problems
{
    public static async Task AssertRefusedAsync(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.RequestMessage?.RequestUri}: expected 400 naming {field}, got {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Matches("[\u4e00-\u9fff]", problem.GetProperty("title").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"expected an error for {field}: {body}");
        Assert.Matches("[\u4e00-\u9fff]", messages[0].GetString());
    }
}
