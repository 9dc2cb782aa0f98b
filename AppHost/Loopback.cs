using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

// The AppHost runs Debian's PostgreSQL and RabbitMQ binaries: Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

namespace Gongkai.AppHost;

/// <summary>Small helpers the private servers share: free loopback ports and running a setup command.</summary>
internal static class Loopback
{
    /// <summary>A port free on 127.0.0.1 now (the OS picks it; a clash before the server binds it is unlikely, not impossible).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<bool> CanConnectAsync(int port, CancellationToken ct)
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Runs a command to completion, its output into the resource's log; throws on a non-zero exit code.</summary>
    public static async Task RunAsync(ILogger log, IReadOnlyList<string> command, CancellationToken ct)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{command[0]} did not start");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        foreach (var line in ((await output) + (await error)).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            log.LogInformation("{Line}", line);
        }

        if (process.ExitCode != 0)
        {
            throw new DistributedApplicationException($"{string.Join(' ', command.Take(6))}… failed with exit code {process.ExitCode}");
        }
    }

    /// <summary>The postgres user must reach a data directory under root's folders: add o+x where an ancestor lacks it.</summary>
    public static void MakeAncestorsTraversable(string path)
    {
        for (var dir = Directory.GetParent(Path.GetFullPath(path)); dir is not null; dir = dir.Parent)
        {
            var mode = File.GetUnixFileMode(dir.FullName);
            if (!mode.HasFlag(UnixFileMode.OtherExecute))
            {
                File.SetUnixFileMode(dir.FullName, mode | UnixFileMode.OtherExecute);
            }
        }
    }
}
