namespace Gongkai.AppHost.Hosting;

/// <summary>What every runner shares: options, folders, console, pid files and the base child environment.</summary>
internal sealed class AppRuntime(DistributedApplicationOptions options, string repositoryRoot, string dataDirectory)
{
    /// <summary>
    /// Set on every child. Children pass it on to theirs (postgres backends, beam.smp), so one scan of
    /// /proc finds everything a killed AppHost left behind, with no risk of touching a stranger's process.
    /// </summary>
    public const string OwnerVariable = "GONGKAI_APPHOST_DATA";

    public DistributedApplicationOptions Options { get; } = options;

    public string RepositoryRoot { get; } = repositoryRoot;

    public string DataDirectory { get; } = dataDirectory;

    public string RunDirectory => Path.Combine(DataDirectory, "run");

    public string LogDirectory => Path.Combine(DataDirectory, "logs");

    public ConsoleSink Console { get; } = new(options.ConsoleOutput ?? !options.Ephemeral);

    public ResourceLog CreateLog(string name)
    {
        Console.Register(name);
        return new ResourceLog(name, Path.Combine(LogDirectory, name + ".log"), Console);
    }

    public void WritePidFile(string name, int pid) => File.WriteAllText(Path.Combine(RunDirectory, name + ".pid"), $"{pid}\n");

    public void DeletePidFile(string name)
    {
        var path = Path.Combine(RunDirectory, name + ".pid");
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    /// <summary>Environment changes common to all children (null removes an inherited variable).</summary>
    public Dictionary<string, string?> ChildEnvironment()
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal) { [OwnerVariable] = DataDirectory };

        // The AppHost's own connection strings (e.g. an external superuser's) are not the children's business:
        // each child gets exactly what it references.
        foreach (var name in System.Environment.GetEnvironmentVariables().Keys.OfType<string>())
        {
            if (name.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("services__", StringComparison.OrdinalIgnoreCase))
            {
                environment[name] = null;
            }
        }

        return environment;
    }

    /// <summary>The connection string of an external server for <paramref name="resourceName"/>, if one is configured.</summary>
    public string? ExternalConnectionString(string resourceName)
    {
        if (!Options.UseExternalServers)
        {
            return null;
        }

        return Options.ExternalConnectionStrings.TryGetValue(resourceName, out var configured) ? configured
            : System.Environment.GetEnvironmentVariable($"ConnectionStrings__{resourceName}") is { Length: > 0 } fromEnvironment ? fromEnvironment
            : null;
    }
}
