using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Gongkai.Contracts;

namespace Gongkai.CitySimulator;

public sealed class SimulatorOptions
{
    public string ClientId { get; set; } = "";
    public string ClientSecret { get; set; } = "";
    public string SigningKey { get; set; } = "";
    public string GongkaiKeyId { get; set; } = "";
    public string GongkaiKey { get; set; } = "";
}

public sealed record ReceivedCallback(CityCallback Callback, DateTimeOffset ReceivedAt, int Deliveries);

/// <summary>What the city has sent and received, in memory (a simulator forgets on restart).</summary>
public sealed class CityState
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private readonly ConcurrentDictionary<string, (string Unit, DateTimeOffset At)> _sent = new();
    private readonly ConcurrentDictionary<Guid, ReceivedCallback> _callbacks = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _nonces = new();
    private readonly List<Guid> _order = [];
    private int _failNext;

    private volatile bool _failAll;

    public bool FailAll { get => _failAll; set => _failAll = value; }

    public int FailNext { get => Volatile.Read(ref _failNext); set => Volatile.Write(ref _failNext, value); }

    public void Sent(string reference, string unit, DateTimeOffset at) => _sent.TryAdd(reference, (unit, at));

    /// <summary>False when the nonce was seen (a replay).</summary>
    public bool FreshNonce(string keyId, string nonce, DateTimeOffset now)
    {
        foreach (var old in _nonces.Where(n => now - n.Value > CitySignature.ReplayWindow * 2))
            _nonces.TryRemove(old.Key, out _);
        return _nonces.TryAdd($"{keyId}|{nonce}", now);
    }

    /// <summary>Whether to fail this callback on purpose (a whole outage, or the next N).</summary>
    public bool ShouldFail()
    {
        if (FailAll)
            return true;
        while (true)
        {
            var left = Volatile.Read(ref _failNext);
            if (left <= 0)
                return false;
            if (Interlocked.CompareExchange(ref _failNext, left - 1, left) == left)
                return true;
        }
    }

    public void Received(CityCallback callback, DateTimeOffset at)
    {
        lock (_order)
        {
            if (!_callbacks.ContainsKey(callback.DeliveryId))
                _order.Add(callback.DeliveryId);
            _callbacks.AddOrUpdate(callback.DeliveryId, _ => new(callback, at, 1), (_, earlier) => earlier with { Deliveries = earlier.Deliveries + 1 });
        }
    }

    public IReadOnlyList<ReceivedCallback> Callbacks(string? reference)
    {
        lock (_order)
            return _order.Select(id => _callbacks[id]).Where(c => reference is null || c.Callback.CityReference == reference).ToList();
    }

    public CityManifest Manifest(DateOnly day)
    {
        bool On(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(China).DateTime) == day;
        lock (_order)
            return new CityManifest(day,
                _sent.Where(s => On(s.Value.At)).Select(s => new CityManifestApplication(s.Key, s.Value.Unit)).OrderBy(s => s.CityReference).ToList(),
                _order.Where(id => On(_callbacks[id].ReceivedAt)).ToList());
    }
}

/// <summary>The city's calls to Gongkai through the gateway: its own client token, every request signed.</summary>
public sealed class GatewayClient(HttpClient http, SimulatorOptions options, TimeProvider clock)
{
    private (string Token, DateTimeOffset Until)? _token;

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken ct)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(ct));
        await CitySignature.SignAsync(request, options.ClientId, options.SigningKey, clock.GetUtcNow(), ct);
        return await http.SendAsync(request, ct);
    }

    private async Task<string> TokenAsync(CancellationToken ct)
    {
        if (_token is { } t && t.Until > clock.GetUtcNow())
            return t.Token;
        var response = await http.PostAsJsonAsync("/api/identity/token",
            new { grantType = "client_credentials", clientId = options.ClientId, clientSecret = options.ClientSecret }, ct);
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        var token = answer.GetProperty("accessToken").GetString()!;
        _token = (token, clock.GetUtcNow().AddSeconds(answer.GetProperty("expiresIn").GetInt32() - 60));
        return token;
    }
}

public static class Extensions
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static IHostApplicationBuilder AddCitySimulator(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("CitySimulator").Get<SimulatorOptions>() ?? new SimulatorOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<CityState>();
        builder.Services.AddSingleton(TimeProvider.System);
        // The gateway's address as the AppHost passes it; a plain client (one attempt per request): a signed request sent
        // again by a resilience handler would be a replay, and is refused as one.
        var gateway = new Uri(builder.Configuration["services:gateway:http:0"] ?? "http://localhost:8080");
        builder.Services.AddSingleton(services => ActivatorUtilities.CreateInstance<GatewayClient>(services, new HttpClient { BaseAddress = gateway }));
        return builder;
    }

    public static WebApplication MapCitySimulator(this WebApplication app)
    {
        // Gongkai → city: signed callbacks and the reconciliation's manifest request.
        app.MapPost("/callbacks", async (HttpContext http, CityState state, SimulatorOptions options, TimeProvider clock) =>
        {
            var body = await ReadBodyAsync(http);
            if (Verify(http, body, state, options, clock) is { } refused)
                return refused;
            if (state.ShouldFail())
                return Results.Problem(title: "市级平台暂时不可用（模拟故障）", statusCode: StatusCodes.Status503ServiceUnavailable);
            state.Received(JsonSerializer.Deserialize<CityCallback>(body, Json)!, clock.GetUtcNow());
            return Results.Ok(new { acknowledged = true });
        }).AllowAnonymous();
        app.MapGet("/manifests/{day}", async (string day, HttpContext http, CityState state, SimulatorOptions options, TimeProvider clock) =>
        {
            if (Verify(http, await ReadBodyAsync(http), state, options, clock) is { } refused)
                return refused;
            return DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? Results.Json(state.Manifest(d), Json) : Results.BadRequest();
        }).AllowAnonymous();

        // The simulator's own controls (Development and tests): push as the city, fail on purpose, show what arrived.
        var control = app.MapGroup("/control").AllowAnonymous();
        control.MapPost("/applications", async (JsonObject form, GatewayClient gateway, CityState state, TimeProvider clock, CancellationToken ct) =>
        {
            form["externalReference"] ??= $"CITY-{clock.GetUtcNow():yyyyMMdd}-{RandomNumberGenerator.GetHexString(8)}";
            state.Sent(form["externalReference"]!.GetValue<string>(), form["unitCode"]?.GetValue<string>() ?? "", clock.GetUtcNow());
            return await ForwardAsync(gateway, HttpMethod.Post, "/api/city/v1/applications", form, ct);
        });
        control.MapPost("/applications/{reference}/{kind:regex(^(withdrawals|supplements)$)}", (string reference, string kind, JsonObject body,
            GatewayClient gateway, CancellationToken ct) =>
            ForwardAsync(gateway, HttpMethod.Post, $"/api/city/v1/applications/{Uri.EscapeDataString(reference)}/{kind}", body, ct));
        control.MapGet("/applications/{reference}", (string reference, GatewayClient gateway, CancellationToken ct) =>
            ForwardAsync(gateway, HttpMethod.Get, $"/api/city/v1/applications/{Uri.EscapeDataString(reference)}", null, ct));
        // Fetches what a result callback's downloadPath names (a path of the city contract) and says its SHA-256.
        control.MapGet("/download", async (string path, GatewayClient gateway, CancellationToken ct) =>
        {
            if (!path.StartsWith("/api/city/v1/", StringComparison.Ordinal))
                return Results.BadRequest();
            using var response = await gateway.SendAsync(HttpMethod.Get, path, null, ct);
            if (!response.IsSuccessStatusCode)
                return Results.Json(new { status = (int)response.StatusCode }, statusCode: (int)response.StatusCode);
            var pdf = await response.Content.ReadAsByteArrayAsync(ct);
            return Results.Ok(new { sha256 = Convert.ToHexStringLower(SHA256.HashData(pdf)), size = pdf.Length });
        });
        control.MapGet("/statistics/{unit}/{month}", (string unit, string month, GatewayClient gateway, CancellationToken ct) =>
            ForwardAsync(gateway, HttpMethod.Get, $"/api/city/v1/statistics/{Uri.EscapeDataString(unit)}/{Uri.EscapeDataString(month)}", null, ct));
        control.MapPost("/sent", (CityManifestApplication sent, CityState state, TimeProvider clock) =>
        {
            // An application the city counts as sent but whose push never arrived (lost in transit).
            state.Sent(sent.CityReference, sent.UnitCode, clock.GetUtcNow());
            return Results.NoContent();
        });
        control.MapPost("/failures", (FailureMode mode, CityState state) =>
        {
            state.FailAll = mode.FailAll;
            state.FailNext = mode.FailNext;
            return Results.NoContent();
        });
        control.MapGet("/callbacks", (string? reference, CityState state) => Results.Json(state.Callbacks(reference), Json));
        return app;
    }

    public sealed record FailureMode(bool FailAll, int FailNext);

    private static async Task<IResult> ForwardAsync(GatewayClient gateway, HttpMethod method, string path, JsonNode? body, CancellationToken ct)
    {
        using var response = await gateway.SendAsync(method, path, body, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        return Results.Json(new { status = (int)response.StatusCode, body = text.Length > 0 ? JsonNode.Parse(text) : null });
    }

    private static async Task<byte[]> ReadBodyAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        return buffer.ToArray();
    }

    /// <summary>The same checks Gongkai makes of the city's requests: key, window, signature, then the nonce.</summary>
    private static IResult? Verify(HttpContext http, byte[] body, CityState state, SimulatorOptions options, TimeProvider clock)
    {
        var headers = http.Request.Headers;
        var now = clock.GetUtcNow();
        var problem = CitySignature.Problem(http.Request.Method, http.Request.Path + http.Request.QueryString, body,
            name => headers[name].Count > 0 ? headers[name].ToString() : null, keyId => keyId == options.GongkaiKeyId ? options.GongkaiKey : null, now);
        if (problem is null && !state.FreshNonce(headers[CitySignature.KeyIdHeader].ToString(), headers[CitySignature.NonceHeader].ToString(), now))
            problem = "该签名已使用过（重放）。";
        return problem is null ? null : Results.Problem(title: "签名无效", detail: problem, statusCode: StatusCodes.Status401Unauthorized);
    }
}
