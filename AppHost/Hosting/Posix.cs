using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Gongkai.AppHost.Hosting;

/// <summary>The few POSIX calls .NET does not expose: sending SIGTERM, checking for root, file modes.</summary>
internal static class Posix
{
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;
    private const int EPERM = 1;

    // Process.Kill only sends SIGKILL; services and brokers deserve a SIGTERM first to shut down cleanly.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SysKill(int pid, int signal);

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint SysGetEuid();

    public static bool IsRoot { get; } = !OperatingSystem.IsWindows() && SysGetEuid() == 0;

    public static void Signal(int pid, int signal) => SysKill(pid, signal);

    /// <summary>kill(pid, 0): true when the process exists (EPERM means it exists but is someone else's).</summary>
    public static bool IsAlive(int pid) =>
        pid > 0 && (SysKill(pid, 0) == 0 || Marshal.GetLastPInvokeError() == EPERM) && !IsZombie(pid);

    /// <summary>Sends SIGTERM, waits up to <paramref name="grace"/>, then SIGKILL. For processes that are not our children.</summary>
    public static async Task TerminateAsync(int pid, TimeSpan grace)
    {
        if (!IsAlive(pid))
        {
            return;
        }

        Signal(pid, SIGTERM);
        var deadline = DateTime.UtcNow + grace;
        while (IsAlive(pid) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        if (IsAlive(pid))
        {
            Signal(pid, SIGKILL);
        }
    }

    /// <summary>Start time of a process in clock ticks since boot; with the pid it identifies a process despite pid reuse.</summary>
    public static long? StartTime(int pid)
    {
        try
        {
            // Field 22 of /proc/<pid>/stat; the command name (field 2) may contain spaces, so count after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[19], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>The process's command line with arguments joined by spaces; empty when it is gone.</summary>
    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Writes a file that is mode 600 from its first byte (no window in which others could read it).</summary>
    public static void WriteSecretFile(string path, string content)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        // No BOM: initdb would take it as part of the password.
        using var writer = new StreamWriter(path, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), options);
        writer.Write(content);
    }

    public static void Chmod(string path, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }
    }

    /// <summary>
    /// The postgres OS user must reach its data directory: give o+x (traverse only, not read) to every
    /// ancestor that lacks it, e.g. a home directory with mode 700.
    /// </summary>
    public static void MakeAncestorsTraversable(string path, Action<string> log)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        for (var dir = Path.GetDirectoryName(path); !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
        {
            var mode = File.GetUnixFileMode(dir);
            if (!mode.HasFlag(UnixFileMode.OtherExecute))
            {
                File.SetUnixFileMode(dir, mode | UnixFileMode.OtherExecute);
                log($"gave o+x to {dir} so the postgres user can reach its data directory");
            }
        }
    }
}

/// <summary>Loopback ports: finding free ones and probing listeners.</summary>
internal static class Ports
{
    /// <summary>
    /// Reserves <paramref name="count"/> distinct free ports. All listeners stay open until every port is
    /// chosen, so one call never hands out the same port twice.
    /// </summary>
    public static int[] Free(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }

    public static bool IsInUse(int port)
    {
        try
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return false;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    public static async Task<bool> CanConnectAsync(string host, int port, CancellationToken ct)
    {
        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            await client.ConnectAsync(host, port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return false;
        }
    }
}
