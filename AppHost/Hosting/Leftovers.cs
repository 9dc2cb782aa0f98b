using System.Globalization;

namespace Gongkai.AppHost.Hosting;

/// <summary>
/// An AppHost killed with SIGKILL (or a test host that crashed) leaves postgres, beam.smp and services
/// running. The owner's pid (with its start time, since pids are reused) sits in <c>run/apphost.pid</c>;
/// every child carries <see cref="AppRuntime.OwnerVariable"/> in its environment. A new run whose
/// predecessor is dead finds those processes in /proc and stops them before starting anything.
/// </summary>
internal static class Leftovers
{
    /// <summary>Common parent of ephemeral (test) data directories, so one run can clean up after another.</summary>
    public static string EphemeralRoot => Path.Combine(Path.GetTempPath(), "gongkai-test");

    // A directory this young without an owner file may be a run that is just starting.
    private static readonly TimeSpan OwnerlessGrace = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Takes ownership of a data directory: refuses if a live AppHost owns it, otherwise stops whatever
    /// a dead owner left running and records this process as the owner.
    /// </summary>
    public static async Task ClaimAsync(string dataDirectory, string runDirectory, Action<string> log)
    {
        var ownerFile = Path.Combine(runDirectory, "apphost.pid");
        if (ReadOwner(ownerFile) is { } owner && owner != Environment.ProcessId && IsSameProcess(ownerFile, owner))
        {
            throw new DistributedApplicationException(
                $"Another AppHost (pid {owner}) is running with data directory {dataDirectory}. Stop it first, or use --data.");
        }

        await StopProcessesOfAsync(dataDirectory, log);
        var self = Environment.ProcessId;
        await File.WriteAllTextAsync(ownerFile, $"{self} {Posix.StartTime(self)}\n");
    }

    public static void Release(string runDirectory)
    {
        var ownerFile = Path.Combine(runDirectory, "apphost.pid");
        if (ReadOwner(ownerFile) == Environment.ProcessId)
        {
            File.Delete(ownerFile);
        }
    }

    /// <summary>Deletes other runs' ephemeral directories whose owner is gone, stopping their processes first.</summary>
    public static async Task CleanEphemeralRootAsync(string except, Action<string> log)
    {
        if (!Directory.Exists(EphemeralRoot))
        {
            return;
        }

        foreach (var directory in Directory.GetDirectories(EphemeralRoot))
        {
            if (Path.GetFullPath(directory) == except)
            {
                continue;
            }

            var ownerFile = Path.Combine(directory, "run", "apphost.pid");
            var abandoned = ReadOwner(ownerFile) is { } owner
                ? !IsSameProcess(ownerFile, owner)
                : DateTime.UtcNow - Directory.GetLastWriteTimeUtc(directory) > OwnerlessGrace;
            if (!abandoned)
            {
                continue;
            }

            log($"cleaning up {directory} (its test run is gone)");
            await StopProcessesOfAsync(Path.GetFullPath(directory), log);
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                log($"could not delete {directory}: {e.Message}");
            }
        }
    }

    /// <summary>
    /// Stops every process started for <paramref name="dataDirectory"/>: PostgreSQL through pg_ctl (a clean
    /// shutdown), everything else with SIGTERM and, after 10 s, SIGKILL.
    /// </summary>
    public static async Task StopProcessesOfAsync(string dataDirectory, Action<string> log)
    {
        await PostgresRunner.StopLeftoverAsync(Path.Combine(dataDirectory, "postgres"), log);

        var pids = FindProcessesOf(dataDirectory);
        if (pids.Count == 0)
        {
            return;
        }

        log($"stopping {pids.Count} leftover process(es): {string.Join(", ", pids.Select(p => $"{p} ({CommandName(p)})"))}");
        await Task.WhenAll(pids.Select(pid => Posix.TerminateAsync(pid, TimeSpan.FromSeconds(10))));
    }

    /// <summary>Every process (but shared epmd) started for <paramref name="dataDirectory"/>, found by its environment marker.</summary>
    public static List<int> FindProcessesOf(string dataDirectory)
    {
        var marker = $"{AppRuntime.OwnerVariable}={dataDirectory}\0";
        var found = new List<int>();
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                // epmd is shared by every Erlang node on the machine (other test runs too) and holds no data: leave it.
                if ((File.ReadAllText(Path.Combine(entry, "environ")) + "\0").Contains(marker, StringComparison.Ordinal)
                    && CommandName(pid) != "epmd")
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile, or not ours to read.
            }
        }

        return found;
    }

    public static string CommandName(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "?";
        }
    }

    private static int? ReadOwner(string ownerFile) =>
        File.Exists(ownerFile) && int.TryParse(File.ReadAllText(ownerFile).Split(' ', '\n')[0], out var pid) ? pid : null;

    /// <summary>True when the pid in the owner file is alive and is the same process (same start time).</summary>
    private static bool IsSameProcess(string ownerFile, int pid)
    {
        var parts = File.ReadAllText(ownerFile).Split(' ', '\n', StringSplitOptions.RemoveEmptyEntries);
        var recorded = parts.Length > 1 && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var start) ? start : (long?)null;
        return Posix.IsAlive(pid) && (recorded is null || Posix.StartTime(pid) == recorded);
    }
}
