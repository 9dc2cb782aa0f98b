using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Gongkai.AppHost.Hosting;

/// <summary>
/// A PostgreSQL server: a private one run from Debian's binaries with its data in <c>&lt;data&gt;/postgres</c>,
/// or an external one given by a superuser connection string. Either way it creates the databases and
/// the non-owner application role, so services can migrate as the owner and run as a role that RLS binds.
/// </summary>
internal sealed class PostgresRunner : ManagedResource
{
    public const string AppRole = "gongkai_app";
    private const string BinDirectory = "/usr/lib/postgresql/15/bin";
    private readonly PostgresServerResource _resource;
    private readonly string? _externalConnectionString;
    private NpgsqlSettings _server = new();
    private string _appPassword = "";

    public PostgresRunner(PostgresServerResource resource, AppRuntime runtime)
        : base(resource.Name, "PostgreSQL", runtime)
    {
        _resource = resource;
        _externalConnectionString = runtime.ExternalConnectionString(resource.Name);
    }

    public string DataDirectory => Path.Combine(Runtime.DataDirectory, "postgres");

    public override bool IsExternal => _externalConnectionString is not null;

    public override string? Endpoint => _server["Host"] is { } host ? $"{host}:{Port}" : null;

    private string Host => _server["Host"] ?? "127.0.0.1";

    protected override int? ListenPort => IsExternal ? null : Port;

    private int Port => _server["Port"] is { } port ? int.Parse(port, CultureInfo.InvariantCulture) : 5432;

    /// <summary>Fixes port and passwords; called once before the first start.</summary>
    public void Configure(int port)
    {
        if (_externalConnectionString is not null)
        {
            _server = NpgsqlSettings.Parse(_externalConnectionString);
            _server["Database"] = null;
            Log.Write($"[apphost] using the external server at {Endpoint}");
        }
        else
        {
            _server = new NpgsqlSettings
            {
                ["Host"] = "127.0.0.1",
                ["Port"] = port.ToString(CultureInfo.InvariantCulture),
                ["Username"] = "postgres",
                ["Password"] = LoadOrCreateSuperuserPassword(),
            };
        }

        // Derived from the superuser's password rather than random: every AppHost or test run that shares a
        // server (an external one especially) then sets the same password, instead of locking the others out.
        _appPassword = Convert.ToHexStringLower(
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(_server["Password"] ?? ""), Encoding.UTF8.GetBytes(AppRole)))[..32];
    }

    /// <summary>The superuser's connection string (no database), as Aspire hands out for the server resource.</summary>
    public string ServerConnectionString => _server.ToString();

    /// <summary>The owner's string (for migrations) or the application role's (for running) for one database.</summary>
    public string DatabaseConnectionString(PostgresDatabaseResource database, bool admin)
    {
        var settings = _server.Clone();
        if (!admin)
        {
            settings["Username"] = AppRole;
            settings["Password"] = _appPassword;
        }

        settings["Database"] = database.DatabaseName;
        return settings.ToString();
    }

    protected override async Task PrepareAsync(CancellationToken ct)
    {
        if (IsExternal || File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            return;
        }

        // No PG_VERSION means no cluster yet (at most the debris of an initdb killed early): start clean.
        // A directory that has one is never deleted, whatever state it is in.
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }

        Directory.CreateDirectory(DataDirectory);
        Posix.Chmod(DataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        // initdb reads the superuser's password from a file the postgres user can read; it is deleted right after.
        var passwordFile = Path.Combine(Runtime.RunDirectory, "initdb.pwfile");
        Posix.WriteSecretFile(passwordFile, _server["Password"] + "\n");
        try
        {
            if (Posix.IsRoot)
            {
                Posix.MakeAncestorsTraversable(DataDirectory, message => Log.Write($"[apphost] {message}"));
                await RunCheckedAsync("chown", ["postgres:postgres", DataDirectory, passwordFile], ct);
            }

            List<string> arguments =
            [
                "-D", DataDirectory, "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8",
                // Password auth on TCP; trust only on the socket, which lives inside the 0700 data directory.
                "--auth-host=scram-sha-256", "--auth-local=trust", $"--pwfile={passwordFile}",
            ];
            if (Runtime.Options.Ephemeral)
            {
                arguments.Add("--no-sync");
            }

            Log.Write("[apphost] initdb (first start with this data directory)");
            var (file, args) = AsPostgresUser("initdb", arguments);
            var result = await Command.RunAsync(file, args, ct);
            Log.Write(result.Output);
            if (!result.Succeeded)
            {
                throw new DistributedApplicationException($"initdb failed with code {result.ExitCode}");
            }
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    protected override ProcessSpec CreateProcessSpec()
    {
        List<string> arguments =
        [
            "-D", DataDirectory, "-p", Port.ToString(CultureInfo.InvariantCulture),
            "-c", "listen_addresses=127.0.0.1",
            // The socket goes into the data directory: no /var/run/postgresql needed, and nobody else can reach it.
            "-k", DataDirectory,
            // Six services, each with its own pool, outgrow the default of 100 under load tests.
            "-c", "max_connections=300",
        ];
        if (Runtime.Options.Ephemeral)
        {
            // Test data is thrown away, so durability only costs time.
            arguments.AddRange(["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]);
        }

        var (file, args) = AsPostgresUser("postgres", arguments);
        return new ProcessSpec(file, args, "/", Runtime.ChildEnvironment());
    }

    protected override async Task<bool> IsHealthyAsync(CancellationToken ct)
    {
        if (!await Ports.CanConnectAsync(Host, Port, ct))
        {
            return false;
        }

        // Accepting TCP is not enough: during startup and recovery postgres answers "the database system is starting up".
        var result = await Command.RunAsync(
            Path.Combine(BinDirectory, "pg_isready"), ["-q", "-t", "3", "-h", Host, "-p", Port.ToString(CultureInfo.InvariantCulture)], ct);
        return result.Succeeded;
    }

    /// <summary>Creates the application role and the databases when missing; idempotent, so it runs on every (re)start.</summary>
    protected override async Task OnHealthyAsync(CancellationToken ct)
    {
        var sql = new StringBuilder();
        sql.AppendLine($"SELECT 'CREATE ROLE {AppRole}' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{AppRole}')\\gexec");
        // Re-asserted every time: the role must never own tables or bypass RLS.
        sql.AppendLine($"ALTER ROLE {AppRole} WITH LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD '{_appPassword}';");
        foreach (var database in _resource.Databases)
        {
            var name = database.DatabaseName;
            sql.AppendLine($"SELECT 'CREATE DATABASE \"{name}\"' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '{name}')\\gexec");
            // Tables the owner creates in migrations are usable by the app role without each migration granting it.
            sql.AppendLine($"\\connect \"{name}\"");
            sql.AppendLine($"ALTER DEFAULT PRIVILEGES GRANT USAGE ON SCHEMAS TO {AppRole};");
            sql.AppendLine($"ALTER DEFAULT PRIVILEGES GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {AppRole};");
            sql.AppendLine($"ALTER DEFAULT PRIVILEGES GRANT USAGE, SELECT ON SEQUENCES TO {AppRole};");
        }

        var result = await Command.RunAsync(
            Path.Combine(BinDirectory, "psql"), ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", "-"], ct, PsqlEnvironment(), sql.ToString());
        if (!result.Succeeded)
        {
            Log.Write(result.Output);
            throw new DistributedApplicationException($"creating the role and databases failed (psql exit code {result.ExitCode})");
        }

        Log.Write($"[apphost] role {AppRole} and databases {string.Join(", ", _resource.Databases.Select(d => d.DatabaseName))} ready");
    }

    protected override async Task StopProcessAsync(ChildProcess process)
    {
        // Fast shutdown: roll back open transactions, write a checkpoint, exit; the next start needs no recovery.
        var (file, args) = AsPostgresUser("pg_ctl", ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "30"]);
        var result = await Command.RunAsync(file, args, CancellationToken.None);
        if (!result.Succeeded)
        {
            Log.Write($"[apphost] pg_ctl stop: {result.Output}");
        }

        await process.WaitOrKillAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>A postmaster can outlive our child (e.g. started by an AppHost that was killed); postmaster.pid knows it.</summary>
    protected override Task AfterStopAsync() =>
        IsExternal ? Task.CompletedTask : StopLeftoverAsync(DataDirectory, message => Log.Write($"[apphost] {message}"));

    /// <summary>Stops a server left running in <paramref name="dataDirectory"/> by a killed AppHost.</summary>
    public static async Task StopLeftoverAsync(string dataDirectory, Action<string> log)
    {
        // Pids are reused: only a live postgres started on this very directory counts.
        if (PostmasterPid(dataDirectory) is { } pid && Posix.IsAlive(pid)
            && Posix.CommandLine(pid).Contains($"-D {dataDirectory} ", StringComparison.Ordinal))
        {
            log($"stopping the PostgreSQL server a previous run left running (pid {pid})");
            var (file, args) = AsPostgresUser("pg_ctl", ["stop", "-D", dataDirectory, "-m", "fast", "-w", "-t", "30"]);
            await Command.RunAsync(file, args, CancellationToken.None);
        }
    }

    private static int? PostmasterPid(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, "postmaster.pid");
        return File.Exists(path) && int.TryParse(File.ReadLines(path).FirstOrDefault(), out var pid) ? pid : null;
    }

    /// <summary>initdb, pg_ctl and postgres refuse to run as root; setpriv switches user and execs (no extra process).</summary>
    private static (string File, List<string> Arguments) AsPostgresUser(string tool, List<string> arguments) =>
        Posix.IsRoot
            ? ("setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", "--", Path.Combine(BinDirectory, tool), .. arguments])
            : (Path.Combine(BinDirectory, tool), arguments);

    private Dictionary<string, string?> PsqlEnvironment()
    {
        var environment = new Dictionary<string, string?>
        {
            ["PGHOST"] = Host,
            ["PGPORT"] = Port.ToString(CultureInfo.InvariantCulture),
            ["PGUSER"] = _server["Username"] ?? "postgres",
            ["PGPASSWORD"] = _server["Password"],
            // An external superuser may only be allowed into the database its string names.
            ["PGDATABASE"] = _externalConnectionString is not null ? NpgsqlSettings.Parse(_externalConnectionString)["Database"] ?? "postgres" : "postgres",
            ["PGCONNECT_TIMEOUT"] = "10",
        };
        // Npgsql spells SSL modes in PascalCase (VerifyFull); libpq wants verify-full.
        if (_server["SSL Mode"] is { } sslMode)
        {
            environment["PGSSLMODE"] = sslMode.ToLowerInvariant() switch
            {
                "verifyca" => "verify-ca",
                "verifyfull" => "verify-full",
                var other => other,
            };
        }

        return environment;
    }

    private static async Task RunCheckedAsync(string file, List<string> arguments, CancellationToken ct)
    {
        var result = await Command.RunAsync(file, arguments, ct);
        if (!result.Succeeded)
        {
            throw new DistributedApplicationException($"{file} {string.Join(' ', arguments)} failed: {result.Output}");
        }
    }

    /// <summary>
    /// Made once per data directory and kept in passwords.json (mode 600): initdb bakes it into the cluster,
    /// so every later run must present the same one.
    /// </summary>
    private string LoadOrCreateSuperuserPassword()
    {
        var path = Path.Combine(Runtime.DataDirectory, "passwords.json");
        var passwords = File.Exists(path)
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path)) ?? []
            : [];
        if (!passwords.TryGetValue("postgres", out var password))
        {
            password = passwords["postgres"] = RandomNumberGenerator.GetHexString(32, lowercase: true);
            Posix.WriteSecretFile(path, JsonSerializer.Serialize(passwords));
        }

        return password;
    }

    /// <summary>
    /// An Npgsql connection string as ordered pairs with canonical key names, so what services receive reads
    /// "Host=…;Port=…;Username=…;Password=…;Database=…" however an external string spelled its keys.
    /// </summary>
    private sealed class NpgsqlSettings
    {
        private static readonly Dictionary<string, string> Canonical = new(StringComparer.OrdinalIgnoreCase)
        {
            ["Host"] = "Host", ["Server"] = "Host", ["Port"] = "Port",
            ["Username"] = "Username", ["User ID"] = "Username", ["UserID"] = "Username", ["User Name"] = "Username",
            ["User"] = "Username", ["UID"] = "Username",
            ["Password"] = "Password", ["PWD"] = "Password",
            ["Database"] = "Database", ["DB"] = "Database",
            ["SSL Mode"] = "SSL Mode", ["SslMode"] = "SSL Mode",
        };

        private readonly List<KeyValuePair<string, string>> _pairs = [];

        public string? this[string key]
        {
            get => _pairs.FirstOrDefault(p => p.Key == key).Value;
            set
            {
                var index = _pairs.FindIndex(p => p.Key == key);
                if (value is null)
                {
                    if (index >= 0)
                    {
                        _pairs.RemoveAt(index);
                    }
                }
                else if (index >= 0)
                {
                    _pairs[index] = new(key, value);
                }
                else
                {
                    _pairs.Add(new(key, value));
                }
            }
        }

        // DbConnectionStringBuilder does the parsing (quotes, escapes); we only rename the keys.
        public static NpgsqlSettings Parse(string connectionString)
        {
            var parsed = new DbConnectionStringBuilder { ConnectionString = connectionString };
            var settings = new NpgsqlSettings();
            foreach (string key in parsed.Keys)
            {
                settings[Canonical.GetValueOrDefault(key, key)] = Convert.ToString(parsed[key], CultureInfo.InvariantCulture);
            }

            return settings;
        }

        public NpgsqlSettings Clone()
        {
            var copy = new NpgsqlSettings();
            copy._pairs.AddRange(_pairs);
            return copy;
        }

        public override string ToString()
        {
            var text = new StringBuilder();
            foreach (var (key, value) in _pairs)
            {
                DbConnectionStringBuilder.AppendKeyValuePair(text, key, value);
            }

            return text.ToString();
        }
    }
}
