using System.Text.RegularExpressions;

namespace Gongkai.AppHost.Hosting;

/// <summary>Collects the application model; <see cref="Build"/> turns it into a runnable application.</summary>
public interface IDistributedApplicationBuilder
{
    DistributedApplicationOptions Options { get; }

    IReadOnlyList<IResource> Resources { get; }

    IResourceBuilder<T> AddResource<T>(T resource) where T : IResource;

    /// <summary>A PostgreSQL server: private, or external when <c>ConnectionStrings__&lt;name&gt;</c> is configured.</summary>
    IResourceBuilder<PostgresServerResource> AddPostgres(string name);

    /// <summary>A RabbitMQ broker: private, or external when <c>ConnectionStrings__&lt;name&gt;</c> is configured.</summary>
    IResourceBuilder<RabbitMQServerResource> AddRabbitMQ(string name);

    /// <summary>A .NET project; <paramref name="projectPath"/> is the .csproj relative to the repository root.</summary>
    IResourceBuilder<ProjectResource> AddProject(string name, string projectPath);

    DistributedApplication Build();
}

internal sealed partial class DistributedApplicationBuilder(DistributedApplicationOptions options) : IDistributedApplicationBuilder
{
    private readonly List<IResource> _resources = [];

    public DistributedApplicationOptions Options { get; } = options;

    public IReadOnlyList<IResource> Resources => _resources;

    public IResourceBuilder<T> AddResource<T>(T resource) where T : IResource
    {
        // Names become environment variable names (ConnectionStrings__<name>, services__<name>__http__0) and file names.
        if (!ValidName().IsMatch(resource.Name))
        {
            throw new ArgumentException($"Resource name '{resource.Name}' must start with a letter and contain only letters, digits, '-' and '_'.");
        }

        if (_resources.Any(r => string.Equals(r.Name, resource.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException($"A resource named '{resource.Name}' already exists.");
        }

        _resources.Add(resource);
        return new ResourceBuilder<T>(resource, this);
    }

    // One of each server kind: their data lives in fixed folders (<data>/postgres, <data>/rabbitmq).
    public IResourceBuilder<PostgresServerResource> AddPostgres(string name) =>
        _resources.OfType<PostgresServerResource>().Any()
            ? throw new NotSupportedException("Only one PostgreSQL server per AppHost; add databases to it instead.")
            : AddResource(new PostgresServerResource(name));

    public IResourceBuilder<RabbitMQServerResource> AddRabbitMQ(string name) =>
        _resources.OfType<RabbitMQServerResource>().Any()
            ? throw new NotSupportedException("Only one RabbitMQ broker per AppHost.")
            : AddResource(new RabbitMQServerResource(name));

    public IResourceBuilder<ProjectResource> AddProject(string name, string projectPath) =>
        AddResource(new ProjectResource(name, projectPath));

    public DistributedApplication Build() => new(Options, _resources);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]*$")]
    private static partial Regex ValidName();
}
