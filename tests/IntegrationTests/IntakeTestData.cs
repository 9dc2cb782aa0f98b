using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace Gongkai.IntegrationTests;

/// <summary>Applicants and applications for Intake's tests: valid, fictitious, and different each time unless asked.</summary>
public static class IntakeTestData
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>A fictitious resident ID number of 双流区 with a real birth date and the right check digit.</summary>
    public static string NewIdNumber()
    {
        var birth = new DateOnly(1950, 1, 1).AddDays(Random.Shared.Next(365 * 50));
        var first17 = $"510116{birth:yyyyMMdd}{Random.Shared.Next(1000):D3}";
        var sum = 0;
        for (var i = 0; i < 17; i++)
            sum += (first17[i] - '0') * Weights[i];
        return first17 + "10X98765432"[sum % 11];
    }

    /// <summary>Registers until the platform answers (as the console does: 5xx and lost connections retried), always with the same idempotency key; returns the id and the attempts made.</summary>
    public static async Task<(Guid Id, int Attempts)> RegisterUntilAcceptedAsync(HttpClient client, string idempotencyKey)
    {
        var giveUp = DateTime.UtcNow + TimeSpan.FromMinutes(5);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/intake/applications")
                {
                    Content = JsonContent.Create(IntakeTestData.Person("InPerson", $"东升街道{idempotencyKey}号地块房屋征收补偿安置方案")),
                };
                request.Headers.Add("Idempotency-Key", idempotencyKey);
                using var response = await client.SendAsync(request);
                if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                    return ((await response.Content.ReadFromJsonAsync<RegisteredApplication>(PlatformFixture.Json))!.Id, attempt);
                // A 4xx other than the platform being unavailable means the request itself is wrong: retrying cannot help.
                Assert.True((int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.RequestTimeout,
                    $"registration refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            Assert.True(DateTime.UtcNow < giveUp, $"registration {idempotencyKey} not accepted within 5 minutes");
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 250 * Math.Pow(2, Math.Min(attempt, 5)))));
        }
    }

    public static string NewPhone() => $"139{Random.Shared.Next(100_000_000):D8}";

    /// <summary>A token that makes a description unique to one test run, so repeat detection sees only what the test made.</summary>
    public static string Token() => Random.Shared.Next(100_000, 999_999).ToString();

    /// <summary>A complete natural person's application; tests change or remove fields to make it wrong.</summary>
    public static Dictionary<string, object?> Person(string channel = "InPerson", string? description = null, string? idNumber = null, string? phone = null) => new()
    {
        ["channel"] = channel,
        ["applicantName"] = "张三",
        ["idType"] = "ResidentIdCard",
        ["idNumber"] = idNumber ?? NewIdNumber(),
        ["phone"] = phone ?? NewPhone(),
        ["address"] = "四川省成都市双流区东升街道棠湖路1号",
        ["description"] = description ?? $"东升街道{Token()}号地块房屋征收补偿安置方案",
        ["requestedForm"] = "Paper",
        ["deliveryRoute"] = "PickUp",
    };

    public static object Pdf(string kind, string fileName, string text = "scan") => new
    {
        kind,
        fileName,
        contentType = "application/pdf",
        contentBase64 = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("%PDF-1.4 " + text)),
    };

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>A scalar read as the database owner (RLS does not bind it): what an attacker with a dump would see.</summary>
    public static async Task<object?> ScalarAsync(PlatformFixture platform, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(platform.App.GetConnectionString("intakedb-admin"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return await command.ExecuteScalarAsync();
    }

    /// <summary>Rows that registration could have written for a unit: applications, attachments, flags and outbox messages.</summary>
    public static async Task<long> StoredRowsAsync(PlatformFixture platform, string tenant) =>
        (long)(await ScalarAsync(platform, """
            SELECT (SELECT count(*) FROM applications WHERE tenant_id = @t)
                 + (SELECT count(*) FROM application_attachments WHERE tenant_id = @t)
                 + (SELECT count(*) FROM application_flags WHERE tenant_id = @t)
                 + (SELECT count(*) FROM outbox_messages WHERE tenant_id = @t)
                 + (SELECT coalesce(sum(last_value), 0) FROM application_number_counters WHERE tenant_id = @t)
            """, ("t", tenant)))!;
}
