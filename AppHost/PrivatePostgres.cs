using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Gongkai.AppHost;

/// <summary>
/// A PostgreSQL server the services' databases live on: a private one (Debian's postgres 15 as an Aspire
/// executable, data kept under <c>.gongkai/</c>) or, when <c>ConnectionStrings__&lt;name&gt;</c> is configured, an
/// existing one given by a superuser's connection string. Either way, once the server is healthy the AppHost
/// creates each database (owned by that superuser) and the non-owner application role the services run as, so
/// row-level security binds them; migrations run as the owner (<c>ConnectionStrings__&lt;db&gt;-admin</c>).
/// </summary>
public interface IPostgresServerResource : IResourceWithConnectionString, IResourceWithWaitSupport
{
    List<PostgresDatabaseResource> Databases { get; }

    /// <summary>The application role's (<paramref name="admin"/> false) or the owner's string for one database.</summary>
    ReferenceExpression DatabaseConnectionString(string databaseName, bool admin);

    /// <summary>The database the superuser connects to for administration.</summary>
    string MaintenanceDatabase { get; }
}

/// <summary>Debian's PostgreSQL 15 run by DCP on a loopback port.</summary>
public sealed class PrivatePostgresResource(string name, ParameterResource superuserPassword, ParameterResource appPassword)
    : ExecutableResource(name, PrivatePostgres.Command, "/"), IPostgresServerResource
{
    public List<PostgresDatabaseResource> Databases { get; } = [];

    /// <summary>The cluster (PGDATA); the superuser's password is kept beside it in <c>passwords.json</c>.</summary>
    public string DataDirectory { get; set; } = "";

    public int Port { get; set; }

    /// <summary>Throwaway data (tests): initdb --no-sync and no fsync.</summary>
    public bool Ephemeral { get; set; }

    public ParameterResource SuperuserPassword { get; } = superuserPassword;

    public ParameterResource AppPassword { get; } = appPassword;

    public string MaintenanceDatabase => "postgres";

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Password={SuperuserPassword}");

    public ReferenceExpression DatabaseConnectionString(string databaseName, bool admin) => admin
        ? ReferenceExpression.Create($"{ConnectionStringExpression};Database={databaseName}")
        : ReferenceExpression.Create(
            $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username={PrivatePostgres.AppRole};Password={AppPassword};Database={databaseName}");
}

/// <summary>An existing server given by a superuser's connection string; nothing is started.</summary>
public sealed class ExternalPostgresResource(string name, string connectionString) : Resource(name), IPostgresServerResource
{
    private readonly DbConnectionStringBuilder _server = new() { ConnectionString = connectionString };

    public List<PostgresDatabaseResource> Databases { get; } = [];

    // An external superuser may only be allowed into the database its string names.
    public string MaintenanceDatabase => _server.TryGetValue("Database", out var database) ? (string)database : "postgres";

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{_server.ConnectionString}");

    public ReferenceExpression DatabaseConnectionString(string databaseName, bool admin)
    {
        var settings = new DbConnectionStringBuilder { ConnectionString = _server.ConnectionString };
        foreach (var key in new[] { "User ID", "UserID", "User Name", "User", "UID", "Username", "PWD", "Password", "DB", "Database" })
        {
            settings.Remove(key);
        }

        var password = _server.TryGetValue("Password", out var p) ? (string)p : "";
        settings["Username"] = admin ? UserName : PrivatePostgres.AppRole;
        settings["Password"] = admin ? password : PrivatePostgres.DeriveAppPassword(password);
        settings["Database"] = databaseName;
        return ReferenceExpression.Create($"{settings.ConnectionString}");
    }

    private string UserName =>
        new[] { "Username", "User ID", "UserID", "User Name", "User", "UID" }.Select(k => _server.TryGetValue(k, out var v) ? (string)v : null)
            .FirstOrDefault(v => v is not null) ?? "postgres";
}

/// <summary>
/// A database on a <see cref="IPostgresServerResource"/>. Its connection string (what <c>WithReference</c> hands
/// out) is the application role's; <see cref="AdminConnectionStringExpression"/> is the owner's.
/// </summary>
public sealed class PostgresDatabaseResource(string name, string databaseName, IPostgresServerResource parent)
    : Resource(name), IResourceWithParent<IPostgresServerResource>, IResourceWithConnectionString, IResourceWithWaitSupport
{
    public string DatabaseName { get; } = databaseName;

    public IPostgresServerResource Parent { get; } = parent;

    public ReferenceExpression ConnectionStringExpression => Parent.DatabaseConnectionString(DatabaseName, admin: false);

    public ReferenceExpression AdminConnectionStringExpression => Parent.DatabaseConnectionString(DatabaseName, admin: true);
}

public static class PrivatePostgres
{
    public const string AppRole = "gongkai_app";
    public const string BinDirectory = "/usr/lib/postgresql/15/bin";

    // postgres and initdb refuse to run as root; setpriv switches user and exec's, so DCP watches postgres itself.
    internal static string Command => Environment.UserName == "root" ? "setpriv" : Path.Combine(BinDirectory, "postgres");

    /// <summary>
    /// A PostgreSQL server named <paramref name="name"/>: the one <c>ConnectionStrings__&lt;name&gt;</c> names if
    /// configured (a superuser's string), otherwise a private one on <paramref name="port"/> (null: a free port).
    /// </summary>
    public static IResourceBuilder<IPostgresServerResource> AddPrivatePostgres(
        this IDistributedApplicationBuilder builder, [ResourceName] string name, int? port = null)
    {
        IResourceBuilder<IPostgresServerResource> server;
        if (builder.Configuration.GetConnectionString(name) is { Length: > 0 } external)
        {
            var resource = new ExternalPostgresResource(name, external);
            server = builder.AddResource(resource)
                .WithInitialState(new CustomResourceSnapshot { ResourceType = "PostgreSQL (existing)", Properties = [], State = KnownResourceStates.Starting })
                // Nothing to start: the server counts as running, and its health check says whether it answers.
                .OnInitializeResource((r, e, ct) =>
                    e.Notifications.PublishUpdateAsync(r, s => s with { State = KnownResourceStates.Running, StartTimeStamp = DateTime.UtcNow }));
        }
        else
        {
            PrivatePostgresResource? created = null;
            // initdb bakes the superuser's password into the cluster: it is made once per data directory and kept.
            var superuserPassword = new ParameterResource($"{name}-password", _ => LoadOrCreatePassword(created!), secret: true);
            var appPassword = new ParameterResource($"{name}-app-password", _ => DeriveAppPassword(LoadOrCreatePassword(created!)), secret: true);
            created = new PrivatePostgresResource(name, superuserPassword, appPassword)
            {
                Port = port ?? Loopback.FreePort(),
                DataDirectory = Path.Combine(builder.AppHostDirectory, "..", ".gongkai", "postgres"),
            };
            builder.AddResource(superuserPassword);
            builder.AddResource(appPassword);
            var executable = builder.AddResource(created)
                // Proxy-less: clients talk to postgres itself, and a stopped server refuses connections.
                .WithEndpoint(port: created.Port, targetPort: created.Port, scheme: "tcp", name: "tcp", isProxied: false)
                .WithArgs(context =>
                {
                    if (Command == "setpriv")
                    {
                        context.Args.Add("--reuid=postgres");
                        context.Args.Add("--regid=postgres");
                        context.Args.Add("--init-groups");
                        context.Args.Add("--");
                        context.Args.Add(Path.Combine(BinDirectory, "postgres"));
                    }

                    foreach (var argument in ServerArguments(created))
                    {
                        context.Args.Add(argument);
                    }
                })
                .OnBeforeResourceStarted((r, e, ct) => PrepareAsync(r, e.Services, ct));
            server = executable;
        }

        var healthCheck = $"{name}_check";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheck,
            _ => new NpgsqlHealthCheck(() => AdminConnection(server.Resource, server.Resource.MaintenanceDatabase)),
            failureStatus: null,
            tags: null));

        return server
            .WithIconName("DatabaseMultiple")
            .WithHealthCheck(healthCheck)
            .OnResourceReady((r, e, ct) => CreateDatabasesAsync(r, e.Services, ct));
    }

    /// <summary>Where the private server keeps its cluster; ignored for an existing server.</summary>
    public static IResourceBuilder<IPostgresServerResource> WithDataDirectory(
        this IResourceBuilder<IPostgresServerResource> builder, string path, bool ephemeral = false)
    {
        if (builder.Resource is PrivatePostgresResource server)
        {
            server.DataDirectory = Path.GetFullPath(path);
            server.Ephemeral = ephemeral;
        }

        return builder;
    }

    /// <summary>A database created on the server once it is healthy; healthy itself once the application role can connect.</summary>
    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<IPostgresServerResource> server, [ResourceName] string name, string? databaseName = null)
    {
        databaseName ??= name;
        // The name goes into CREATE DATABASE: keep it to characters that need no quoting rules.
        if (!databaseName.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            throw new ArgumentException($"Database name '{databaseName}' may contain only letters, digits, '-' and '_'.", nameof(databaseName));
        }

        var database = new PostgresDatabaseResource(name, databaseName, server.Resource);
        server.Resource.Databases.Add(database);
        var healthCheck = $"{name}_check";
        server.ApplicationBuilder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheck,
            _ => new NpgsqlHealthCheck(() => database.ConnectionStringExpression.GetValueAsync(CancellationToken.None)),
            failureStatus: null,
            tags: null));

        // A child of an executable gets no state from DCP: it waits until its server has created it (CreateDatabasesAsync).
        return server.ApplicationBuilder.AddResource(database)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "PostgreSQL database",
                State = KnownResourceStates.Waiting,
                Properties = [new("postgres.database", databaseName)],
            })
            .WithIconName("Database")
            .WithHealthCheck(healthCheck);
    }

    /// <summary>
    /// Hands a service its database: <c>ConnectionStrings__&lt;db&gt;</c> (application role), <c>ConnectionStrings__&lt;db&gt;-admin</c>
    /// (owner, for migrations), and starts the service only once the database is healthy.
    /// </summary>
    public static IResourceBuilder<T> WithDatabase<T>(this IResourceBuilder<T> project, IResourceBuilder<PostgresDatabaseResource> database)
        where T : IResourceWithEnvironment, IResourceWithWaitSupport =>
        project.WithReference(database)
               .WithEnvironment($"ConnectionStrings__{database.Resource.Name}{Contracts.ResourceNames.AdminSuffix}", database.Resource.AdminConnectionStringExpression)
               .WaitFor(database);

    /// <summary>Derived from the superuser's password rather than random: every AppHost sharing a server sets the same one.</summary>
    internal static string DeriveAppPassword(string superuserPassword) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(superuserPassword), Encoding.UTF8.GetBytes(AppRole)))[..32];

    private static List<string> ServerArguments(PrivatePostgresResource server)
    {
        List<string> arguments =
        [
            "-D", server.DataDirectory, "-p", server.Port.ToString(CultureInfo.InvariantCulture),
            "-c", "listen_addresses=127.0.0.1",
            // The socket goes into the data directory: no /var/run/postgresql needed, and nobody else can reach it.
            "-k", server.DataDirectory,
            // Six services (and a second Workflow in tests), each with its own pool, outgrow the default of 100.
            "-c", "max_connections=300",
        ];
        if (server.Ephemeral)
        {
            // Test data is thrown away, so durability only costs time.
            arguments.AddRange(["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]);
        }

        return arguments;
    }

    /// <summary>Before each start: stop a postmaster a killed run left on this directory, and initdb on first use.</summary>
    private static async Task PrepareAsync(PrivatePostgresResource server, IServiceProvider services, CancellationToken ct)
    {
        var log = services.GetRequiredService<ResourceLoggerService>().GetLogger(server);
        var data = server.DataDirectory;
        var asRoot = Command == "setpriv";
        if (File.Exists(Path.Combine(data, "postmaster.pid"))
            && int.TryParse(File.ReadLines(Path.Combine(data, "postmaster.pid")).FirstOrDefault(), out var pid)
            && File.Exists($"/proc/{pid}/cmdline")
            && File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Contains($"-D {data} ", StringComparison.Ordinal))
        {
            log.LogWarning("stopping the PostgreSQL server (pid {Pid}) a previous run left on {Data}", pid, data);
            await Loopback.RunAsync(log, AsPostgres(asRoot, "pg_ctl", ["stop", "-D", data, "-m", "fast", "-w", "-t", "30"]), ct);
        }

        if (File.Exists(Path.Combine(data, "PG_VERSION")))
        {
            return;
        }

        // No PG_VERSION: no cluster yet (at most the debris of an initdb killed early). A directory with one is never deleted.
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }

        Directory.CreateDirectory(data);
        File.SetUnixFileMode(data, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var passwordFile = Path.Combine(Path.GetTempPath(), $"gongkai-initdb-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(passwordFile, LoadOrCreatePassword(server) + "\n", ct);
        File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            if (asRoot)
            {
                Loopback.MakeAncestorsTraversable(data);
                await Loopback.RunAsync(log, ["chown", "postgres:postgres", data, passwordFile], ct);
            }

            List<string> arguments =
            [
                "-D", data, "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8",
                // Password auth on TCP; trust only on the socket, which lives inside the 0700 data directory.
                "--auth-host=scram-sha-256", "--auth-local=trust", $"--pwfile={passwordFile}",
            ];
            if (server.Ephemeral)
            {
                arguments.Add("--no-sync");
            }

            log.LogInformation("initdb (first start with {Data})", data);
            await Loopback.RunAsync(log, AsPostgres(asRoot, "initdb", arguments), ct);
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    private static List<string> AsPostgres(bool asRoot, string tool, List<string> arguments) =>
        asRoot
            ? ["setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--", Path.Combine(BinDirectory, tool), .. arguments]
            : [Path.Combine(BinDirectory, tool), .. arguments];

    /// <summary>Creates the application role and the databases when missing (idempotent), then marks each database running.</summary>
    private static async Task CreateDatabasesAsync(IPostgresServerResource server, IServiceProvider services, CancellationToken ct)
    {
        var log = services.GetRequiredService<ResourceLoggerService>().GetLogger(server);
        var notifications = services.GetRequiredService<ResourceNotificationService>();
        var appPassword = server switch
        {
            PrivatePostgresResource p => await p.AppPassword.GetValueAsync(ct),
            _ => new NpgsqlConnectionStringBuilder(await server.DatabaseConnectionString("x", admin: false).GetValueAsync(ct)).Password,
        };

        await using (var connection = new NpgsqlConnection(await AdminConnection(server, server.MaintenanceDatabase)))
        {
            await connection.OpenAsync(ct);
            await ExecuteAsync(connection, $"""
                DO $$ BEGIN
                  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{AppRole}') THEN CREATE ROLE {AppRole}; END IF;
                END $$;
                ALTER ROLE {AppRole} WITH LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD '{appPassword}';
                """, ct);
            foreach (var database in server.Databases)
            {
                await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
                exists.Parameters.AddWithValue("name", database.DatabaseName);
                if (await exists.ExecuteScalarAsync(ct) is null)
                {
                    await ExecuteAsync(connection, $"CREATE DATABASE \"{database.DatabaseName}\"", ct);
                    log.LogInformation("created database {Database}", database.DatabaseName);
                }
            }
        }

        foreach (var database in server.Databases)
        {
            // Tables the owner creates in migrations are usable by the app role without each migration granting it.
            await using var connection = new NpgsqlConnection(await AdminConnection(server, database.DatabaseName));
            await connection.OpenAsync(ct);
            await ExecuteAsync(connection, $"""
                ALTER DEFAULT PRIVILEGES GRANT USAGE ON SCHEMAS TO {AppRole};
                ALTER DEFAULT PRIVILEGES GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {AppRole};
                ALTER DEFAULT PRIVILEGES GRANT USAGE, SELECT ON SEQUENCES TO {AppRole};
                """, ct);
            await notifications.PublishUpdateAsync(database, s => s with { State = KnownResourceStates.Running, StartTimeStamp = DateTime.UtcNow });
        }

        log.LogInformation("role {Role} and databases {Databases} ready", AppRole, string.Join(", ", server.Databases.Select(d => d.DatabaseName)));
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    // Unpooled: the AppHost connects once per start and per health check, and a connection pooled before a restart of the
    // server would fail the first command after it ("terminating connection due to unexpected postmaster exit").
    private static async ValueTask<string?> AdminConnection(IPostgresServerResource server, string database) =>
        new NpgsqlConnectionStringBuilder(await server.DatabaseConnectionString(database, admin: true).GetValueAsync(CancellationToken.None)) { Pooling = false }
            .ConnectionString;

    /// <summary>Kept in <c>passwords.json</c> (mode 600) beside the cluster, as the AppHost always has.</summary>
    private static string LoadOrCreatePassword(PrivatePostgresResource server)
    {
        lock (server)
        {
            var path = Path.Combine(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(server.DataDirectory))!, "passwords.json");
            var passwords = File.Exists(path) ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path)) ?? [] : [];
            if (!passwords.TryGetValue("postgres", out var password))
            {
                password = passwords["postgres"] = RandomNumberGenerator.GetHexString(32, lowercase: true);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, JsonSerializer.Serialize(passwords));
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            return password;
        }
    }

    /// <summary>Opens a connection and runs <c>SELECT 1</c>: during startup and recovery postgres accepts TCP but refuses sessions.</summary>
    private sealed class NpgsqlHealthCheck(Func<ValueTask<string?>> connectionString) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var builder = new NpgsqlConnectionStringBuilder(await connectionString()) { Timeout = 3, Pooling = false };
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(cancellationToken);
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy(e.Message, e);
            }
        }
    }
}
