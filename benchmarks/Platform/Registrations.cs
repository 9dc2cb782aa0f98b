using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace Gongkai.Benchmarks.Platform;

/// <summary>
/// Registrars of the demo units signed in through the gateway, registering applications handed in at the counter (the
/// legal receipt date is fixed at once, so each opens a case at once), each with a new applicant.
/// </summary>
internal sealed class Registrations(HttpMessageHandler handler, Uri gateway)
{
    public static readonly string[] Units = ["510116-dsj", "510116-xhg", "510116-fgj"];
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    private readonly Dictionary<string, HttpClient> _registrars = new();

    /// <summary>Each application registered, with the moment it was due to be sent.</summary>
    public ConcurrentDictionary<Guid, DateTimeOffset> Registered { get; } = new();

    /// <summary>Registrations the platform answered with anything but success, by status code.</summary>
    public ConcurrentDictionary<int, int> Refused { get; } = new();

    public async Task SignInAsync()
    {
        foreach (var unit in Units)
        {
            using var anonymous = new HttpClient(handler, disposeHandler: false) { BaseAddress = gateway };
            var response = await anonymous.PostAsJsonAsync("/api/identity/token",
                new { grantType = "password", unitCode = unit, userName = "registrar", password = RunningPlatform.DemoPassword });
            response.EnsureSuccessStatusCode();
            var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
            var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = gateway, Timeout = TimeSpan.FromMinutes(2) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            _registrars[unit] = client;
        }
    }

    /// <summary>The bearer token of a unit's registrar, for requests sent elsewhere than the gateway.</summary>
    public AuthenticationHeaderValue Authorization(string unit) => _registrars[unit].DefaultRequestHeaders.Authorization!;

    public async Task<bool> RegisterAsync(string unit, DateTimeOffset dueAt, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/intake/applications") { Content = JsonContent.Create(NewApplication()) };
        if (idempotencyKey is not null)
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await _registrars[unit].SendAsync(request);
        if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK))
        {
            Refused.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
            return false;
        }
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Registered[id] = dueAt;
        return true;
    }

    /// <summary>
    /// When each registered application's case was opened (Workflow's <c>opened_at</c>), waiting up to
    /// <paramref name="timeout"/> for all of them; an application without a case by then is left out.
    /// </summary>
    public async Task<Dictionary<Guid, DateTimeOffset>> CasesOpenedAsync(string workflowOwner, ICollection<Guid> applications, TimeSpan timeout)
    {
        var ids = applications.ToArray();
        var opened = new Dictionary<Guid, DateTimeOffset>();
        var deadline = DateTime.UtcNow + timeout;
        await using var connection = new NpgsqlConnection(workflowOwner);
        await connection.OpenAsync();
        while (true)
        {
            await using var command = new NpgsqlCommand("SELECT application_id, opened_at FROM cases WHERE application_id = ANY(@ids)", connection);
            command.Parameters.AddWithValue("ids", ids);
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                    opened[reader.GetGuid(0)] = reader.GetFieldValue<DateTimeOffset>(1);
            }
            if (opened.Count == ids.Length || DateTime.UtcNow > deadline)
                return opened;
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    private static Dictionary<string, object> NewApplication() => new()
    {
        ["channel"] = "InPerson",
        ["applicantName"] = "张三",
        ["idType"] = "ResidentIdCard",
        ["idNumber"] = NewIdNumber(),
        ["phone"] = $"139{Random.Shared.Next(100_000_000):D8}",
        ["address"] = "四川省成都市双流区东升街道棠湖路1号",
        ["description"] = NewDescription(),
        ["requestedForm"] = "Paper",
        ["deliveryRoute"] = "PickUp",
    };

    private static readonly string[] Years = ["2019", "2020", "2021", "2022", "2023", "2024", "2025", "2026"];
    private static readonly string[] Places = ["东升街道", "西航港街道", "九江街道", "黄甲街道", "公兴街道", "彭镇", "黄水镇", "永安镇", "怡心街道", "协和街道"];
    private static readonly string[] Subjects =
    [
        "老旧小区改造项目资金拨付文件", "集体土地征收补偿安置方案", "农村低保对象审批名单", "道路拓宽工程环境影响评价报告", "学校新建项目立项批复",
        "防汛应急预案", "城乡居民医保缴费标准", "违法建筑拆除决定", "菜市场升级改造招标文件", "养老服务补贴发放明细",
    ];

    /// <summary>
    /// What citizens ask for, varied (a year, a place, a subject): mostly different subjects, as at a real counter, so
    /// repeat detection flags only the occasional same request instead of every one.
    /// </summary>
    private static string NewDescription() =>
        $"{Years[Random.Shared.Next(Years.Length)]}年{Places[Random.Shared.Next(Places.Length)]}{Subjects[Random.Shared.Next(Subjects.Length)]}（第{Random.Shared.Next(1, 99)}号）";

    /// <summary>A fictitious resident ID number of 双流区 with a real birth date and the right check digit.</summary>
    private static string NewIdNumber()
    {
        var birth = new DateOnly(1950, 1, 1).AddDays(Random.Shared.Next(365 * 50));
        var first17 = $"510116{birth:yyyyMMdd}{Random.Shared.Next(1000):D3}";
        var sum = 0;
        for (var i = 0; i < 17; i++)
            sum += (first17[i] - '0') * Weights[i];
        return first17 + "10X98765432"[sum % 11];
    }
}
