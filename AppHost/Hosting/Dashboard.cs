using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gongkai.AppHost.Hosting;

/// <summary>
/// A deliberately tiny dashboard on 127.0.0.1: <c>/</c> (resources, refreshing), <c>/logs/&lt;name&gt;</c>
/// (recent lines as text) and <c>/api/resources</c> (JSON). HttpListener keeps the AppHost a plain console
/// app with no web stack to configure.
/// </summary>
internal sealed class Dashboard(
    int port,
    Func<IReadOnlyList<ResourceState>> snapshot,
    Func<string, IReadOnlyList<string>?> logs) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = true,
    };

    private readonly HttpListener _listener = new();

    public string Url => $"http://127.0.0.1:{port}/";

    public void Start()
    {
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public void Dispose() => _listener.Close();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // Closed on shutdown.
            }

            try
            {
                Respond(context);
            }
            catch (Exception e) when (e is HttpListenerException or IOException)
            {
                // The browser went away mid-response.
            }
        }
    }

    private void Respond(HttpListenerContext context)
    {
        var path = context.Request.Url?.AbsolutePath ?? "/";
        var (status, contentType, body) = path switch
        {
            "/" => (200, "text/html; charset=utf-8", Page(snapshot())),
            "/api/resources" => (200, "application/json; charset=utf-8", JsonSerializer.Serialize(snapshot(), Json)),
            _ when path.StartsWith("/logs/", StringComparison.Ordinal) && logs(Uri.UnescapeDataString(path[6..])) is { } lines
                => (200, "text/plain; charset=utf-8", string.Join('\n', lines) + "\n"),
            _ => (404, "text/plain; charset=utf-8", "not found\n"),
        };

        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength64 = bytes.Length;
        context.Response.OutputStream.Write(bytes);
        context.Response.Close();
    }

    private static string Page(IReadOnlyList<ResourceState> resources)
    {
        var rows = new StringBuilder();
        foreach (var r in resources)
        {
            var colour = r.State switch
            {
                ResourceStatus.Healthy => "#1a7f37",
                ResourceStatus.Failed or ResourceStatus.Unhealthy => "#cf222e",
                ResourceStatus.Stopped => "#6e7781",
                _ => "#9a6700",
            };
            var endpoint = r.Endpoint is null ? ""
                : r.Endpoint.StartsWith("http", StringComparison.Ordinal) ? $"<a href=\"{Enc(r.Endpoint)}\">{Enc(r.Endpoint)}</a>"
                : Enc(r.Endpoint);
            rows.Append(
                $"<tr><td>{Enc(r.Name)}</td><td>{Enc(r.Type)}</td><td style=\"color:{colour}\">{r.State}</td><td>{endpoint}</td>" +
                $"<td>{r.Pid}</td><td>{r.Restarts}</td><td><a href=\"/logs/{Uri.EscapeDataString(r.Name)}\">日志 logs</a></td></tr>");
        }

        return $$"""
            <!doctype html>
            <html lang="zh-CN"><head><meta charset="utf-8"><meta http-equiv="refresh" content="3">
            <title>Gongkai AppHost</title>
            <style>body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse}
            td,th{padding:.3em .8em;border-bottom:1px solid #ddd;text-align:left}</style></head>
            <body><h1>Gongkai 公开 · 资源 Resources</h1>
            <table><tr><th>名称 Name</th><th>类型 Type</th><th>状态 State</th><th>端点 Endpoint</th><th>PID</th><th>重启 Restarts</th><th></th></tr>
            {{rows}}</table>
            <p><a href="/api/resources">/api/resources</a> (JSON)</p></body></html>
            """;
    }

    private static string Enc(string text) => WebUtility.HtmlEncode(text);
}
