namespace Gongkai.AppHost.Hosting;

// The application model: plain descriptions of what to run, built by the Add*/With* calls.
// Nothing here starts a process; the runners (ManagedResource and subclasses) do that.

/// <summary>Anything the AppHost knows by name.</summary>
public interface IResource
{
    string Name { get; }
}

/// <summary>A resource a project can reference to get a <c>ConnectionStrings__&lt;name&gt;</c> variable.</summary>
public interface IResourceWithConnectionString : IResource;

/// <summary>
/// Returned by every Add* call so calls chain like Aspire's. Covariant, so a builder of a database
/// can be passed where a builder of <see cref="IResourceWithConnectionString"/> is expected.
/// </summary>
public interface IResourceBuilder<out T> where T : IResource
{
    T Resource { get; }

    IDistributedApplicationBuilder ApplicationBuilder { get; }
}

internal sealed class ResourceBuilder<T>(T resource, IDistributedApplicationBuilder applicationBuilder) : IResourceBuilder<T>
    where T : IResource
{
    public T Resource { get; } = resource;

    public IDistributedApplicationBuilder ApplicationBuilder { get; } = applicationBuilder;
}

/// <summary>A PostgreSQL server: private (started from the installed binaries) or external.</summary>
public sealed class PostgresServerResource(string name) : IResourceWithConnectionString
{
    public string Name { get; } = name;

    public List<PostgresDatabaseResource> Databases { get; } = [];
}

/// <summary>A database the AppHost creates on its server when missing.</summary>
public sealed class PostgresDatabaseResource(string name, string databaseName, PostgresServerResource parent)
    : IResourceWithConnectionString
{
    public string Name { get; } = name;

    public string DatabaseName { get; } = databaseName;

    public PostgresServerResource Parent { get; } = parent;
}

/// <summary>A RabbitMQ broker: private (started from the installed binaries) or external.</summary>
public sealed class RabbitMQServerResource(string name) : IResourceWithConnectionString
{
    public string Name { get; } = name;
}

/// <summary>A .NET project run from its already-built dll.</summary>
public sealed class ProjectResource(string name, string projectPath) : IResource
{
    public string Name { get; } = name;

    /// <summary>Path of the .csproj relative to the repository root.</summary>
    public string ProjectPath { get; } = projectPath;

    /// <summary>Fixed HTTP port; null means a free loopback port chosen at start.</summary>
    public int? HttpPort { get; set; }

    public List<IResource> References { get; } = [];

    public List<IResource> WaitsFor { get; } = [];

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);
}

/// <summary>The With*/AddDatabase calls, as extension methods like Aspire's.</summary>
public static class ResourceBuilderExtensions
{
    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<PostgresServerResource> server, string name, string? databaseName = null)
    {
        // The name goes into CREATE DATABASE and \connect lines: keep it to characters that need no escaping.
        if (databaseName is not null && !databaseName.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            throw new ArgumentException($"Database name '{databaseName}' may contain only letters, digits, '-' and '_'.", nameof(databaseName));
        }

        var database = new PostgresDatabaseResource(name, databaseName ?? name, server.Resource);
        server.ApplicationBuilder.AddResource(database);
        server.Resource.Databases.Add(database);
        return new ResourceBuilder<PostgresDatabaseResource>(database, server.ApplicationBuilder);
    }

    /// <summary>Hands the project <c>ConnectionStrings__&lt;name&gt;</c> (and <c>-admin</c> for databases).</summary>
    public static IResourceBuilder<ProjectResource> WithReference(
        this IResourceBuilder<ProjectResource> project, IResourceBuilder<IResourceWithConnectionString> source)
    {
        project.Resource.References.Add(source.Resource);
        return project;
    }

    /// <summary>Hands the project <c>services__&lt;name&gt;__http__0</c> (Aspire's service discovery contract).</summary>
    public static IResourceBuilder<ProjectResource> WithReference(
        this IResourceBuilder<ProjectResource> project, IResourceBuilder<ProjectResource> source)
    {
        project.Resource.References.Add(source.Resource);
        return project;
    }

    /// <summary>Starts the project only once <paramref name="dependency"/> is healthy.</summary>
    public static IResourceBuilder<ProjectResource> WaitFor(
        this IResourceBuilder<ProjectResource> project, IResourceBuilder<IResource> dependency)
    {
        project.Resource.WaitsFor.Add(dependency.Resource);
        return project;
    }

    /// <summary>Pins the project's HTTP port (otherwise a free loopback port is used).</summary>
    public static IResourceBuilder<ProjectResource> WithHttpEndpoint(this IResourceBuilder<ProjectResource> project, int? port = null)
    {
        project.Resource.HttpPort = port;
        return project;
    }

    public static IResourceBuilder<ProjectResource> WithEnvironment(
        this IResourceBuilder<ProjectResource> project, string name, string value)
    {
        project.Resource.Environment[name] = value;
        return project;
    }
}
