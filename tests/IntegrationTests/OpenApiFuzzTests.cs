using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gongkai.IntegrationTests;

/// <summary>
/// Walks every service's OpenAPI document (through the gateway) and sends each operation malformed input built from its
/// own schema: not JSON, the wrong root, every field of the wrong type, control characters, endless text, impossible
/// and extreme dates and numbers, unknown enum names, and the same in its query parameters. Nothing may answer 5xx, and
/// every refusal of input is problem details. Path identifiers are those of records that exist — read first from every
/// list the callers may GET — so the malformed input reaches what handlers check after loading their record; where
/// none is known (and for DELETE, which must not remove a record another test reads) they are fresh GUIDs.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class OpenApiFuzzTests(PlatformFixture platform, Xunit.Abstractions.ITestOutputHelper output)
{
    // Past every field's limit (the converters' 20,000 characters), yet a body of many such fields stays under the doors' size limits.
    private const int HugeLength = SafeStringLimit + 1_000;
    private const int SafeStringLimit = 20_000;

    // A query value far longer than any search needs, yet (URL-encoded, 9 characters each) within Kestrel's 8 KB request
    // line: a longer URL is refused by the server before it is read (414), and closing on the unread rest resets the
    // connection under the client, a race rather than an answer to check.
    private const int HugeQueryLength = 600;

    // Who tries each operation, in order: the first caller that is not refused (401/403) gets the malformed inputs.
    private static readonly (string Unit, string User)[] Callers =
    [
        (PlatformFixture.TenantA, "admin"), (PlatformFixture.TenantA, "handler"), (PlatformFixture.TenantA, "registrar"),
        (PlatformFixture.TenantA, "counsel"), (PlatformFixture.TenantA, "approver"), (PlatformFixture.District, "supervisor"),
        ("platform", "admin"),
    ];

    [Fact]
    public async Task Malformed_input_to_every_operation_of_every_service_is_refused_never_a_server_error()
    {
        var clients = new List<HttpClient> { platform.Anonymous() };
        foreach (var (unit, user) in Callers)
            clients.Add(await platform.ClientAsync(unit, user));
        var failures = new List<string>();
        var operations = 0;
        var requests = 0;
        var withKnownIds = 0;
        try
        {
            using var anonymous = platform.Anonymous();
            var documents = new List<JsonNode>();
            foreach (var service in Gongkai.Contracts.ResourceNames.Services)
                // Right after another test restarted the broker or a service, a document may take a moment to answer.
                documents.Add(await PlatformFixture.EventuallyAsync(async () =>
                {
                    using var response = await anonymous.GetAsync($"/openapi/{service}.json");
                    return response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStringAsync()) : null;
                }, PlatformFixture.EventWait, $"{service}'s OpenAPI document"));
            // At least one application with its case in unit A, whatever ran before.
            var registered = await IntakeTestData.RegisterUntilAcceptedAsync(clients[3], $"fuzz-{Guid.NewGuid():N}");
            await Cases.WaitForCaseAsync(clients[2], registered.Id, PlatformFixture.EventWait);
            var known = new KnownIds();
            foreach (var document in documents)
                foreach (var (path, item) in Routed(document))
                    if (item["get"] is not null && !path.Contains('{'))
                        await known.HarvestAsync(clients, path);
            output.WriteLine($"known identifiers: {known}");

            foreach (var document in documents)
            {
                foreach (var (path, item) in Routed(document))
                {
                    foreach (var (method, operation) in item.AsObject())
                    {
                        if (method is not ("get" or "post" or "put" or "patch" or "delete"))
                            continue;
                        operations++;
                        var parameters = operation!["parameters"]?.AsArray().Select(p => p!).ToList() ?? [];
                        var url = FillPath(path, parameters, method == "delete" ? null : known);
                        if (url.Known)
                            withKnownIds++;
                        foreach (var (what, request) in MalformedRequests(document, url.Path, method, operation))
                        {
                            requests++;
                            HttpResponseMessage response;
                            try
                            {
                                response = await SendAsFirstAllowedAsync(clients, request);
                            }
                            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                            {
                                failures.Add($"{method.ToUpperInvariant()} {path} ({what}) → no answer: {ex.GetType().Name} {ex.Message} {ex.InnerException?.Message}");
                                continue;
                            }
                            var status = (int)response.StatusCode;
                            var mediaType = response.Content.Headers.ContentType?.MediaType;
                            if (status >= 500)
                                failures.Add($"{method.ToUpperInvariant()} {path} ({what}) → {status} {Excerpt(await response.Content.ReadAsStringAsync())}");
                            else if (status is 400 or 409 or 413 or 415 or 422 && mediaType != "application/problem+json")
                                failures.Add($"{method.ToUpperInvariant()} {path} ({what}) → {status} as {mediaType ?? "no body"}, not problem details");
                            else if (status < 300 && (what.StartsWith("body: not", StringComparison.Ordinal) || what.StartsWith("body: wrong", StringComparison.Ordinal) || what == $"body: {Malformed.WrongTypes}"))
                                failures.Add($"{method.ToUpperInvariant()} {path} ({what}) → {status}: a body of the wrong shape accepted");
                            else if (status < 300 && Poisonous(await (request().Content?.ReadAsStringAsync() ?? Task.FromResult(""))))
                                failures.Add($"{method.ToUpperInvariant()} {path} ({what}) → {status}: control characters or endless text accepted");
                            else if (status < 300 && what.StartsWith("body", StringComparison.Ordinal))
                                output.WriteLine($"accepted: {method.ToUpperInvariant()} {path} ({what}) → {status} {Excerpt(await (request().Content?.ReadAsStringAsync() ?? Task.FromResult("")))}");
                        }
                    }
                }
            }
        }
        finally
        {
            foreach (var client in clients)
                client.Dispose();
        }

        output.WriteLine($"{requests} malformed requests to {operations} operations ({withKnownIds} on records that exist), {failures.Count} not refused cleanly");
        Assert.True(withKnownIds > 30, $"only {withKnownIds} operations reached a record that exists");
        Assert.True(operations > 150, $"only {operations} operations found in the OpenAPI documents");
        Assert.True(failures.Count == 0, $"{failures.Count} of {requests} malformed requests to {operations} operations were not refused cleanly:\n" + string.Join("\n", failures));
    }

    private static async Task<HttpResponseMessage> SendAsFirstAllowedAsync(List<HttpClient> clients, Func<HttpRequestMessage> request)
    {
        HttpResponseMessage? response = null;
        foreach (var client in clients)
        {
            using var message = request();
            // A door that refuses a body by its size answers before reading it; 100-continue lets it do so cleanly.
            message.Headers.ExpectContinue = message.Content is not null;
            response = await client.SendAsync(message);
            if (response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden))
                return response;
        }
        return response!;
    }

    // A body carrying what no field may hold (the request's query is checked by the door before any handler).
    private static bool Poisonous(string body) => body.Contains("控制", StringComparison.Ordinal) || body.Contains(new string('长', 100), StringComparison.Ordinal);

    private static string Excerpt(string body) => body.Length > 300 ? body[..300] + "…" : body;

    /// <summary>The malformed requests for one operation: its body's and its query's, each a fresh message per send.</summary>
    /// <summary>The operations the gateway routes: internal routes are not, and the city's callbacks need the city's signature.</summary>
    private static IEnumerable<(string Path, JsonNode Item)> Routed(JsonNode document) =>
        document["paths"]!.AsObject()
            .Where(p => !p.Key.StartsWith("/internal/", StringComparison.Ordinal) && !p.Key.StartsWith("/api/city/", StringComparison.Ordinal))
            .Select(p => (p.Key, p.Value!));

    /// <summary>The malformed requests for one operation at a filled-in URL: its body's and its query's, each a fresh message per send.</summary>
    private static IEnumerable<(string What, Func<HttpRequestMessage> Request)> MalformedRequests(JsonNode document, string url, string method, JsonNode operation)
    {
        var parameters = operation["parameters"]?.AsArray().Select(p => p!).ToList() ?? [];
        var query = parameters.Where(p => (string?)p["in"] == "query").ToList();
        var bodySchema = operation["requestBody"]?["content"]?["application/json"]?["schema"];
        var httpMethod = new HttpMethod(method.ToUpperInvariant());

        if (bodySchema is not null)
        {
            var schema = Resolve(document, bodySchema);
            var bodies = new List<(string, string)> { ("not JSON", "{\"unterminated"), ("wrong root", IsObject(schema) ? "[1,2]" : "{\"x\":1}") };
            foreach (var kind in Enum.GetValues<Malformed>())
                // A body with nothing malformed in it (no field of this kind) is not sent: it would be a valid request.
                if (Value(document, schema, kind, depth: 0) is { } value && HasLeaf(value))
                    bodies.Add((kind.ToString(), value.ToJsonString()));
            foreach (var (what, body) in bodies)
                yield return ($"body: {what}", () => new HttpRequestMessage(httpMethod, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
        if (query.Count > 0)
        {
            foreach (var kind in Enum.GetValues<Malformed>())
            {
                var values = query.Select(p => (Name: (string)p["name"]!, Value: QueryValue(Resolve(document, p["schema"]), kind))).Where(p => p.Value is not null).ToList();
                if (kind == Malformed.HugeText)
                    values = [.. values.Take(1)]; // one huge value keeps the URL within the request line
                if (values.Count == 0)
                    continue;
                var withQuery = url + "?" + string.Join("&", values.Select(p => $"{Uri.EscapeDataString(p.Name)}={Uri.EscapeDataString(p.Value!)}"));
                yield return ($"query: {kind}", () => new HttpRequestMessage(httpMethod, withQuery)
                {
                    Content = bodySchema is null ? null : new StringContent("{}", Encoding.UTF8, "application/json"),
                });
            }
        }
    }

    private enum Malformed
    {
        WrongTypes,
        ControlCharacters,
        HugeText,
        HighExtremes,
        LowExtremes,
    }

    /// <summary>The path with its parameters filled: a known record's identifier where there is one, else a fresh one.</summary>
    private static (string Path, bool Known) FillPath(string path, List<JsonNode> parameters, KnownIds? known)
    {
        var anyKnown = false;
        var filled = System.Text.RegularExpressions.Regex.Replace(path, @"\{([^}:]+)[^}]*\}", match =>
        {
            if (known?.For(path[..match.Index].TrimEnd('/'), match.Groups[1].Value) is { } value)
            {
                anyKnown = true;
                return Uri.EscapeDataString(value);
            }
            var parameter = parameters.FirstOrDefault(p => (string?)p["name"] == match.Groups[1].Value);
            var schema = parameter?["schema"];
            return (string?)schema?["format"] == "uuid" ? Guid.NewGuid().ToString()
                : Types(schema).Contains("integer") ? "1"
                : "fuzz-" + Guid.NewGuid().ToString("N")[..8];
        });
        return (filled, anyKnown);
    }

    /// <summary>
    /// Identifiers of records that exist, read from lists: by property name (<c>caseId</c> fills <c>{caseId}</c>) and, for
    /// <c>{id}</c>, the first item's <c>id</c> of the list at the path before it (<c>/api/workflow/cases</c> for
    /// <c>/api/workflow/cases/{id}</c>).
    /// </summary>
    private sealed class KnownIds
    {
        private readonly Dictionary<string, string> _byName = [];
        private readonly Dictionary<string, string> _byList = [];

        public async Task HarvestAsync(List<HttpClient> clients, string path)
        {
            using var response = await SendAsFirstAllowedAsync(clients, () => new HttpRequestMessage(HttpMethod.Get, path));
            if (!response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType != "application/json")
                return;
            foreach (var item in Objects(JsonNode.Parse(await response.Content.ReadAsStringAsync())))
                foreach (var (name, value) in item)
                {
                    if (!name.EndsWith("id", StringComparison.OrdinalIgnoreCase) || value is not JsonValue v || !v.TryGetValue<string>(out var id) || id.Length is 0 or > 100)
                        continue;
                    _byName.TryAdd(name, id);
                    if (name == "id")
                        _byList.TryAdd(path, id);
                }
        }

        public string? For(string before, string parameter) =>
            parameter == "id" ? _byList.GetValueOrDefault(before) : _byName.GetValueOrDefault(parameter);

        public override string ToString() => $"{string.Join(", ", _byName.Keys)}; lists {string.Join(", ", _byList.Keys)}";

        private static IEnumerable<JsonObject> Objects(JsonNode? node) => node switch
        {
            JsonObject o => o.Select(p => p.Value).SelectMany(Objects).Prepend(o),
            JsonArray a => a.SelectMany(Objects),
            _ => [],
        };
    }

    private static JsonNode? Value(JsonNode document, JsonNode? schema, Malformed kind, int depth)
    {
        schema = Resolve(document, schema);
        if (schema is null || depth > 3)
            return null;
        if (schema["enum"] is JsonArray)
            return kind == Malformed.WrongTypes ? 12345 : kind == Malformed.HighExtremes ? 99 : "不存在的取值";
        var types = Types(schema);
        if (types.Contains("object") || schema["properties"] is not null)
        {
            var body = new JsonObject();
            foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
                if (Value(document, property, kind, depth + 1) is { } value)
                    body[name] = value;
            // A dictionary: one entry, its key malformed too where control characters are the point.
            if (schema["properties"] is null && schema["additionalProperties"] is JsonObject entry && Value(document, entry, kind, depth + 1) is { } entryValue)
                body[kind == Malformed.ControlCharacters ? "键\u0001" : "fuzz"] = entryValue;
            return kind == Malformed.WrongTypes && depth > 0 ? "不是对象" : body;
        }
        if (types.Contains("array"))
            return kind == Malformed.WrongTypes ? new JsonObject { ["not"] = "an array" }
                : Value(document, schema["items"], kind, depth + 1) is { } item ? new JsonArray(item) : new JsonArray();
        var format = (string?)schema["format"];
        if (types.Contains("integer") || types.Contains("number"))
            return kind switch
            {
                Malformed.WrongTypes => "不是数字",
                Malformed.HighExtremes => format == "int64" ? JsonValue.Create(long.MaxValue) : format == "int32" ? JsonValue.Create(int.MaxValue) : JsonValue.Create(1e308),
                Malformed.LowExtremes => format == "int64" ? JsonValue.Create(long.MinValue) : format == "int32" ? JsonValue.Create(int.MinValue) : JsonValue.Create(-1e308),
                _ => null,
            };
        if (types.Contains("string"))
            return kind switch
            {
                Malformed.WrongTypes => 12345,
                Malformed.ControlCharacters => "控制\u0000字符\u0001\u001b[31m\u202e",
                Malformed.HugeText => new string('长', HugeLength),
                Malformed.HighExtremes => format switch { "date" => "9999-12-31", "date-time" => "9999-12-31T23:59:59.9999999+00:00", "uuid" => "ffffffff-ffff-ffff-ffff-ffffffffffff", _ => "2026-02-30" },
                _ => format switch { "date" => "0001-01-01", "date-time" => "0001-01-01T00:00:00Z", "uuid" => Guid.Empty.ToString(), _ => "" },
            };
        if (types.Contains("boolean"))
            return kind == Malformed.WrongTypes ? "是" : null;
        return null;
    }

    private static string? QueryValue(JsonNode? schema, Malformed kind)
    {
        var types = Types(schema);
        var format = (string?)schema?["format"];
        return kind switch
        {
            Malformed.WrongTypes => types.Contains("integer") || types.Contains("number") || types.Contains("boolean") || format is not null || schema?["enum"] is not null ? "不是这个类型" : null,
            Malformed.ControlCharacters => types.Contains("string") ? "控制\u0001字符" : null,
            Malformed.HugeText => types.Contains("string") ? new string('长', HugeQueryLength) : null,
            Malformed.HighExtremes => format switch { "date" => "9999-12-31", "date-time" => "9999-12-31T23:59:59Z", "int32" => "2147483648", "int64" => "9223372036854775808", _ => types.Contains("integer") ? "2147483647" : null },
            _ => format switch { "date" => "0001-01-01", "date-time" => "0001-01-01T00:00:00Z", _ => types.Contains("integer") ? "-2147483648" : null },
        };
    }

    private static JsonNode? Resolve(JsonNode document, JsonNode? schema)
    {
        for (var i = 0; i < 10 && schema?["$ref"] is { } reference; i++)
        {
            var node = document;
            foreach (var part in ((string)reference!).TrimStart('#', '/').Split('/'))
                node = node[part]!;
            schema = node;
        }
        // A nullable reference is one of [the schema, null].
        if ((schema?["anyOf"] ?? schema?["oneOf"]) is JsonArray choices && choices.FirstOrDefault(c => !Types(Resolve(document, c)).SequenceEqual(["null"])) is { } chosen)
            return Resolve(document, chosen);
        return schema;
    }

    private static bool HasLeaf(JsonNode? node) => node switch
    {
        JsonObject obj => obj.Any(p => HasLeaf(p.Value)),
        JsonArray array => array.Any(HasLeaf),
        _ => node is not null,
    };

    private static bool IsObject(JsonNode? schema) => Types(schema).Contains("object") || schema?["properties"] is not null;

    private static IReadOnlyList<string> Types(JsonNode? schema) => schema?["type"] switch
    {
        JsonArray array => [.. array.Select(t => (string)t!)],
        JsonValue value => [(string)value!],
        _ => [],
    };
}
