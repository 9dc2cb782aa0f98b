using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gongkai.IntegrationTests;

/// <summary>Personal data: encrypted at rest, masked where not needed, audited when shown, absent from logs and traces.</summary>
[Collection(PlatformCollection.Name)]
public sealed class IntakePersonalDataTests(PlatformFixture platform)
{
    private const string Applications = "/api/intake/applications";

    [Fact]
    public async Task Id_numbers_phones_emails_and_addresses_are_encrypted_at_rest()
    {
        using var registrar = await platform.ClientAsync(PlatformFixture.TenantA, "registrar");
        var body = IntakeTestData.Person();
        var address = $"四川省成都市双流区东升街道{IntakeTestData.Token()}号";
        var email = $"zhang{IntakeTestData.Token()}@example.cn";
        var agentId = IntakeTestData.NewIdNumber();
        body["address"] = address;
        body["email"] = email;
        body["agent"] = new { name = "王律师", idNumber = agentId, phone = "13700001111" };
        body["attachments"] = new[] { IntakeTestData.Pdf("PowerOfAttorney", "委托书.pdf") };
        var response = await registrar.PostAsJsonAsync(Applications, body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.ReadJsonAsync()).GetProperty("id").GetGuid();

        // The whole row as the database owner sees it (a dump, a backup): no personal value in clear.
        var row = (string)(await IntakeTestData.ScalarAsync(platform, "SELECT row_to_json(a)::text FROM applications a WHERE id = @id", ("id", id)))!;
        foreach (var plain in new[] { (string)body["idNumber"]!, (string)body["phone"]!, address, email, agentId, "13700001111" })
            Assert.DoesNotContain(plain, row);
        Assert.StartsWith("pd1:dev-2026:", (string)(await IntakeTestData.ScalarAsync(platform, "SELECT id_number_protected FROM applications WHERE id = @id", ("id", id)))!);
        // Nor in the events waiting in the outbox.
        var events = (string?)await IntakeTestData.ScalarAsync(platform, "SELECT string_agg(body::text, ' ') FROM outbox_messages WHERE body->>'applicationId' = @id", ("id", id.ToString())) ?? "";
        Assert.DoesNotContain((string)body["idNumber"]!, events);
        Assert.DoesNotContain((string)body["phone"]!, events);
    }

    [Fact]
    public async Task Staff_see_masked_values_and_the_full_ones_only_through_an_audited_read()
    {
        using var registrar = await platform.ClientAsync(PlatformFixture.TenantA, "registrar");
        using var handler = await platform.ClientAsync(PlatformFixture.TenantA, "handler");
        using var counsel = await platform.ClientAsync(PlatformFixture.TenantA, "counsel");
        using var admin = await platform.ClientAsync(PlatformFixture.TenantA, "admin");
        var idNumber = IntakeTestData.NewIdNumber();
        var registered = await registrar.PostAsJsonAsync(Applications, IntakeTestData.Person(idNumber: idNumber, phone: "13912345678"));
        var id = (await registered.ReadJsonAsync()).GetProperty("id").GetGuid();

        var view = await counsel.GetFromJsonAsync<JsonElement>($"{Applications}/{id}");
        var applicant = view.GetProperty("applicant");
        Assert.Equal($"{idNumber[..3]}***********{idNumber[^4..]}", applicant.GetProperty("idNumber").GetString());
        Assert.Equal("139****5678", applicant.GetProperty("phone").GetString());
        Assert.Equal("四川省成都市****", applicant.GetProperty("address").GetString());
        Assert.DoesNotContain(idNumber, view.GetRawText());

        Assert.Equal(HttpStatusCode.Forbidden, (await counsel.GetAsync($"{Applications}/{id}/personal-data")).StatusCode);
        var full = await handler.GetFromJsonAsync<JsonElement>($"{Applications}/{id}/personal-data");
        Assert.Equal(idNumber, full.GetProperty("idNumber").GetString());
        Assert.Equal("13912345678", full.GetProperty("phone").GetString());
        await PlatformFixture.EventuallyAsync(async () =>
        {
            var log = await admin.GetFromJsonAsync<List<JsonElement>>($"/api/identity/audit/{PlatformFixture.TenantA}?take=200");
            return log!.Any(e => e.GetProperty("action").GetString() == "applicant-personal-data-viewed" && e.GetProperty("target").GetString() == $"application:{id}")
                ? log : null;
        }, PlatformFixture.EventWait, "the read in the unit's audit log");
    }

    [Fact]
    public async Task The_platforms_logs_never_contain_an_applicants_id_number_or_phone()
    {
        using var registrar = await platform.ClientAsync(PlatformFixture.TenantA, "registrar");
        var idNumber = IntakeTestData.NewIdNumber();
        var phone = IntakeTestData.NewPhone();
        var response = await registrar.PostAsJsonAsync(Applications, IntakeTestData.Person(idNumber: idNumber, phone: phone));
        var receipt = await response.ReadJsonAsync();
        var id = receipt.GetProperty("id").GetGuid();
        await Cases.WaitForCaseAsync(registrar, id, PlatformFixture.EventWait);
        // Also the paths that handle the values: a rejected number, the masked view and the full read.
        var wrong = IntakeTestData.Person(idNumber: idNumber[..^1] + (idNumber[^1] == '0' ? '1' : '0'), phone: phone);
        Assert.Equal(HttpStatusCode.BadRequest, (await registrar.PostAsJsonAsync(Applications, wrong)).StatusCode);
        await registrar.GetAsync($"{Applications}/{id}");
        await registrar.GetAsync($"{Applications}/{id}/personal-data");

        var number = receipt.GetProperty("applicationNumber").GetString()!;
        await PlatformFixture.EventuallyAsync(() => Task.FromResult(platform.App.GetLogs("intake").Any(l => l.Contains(number)) ? "" : null),
            PlatformFixture.LogWait, "the registration in Intake's log"); // the log is really being read
        foreach (var resource in new[] { "intake", "gateway", "workflow", "document", "publishing", "identity", "legalreview" })
        {
            var log = string.Join('\n', platform.App.GetLogs(resource));
            Assert.DoesNotContain(idNumber[..17], log);
            Assert.DoesNotContain(phone, log);
        }
    }

    /// <summary>
    /// A second Intake instance (the same built service, on the platform's database and broker) exports its
    /// traces and logs over OTLP/HTTP to a receiver in this test, which scans every exported byte. OTLP
    /// carries strings as UTF-8, so a plain value would appear as is.
    /// </summary>
    [Fact]
    public async Task Exported_spans_and_logs_of_a_registration_never_contain_the_id_number_or_phone()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var intake = await SecondIntake.StartAsync(platform, receiver.Endpoint);
        using var direct = new HttpClient { BaseAddress = intake.Address, Timeout = TimeSpan.FromSeconds(30) };
        direct.DefaultRequestHeaders.Authorization = new("Bearer", await platform.TokenAsync(PlatformFixture.TenantA, "registrar"));
        var idNumber = IntakeTestData.NewIdNumber();
        var phone = IntakeTestData.NewPhone();

        var registered = await direct.PostAsJsonAsync(Applications, IntakeTestData.Person(idNumber: idNumber, phone: phone));
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var receipt = await registered.ReadJsonAsync();
        var number = receipt.GetProperty("applicationNumber").GetString()!;
        var id = receipt.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await direct.GetAsync($"{Applications}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await direct.GetAsync($"{Applications}/{id}/personal-data")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await direct.PostAsJsonAsync(Applications, IntakeTestData.Person(idNumber: idNumber[..^1] + "Y", phone: phone))).StatusCode);
        using var anonymous = new HttpClient { BaseAddress = intake.Address };
        var online = IntakeTestData.Person(idNumber: idNumber, phone: phone);
        online.Remove("channel");
        online["unitCode"] = PlatformFixture.TenantA;
        Assert.Equal(HttpStatusCode.Created, (await anonymous.PostAsJsonAsync("/api/intake/public/applications", online)).StatusCode);

        // Wait until the registration's span (tagged with its number) and its log line have been exported.
        await PlatformFixture.EventuallyAsync(() => Task.FromResult(
            receiver.Contains("/v1/traces", number) && receiver.Contains("/v1/logs", number) ? "" : null), PlatformFixture.EventWait, "exported spans and logs");
        await intake.StopAsync(); // flushes whatever is still batched

        Assert.True(receiver.Contains("/v1/traces", "POST /api/intake/applications"));
        foreach (var secret in new[] { idNumber, idNumber[..17], phone })
        {
            Assert.False(receiver.Contains("/v1/traces", secret), "a span carries personal data");
            Assert.False(receiver.Contains("/v1/logs", secret), "an exported log carries personal data");
            Assert.DoesNotContain(secret, intake.Output);
        }
    }

    /// <summary>Receives OTLP/HTTP protobuf exports and keeps their raw bytes per signal.</summary>
    private sealed class OtlpReceiver : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentDictionary<string, ConcurrentBag<byte[]>> _received = new();

        private OtlpReceiver(WebApplication app) => _app = app;

        public Uri Endpoint { get; private set; } = null!;

        public static async Task<OtlpReceiver> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var receiver = new OtlpReceiver(app);
            app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
            {
                using var buffer = new MemoryStream();
                await request.Body.CopyToAsync(buffer);
                receiver._received.GetOrAdd($"/v1/{signal}", _ => []).Add(buffer.ToArray());
                // An empty ExportServiceResponse: full success.
                return Results.Bytes([], "application/x-protobuf");
            });
            await app.StartAsync();
            receiver.Endpoint = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            return receiver;
        }

        public bool Contains(string signal, string text)
        {
            var needle = Encoding.UTF8.GetBytes(text);
            return _received.TryGetValue(signal, out var bodies) && bodies.Any(b => b.AsSpan().IndexOf(needle) >= 0);
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }

    /// <summary>Intake's built dll started as a process, exporting to <see cref="OtlpReceiver"/>, at Debug log level.</summary>
    private sealed class SecondIntake : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();

        private SecondIntake(Process process, Uri address)
        {
            _process = process;
            Address = address;
        }

        public Uri Address { get; }

        public string Output
        {
            get { lock (_output) return _output.ToString(); }
        }

        public static async Task<SecondIntake> StartAsync(PlatformFixture platform, Uri otlpEndpoint)
        {
            var address = new Uri($"http://127.0.0.1:{FreePort()}");
            var dll = Path.Combine(platform.App.RepositoryRoot, "services", "Intake", "bin", "Debug", "net10.0", "Intake.dll");
            var info = new ProcessStartInfo("dotnet", [dll])
            {
                WorkingDirectory = Path.GetDirectoryName(dll)!,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            var environment = new Dictionary<string, string>
            {
                ["ASPNETCORE_URLS"] = address.ToString(),
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["DOTNET_ENVIRONMENT"] = "Development",
                // The application role only: the platform's instance already migrated.
                ["ConnectionStrings__intakedb"] = platform.App.GetConnectionString("intakedb"),
                ["ConnectionStrings__messaging"] = platform.App.GetConnectionString("messaging"),
                ["services__identity__http__0"] = platform.App.GetEndpoint("identity").ToString(),
                ["OTEL_SERVICE_NAME"] = "intake-export-test",
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlpEndpoint.ToString().TrimEnd('/'),
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
                ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
                ["OTEL_METRIC_EXPORT_INTERVAL"] = "60000",
                // Stricter than production: everything down to Debug is logged and scanned.
                ["Logging__LogLevel__Default"] = "Debug",
                ["Logging__LogLevel__Microsoft.AspNetCore"] = "Debug",
                ["Logging__LogLevel__Microsoft.EntityFrameworkCore"] = "Debug",
                ["Logging__LogLevel__MassTransit"] = "Debug",
                ["Logging__Console__FormatterName"] = "simple",
            };
            foreach (var (name, value) in environment)
                info.Environment[name] = value;
            var process = Process.Start(info)!;
            var instance = new SecondIntake(process, address);
            process.OutputDataReceived += (_, e) => instance.Append(e.Data);
            process.ErrorDataReceived += (_, e) => instance.Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (true)
            {
                if (process.HasExited)
                    throw new InvalidOperationException($"The second Intake exited ({process.ExitCode}):\n{instance.Output}");
                try
                {
                    if ((await client.GetAsync("/health")).IsSuccessStatusCode)
                        return instance;
                }
                catch (HttpRequestException) { }
                catch (TaskCanceledException) { }
                if (DateTime.UtcNow > deadline)
                {
                    await instance.DisposeAsync();
                    throw new TimeoutException($"The second Intake did not become healthy:\n{instance.Output}");
                }
                await Task.Delay(250);
            }
        }

        private void Append(string? line)
        {
            if (line is null)
                return;
            lock (_output)
                _output.AppendLine(line);
        }

        /// <summary>SIGTERM: the host stops gracefully and flushes its telemetry.</summary>
        public async Task StopAsync()
        {
            if (_process.HasExited)
                return;
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()]))
                await kill.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync();
            _process.Dispose();
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
