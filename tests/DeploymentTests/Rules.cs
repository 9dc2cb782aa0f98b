using System.Globalization;
using System.Data.Common;
using System.Text.RegularExpressions;
using k8s.Models;

namespace Gongkai.DeploymentTests;

/// <summary>
/// The platform's rules for its manifests, each returning what breaks it (empty: kept), so the tests assert both that
/// the real manifests keep a rule and that a broken copy is caught.
/// </summary>
public static class Rules
{
    /// <summary>Who calls whom, as AppHost/Extensions.cs wires it (WithReference); the city simulator is not deployed.</summary>
    public static readonly Dictionary<string, string[]> References = new()
    {
        ["identity"] = [],
        ["intake"] = ["identity", "document", "publishing"],
        ["workflow"] = ["identity"],
        ["legalreview"] = ["identity"],
        ["document"] = ["identity", "intake", "workflow", "legalreview"],
        ["publishing"] = ["identity", "workflow"],
        ["portal"] = ["identity", "intake", "publishing"],
        ["gateway"] = ["identity", "intake", "workflow", "legalreview", "document", "publishing", "portal"],
    };

    /// <summary>The services with a database and the broker (AsGongkaiService in the AppHost).</summary>
    public static readonly string[] Services = ["identity", "intake", "workflow", "legalreview", "document", "publishing"];

    /// <summary>Settings beyond the common ones that a service cannot start (or work) without in Production.</summary>
    private static readonly Dictionary<string, string[]> ServiceSettings = new()
    {
        ["identity"] = ["Identity__Clients__0__ClientId", "Identity__Clients__0__SecretSha256", "Identity__Clients__0__Roles__0",
            "Identity__Clients__1__ClientId", "Identity__Clients__1__SecretSha256", "Identity__Clients__1__Roles__0"],
        ["intake"] = ["Intake__PersonalData__ActiveKeyId", "Intake__PersonalData__BlindIndexKey", "CityLink__OutboundKey", "CityLink__CityAddress"],
        // Several portal instances accept each other's forms only with one key ring.
        ["portal"] = ["Portal__KeyRingSecret"],
        ["gateway"] = ["Gateway__ConsoleFiles"],
    };

    public static V1Container Container(V1Deployment d) => d.Spec.Template.Spec.Containers.Single();

    public static Dictionary<string, V1EnvVar> Environment(V1Deployment d) => (Container(d).Env ?? []).ToDictionary(e => e.Name);

    public static IEnumerable<string> ProbesResourcesAndSecurity(Rendered r)
    {
        foreach (var d in r.All<V1Deployment>())
        {
            var name = d.Metadata.Name;
            var c = Container(d);
            var port = c.Ports?.SingleOrDefault(p => p.ContainerPort == 8080);
            if (port is null)
                yield return $"{name}: the container must expose port 8080";
            bool OnPort(V1HTTPGetAction? get) => get?.Port?.Value is { } p && (p == "8080" || p == port?.Name);
            if (c.ReadinessProbe?.HttpGet is not { Path: "/health" } ready || !OnPort(ready))
                yield return $"{name}: readiness probe must be GET /health on the container port";
            if (c.LivenessProbe?.HttpGet is not { Path: "/alive" } live || !OnPort(live))
                yield return $"{name}: liveness probe must be GET /alive on the container port";
            if (c.StartupProbe?.HttpGet is null || (c.StartupProbe.PeriodSeconds ?? 10) * (c.StartupProbe.FailureThreshold ?? 3) < 300)
                yield return $"{name}: a startup probe must allow at least 5 minutes (migrations run at start)";
            foreach (var resource in new[] { "cpu", "memory" })
            {
                if (c.Resources?.Requests?.ContainsKey(resource) != true || c.Resources?.Limits?.ContainsKey(resource) != true)
                    yield return $"{name}: needs a {resource} request and limit";
                else if (c.Resources.Requests[resource].ToDecimal() > c.Resources.Limits[resource].ToDecimal())
                    yield return $"{name}: {resource} request above its limit";
            }
            var pod = d.Spec.Template.Spec.SecurityContext;
            if (pod?.RunAsNonRoot != true || pod.SeccompProfile?.Type != "RuntimeDefault")
                yield return $"{name}: pod must run as non-root with the RuntimeDefault seccomp profile";
            var security = c.SecurityContext;
            if (security?.AllowPrivilegeEscalation != false || security.ReadOnlyRootFilesystem != true || security.Capabilities?.Drop?.Contains("ALL") != true)
                yield return $"{name}: container must drop ALL capabilities, forbid privilege escalation and have a read-only root";
            if (c.VolumeMounts?.Any(m => m.MountPath == "/tmp" && d.Spec.Template.Spec.Volumes?.Any(v => v.Name == m.Name && v.EmptyDir is not null) == true) != true)
                yield return $"{name}: /tmp must be a writable emptyDir (the root filesystem is read-only)";
        }
    }

    public static IEnumerable<string> DisruptionBudgetsAndAutoscalers(Rendered r, int minimumReplicas)
    {
        foreach (var d in r.All<V1Deployment>())
        {
            var labels = d.Spec.Template.Metadata.Labels;
            var budgets = r.All<V1PodDisruptionBudget>().Where(p => Selects(p.Spec.Selector, labels)).ToList();
            if (budgets.Count != 1)
                yield return $"{d.Metadata.Name}: {budgets.Count} PodDisruptionBudgets select it, expected 1";
            var scalers = r.All<V2HorizontalPodAutoscaler>()
                .Where(h => h.Spec.ScaleTargetRef is { Kind: "Deployment", ApiVersion: "apps/v1" } t && t.Name == d.Metadata.Name).ToList();
            if (scalers.Count != 1)
                yield return $"{d.Metadata.Name}: {scalers.Count} autoscalers target it, expected 1";
            else if (scalers[0].Spec.MinReplicas < minimumReplicas || scalers[0].Spec.Metrics?.Any(m => m.Resource?.Name == "cpu") != true)
                yield return $"{d.Metadata.Name}: autoscaler must scale on CPU from at least {minimumReplicas} replicas";
        }
    }

    /// <summary>Every setting the AppHost hands a service, and service discovery exactly as its references.</summary>
    public static IEnumerable<string> EnvironmentAsTheAppHost(Rendered r)
    {
        foreach (var (name, references) in References)
        {
            var env = Environment(r.Get<V1Deployment>(name));
            var expected = new List<string> { "ASPNETCORE_ENVIRONMENT", "ASPNETCORE_HTTP_PORTS", "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_SERVICE_NAME" };
            if (Services.Contains(name))
            {
                expected.AddRange([$"ConnectionStrings__{name}db", $"ConnectionStrings__{name}db-admin", "ConnectionStrings__messaging",
                    "Messaging__QueueType", "ServiceClient__ClientId", "ServiceClient__Secret"]);
            }
            expected.AddRange(ServiceSettings.GetValueOrDefault(name, []));
            foreach (var missing in expected.Where(e => !env.ContainsKey(e)))
                yield return $"{name}: {missing} is missing";
            if (env.GetValueOrDefault("ASPNETCORE_ENVIRONMENT")?.Value != "Production" || env.GetValueOrDefault("ASPNETCORE_HTTP_PORTS")?.Value != "8080")
                yield return $"{name}: must run as Production on port 8080";
            if (env.GetValueOrDefault("OTEL_SERVICE_NAME")?.Value != name)
                yield return $"{name}: OTEL_SERVICE_NAME must be {name}";

            var discovered = env.Keys.Where(k => k.StartsWith("services__", StringComparison.Ordinal)).Order().ToList();
            var wanted = references.Select(x => $"services__{x}__http__0").Order().ToList();
            if (!discovered.SequenceEqual(wanted))
                yield return $"{name}: service discovery is [{string.Join(", ", discovered)}], the AppHost gives [{string.Join(", ", wanted)}]";
            foreach (var x in references.Where(x => env.GetValueOrDefault($"services__{x}__http__0")?.Value != $"http://{x}:8080"
                                                    || !r.All<V1Service>().Any(s => s.Metadata.Name == x && s.Spec.Ports.Any(p => p.Port == 8080))))
                yield return $"{name}: services__{x}__http__0 must be http://{x}:8080, a Service that exists";
        }
    }

    /// <summary>Connection strings name the CloudNativePG cluster, a declared database, its owner (admin) and a separate login role.</summary>
    public static IEnumerable<string> DatabaseWiring(Rendered r)
    {
        var clusters = r.All<PostgresCluster>().ToList();
        var roles = clusters.SelectMany(c => c.Spec.Managed?.Roles ?? []).ToDictionary(x => x.Name);
        foreach (var name in Services)
        {
            var env = Environment(r.Get<V1Deployment>(name));
            var app = Parse(env[$"ConnectionStrings__{name}db"].Value);
            var admin = Parse(env[$"ConnectionStrings__{name}db-admin"].Value);
            var database = r.All<PostgresDatabase>().SingleOrDefault(d => d.Spec.Name == app["Database"]);
            if (!clusters.Any(c => app["Host"] == $"{c.Metadata.Name}-rw" && admin["Host"] == app["Host"]))
                yield return $"{name}: connection strings must point at a Cluster's -rw service";
            if (database is null || admin["Database"] != database.Spec.Name)
                yield return $"{name}: database {app["Database"]} is not declared by a Database resource";
            else if (admin["Username"] != database.Spec.Owner || app["Username"] == database.Spec.Owner)
                yield return $"{name}: migrations must run as the database's owner and the service as another role";
            foreach (var (role, password) in new[] { (app["Username"], app["Password"]), (admin["Username"], admin["Password"]) })
            {
                var variable = Regex.Match(password, @"^\$\((\w+)\)$").Groups[1].Value;
                var secret = env.GetValueOrDefault(variable)?.ValueFrom?.SecretKeyRef?.Name;
                if (!roles.TryGetValue(role, out var declared) || declared.Login != true || declared.Superuser == true || declared.Bypassrls == true)
                    yield return $"{name}: role {role} must be a managed login role without superuser or bypassrls";
                else if (secret is null || declared.PasswordSecret?.Name != secret)
                    yield return $"{name}: role {role}'s password must come from the Secret the Cluster sets it from";
            }
        }
    }

    /// <summary>
    /// Every instance of every service at its autoscaler's maximum, each with both pools full, still fits PostgreSQL's
    /// max_connections with <paramref name="reserve"/> to spare (the operator, replication, an operator's psql); and no
    /// instance lets in more requests at once than its pool serves.
    /// </summary>
    public static IEnumerable<string> ConnectionBudget(Rendered r, int reserve = 20)
    {
        var needed = 0;
        foreach (var name in Services)
        {
            var env = Environment(r.Get<V1Deployment>(name));
            var maxReplicas = r.All<V2HorizontalPodAutoscaler>().Single(h => h.Spec.ScaleTargetRef.Name == name).Spec.MaxReplicas;
            var pools = new[] { $"ConnectionStrings__{name}db", $"ConnectionStrings__{name}db-admin" }
                .Select(key => Parse(env[key].Value).TryGetValue("Maximum Pool Size", out var size) ? int.Parse(size, CultureInfo.InvariantCulture) : 100)
                .ToArray();
            needed += maxReplicas * pools.Sum();
            var concurrent = env.GetValueOrDefault("RequestLimits__ConcurrentRequests")?.Value is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : 32;
            if (concurrent >= pools[0])
                yield return $"{name}: RequestLimits__ConcurrentRequests ({concurrent}) must stay below its pool ({pools[0]}): consumers need connections too";
        }
        var max = r.All<PostgresCluster>().Select(c => c.Spec.Postgresql?.Parameters?.GetValueOrDefault("max_connections")).SingleOrDefault();
        if (max is null || int.Parse(max, CultureInfo.InvariantCulture) < needed + reserve)
            yield return $"PostgreSQL max_connections ({max ?? "100 (default)"}) is below the {needed} the services may open at their autoscalers' maximum, plus {reserve}";
    }

    private static Dictionary<string, string> Parse(string connectionString)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return builder.Keys.Cast<string>().ToDictionary(k => k, k => (string)builder[k], StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Every Secret and ConfigMap key an object reads exists: defined by the overlay, or listed in the README's secrets table
    /// (rows "created by you" count only where the overlay does not generate secrets, i.e. production and base).
    /// </summary>
    public static IEnumerable<string> ReferencedSecretsAndConfigMaps(Rendered r, IReadOnlyDictionary<string, (string CreatedBy, string[] Keys)> documented)
    {
        var generatesSecrets = r.All<V1Secret>().Any();
        var secrets = r.All<V1Secret>().ToDictionary(s => s.Metadata.Name, s => (s.Data ?? new Dictionary<string, byte[]>()).Keys.ToHashSet());
        var maps = r.All<V1ConfigMap>().ToDictionary(m => m.Metadata.Name, m => (m.Data ?? new Dictionary<string, string>()).Keys.ToHashSet());
        var references = new List<(string Owner, string Secret, string Key)>();
        foreach (var d in r.All<V1Deployment>())
        {
            foreach (var e in Container(d).Env ?? [])
            {
                if (e.ValueFrom?.SecretKeyRef is { } s)
                    references.Add((d.Metadata.Name, s.Name, s.Key));
                if (e.ValueFrom?.ConfigMapKeyRef is { } m && !(maps.TryGetValue(m.Name, out var keys) && (keys.Contains(m.Key) || m.Optional == true)))
                    yield return $"{d.Metadata.Name}: ConfigMap {m.Name} key {m.Key} does not exist (and is not optional)";
            }
        }
        foreach (var role in r.All<PostgresCluster>().SelectMany(c => c.Spec.Managed?.Roles ?? []))
            references.AddRange(new[] { "username", "password" }.Select(k => ($"role {role.Name}", role.PasswordSecret?.Name ?? "(none)", k)));
        foreach (var store in r.All<ObjectStore>())
        {
            var s3 = store.Spec.Configuration.S3Credentials;
            if (s3 is not null)
                references.AddRange([(store.Metadata.Name, s3.AccessKeyId.Name, s3.AccessKeyId.Key), (store.Metadata.Name, s3.SecretAccessKey.Name, s3.SecretAccessKey.Key)]);
        }

        foreach (var (owner, secret, key) in references)
        {
            var found = secrets.TryGetValue(secret, out var keys)
                ? keys.Contains(key)
                : documented.TryGetValue(secret, out var listed) && listed.Keys.Contains(key) && (listed.CreatedBy == "operator" || !generatesSecrets);
            if (!found)
                yield return $"{owner}: Secret {secret} key {key} is neither defined here nor documented as created before applying";
        }
    }

    /// <summary>The README's secrets table: | `name` | created by | `key`, `key` | … |.</summary>
    public static Dictionary<string, (string CreatedBy, string[] Keys)> DocumentedSecrets(string readme) =>
        Regex.Matches(readme, @"^\| `([a-z0-9-]+)` \| (you|operator) \| ([^|]+) \|", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups[1].Value,
                m => (m.Groups[2].Value, Regex.Matches(m.Groups[3].Value, "`([^`]+)`").Select(k => k.Groups[1].Value).ToArray()));

    public static bool Selects(V1LabelSelector? selector, IDictionary<string, string>? labels)
    {
        labels ??= new Dictionary<string, string>();
        if (selector is null)
            return false;
        return (selector.MatchLabels ?? new Dictionary<string, string>()).All(m => labels.TryGetValue(m.Key, out var v) && v == m.Value)
               && (selector.MatchExpressions ?? []).All(x => x.OperatorProperty switch
               {
                   "In" => labels.TryGetValue(x.Key, out var v) && x.Values.Contains(v),
                   "NotIn" => !labels.TryGetValue(x.Key, out var v) || !x.Values.Contains(v),
                   "Exists" => labels.ContainsKey(x.Key),
                   "DoesNotExist" => !labels.ContainsKey(x.Key),
                   _ => throw new NotSupportedException(x.OperatorProperty),
               });
    }
}
