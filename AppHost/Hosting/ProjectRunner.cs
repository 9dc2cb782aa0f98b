namespace Gongkai.AppHost.Hosting;

/// <summary>
/// A service run from its already-built dll (<c>dotnet bin/Debug/net10.0/X.dll</c>): building is the build
/// script's job, and running the dll directly avoids a concurrent "dotnet run" build per service on 2 cores.
/// </summary>
internal sealed class ProjectRunner(
    ProjectResource resource,
    AppRuntime runtime,
    Func<ProjectRunner, Dictionary<string, string?>> environment)
    : ManagedResource(resource.Name, "Project", runtime)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(3) };

    public ProjectResource Resource { get; } = resource;

    public int Port { get; set; }

    public Uri Url => new($"http://127.0.0.1:{Port}");

    protected override int? ListenPort => Port;

    public override string? Endpoint => Port == 0 ? null : Url.ToString().TrimEnd('/');

    public string ProjectDirectory =>
        Path.GetDirectoryName(Path.GetFullPath(Path.Combine(Runtime.RepositoryRoot, Resource.ProjectPath)))!;

    public string DllPath => Path.Combine(
        ProjectDirectory, "bin", Runtime.Options.ProjectConfiguration, "net10.0", Path.GetFileNameWithoutExtension(Resource.ProjectPath) + ".dll");

    protected override ProcessSpec CreateProcessSpec()
    {
        // Under "dotnet run"/"dotnet test" the SDK names the muxer it used; otherwise the one on PATH.
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        return new ProcessSpec(dotnet, [DllPath], ProjectDirectory, environment(this));
    }

    protected override async Task<bool> IsHealthyAsync(CancellationToken ct)
    {
        try
        {
            using var response = await Http.GetAsync(new Uri(Url, "/health"), ct);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return false;
        }
    }
}
