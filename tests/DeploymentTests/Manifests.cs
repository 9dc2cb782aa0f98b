using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s;
using k8s.Models;

namespace Gongkai.DeploymentTests;

/// <summary>One rendered kustomization: the objects as rendered, and each loaded into its typed model.</summary>
public sealed record Rendered(string Name, List<JsonObject> Objects, List<object> Typed, List<string> Problems)
{
    public IEnumerable<T> All<T>() => Typed.OfType<T>();

    public T Get<T>(string name) where T : class =>
        Typed.OfType<T>().SingleOrDefault(o => Manifests.Meta(o).Name == name) ?? throw new InvalidOperationException($"{Name}: no {typeof(T).Name} '{name}'");
}

/// <summary>
/// Loads rendered objects strictly: core kinds into KubernetesClient's models, the operators' kinds into ours
/// (CustomResources.cs). A field the model does not have fails (YamlDotNet's strict mode), and the typed object is
/// written back to JSON and compared with what was rendered, so a value of the wrong type (a number where Kubernetes
/// wants a string, "8080" for an env value), a field read into nothing, or a required field left out shows too.
/// KubernetesClient 21 has no Validate() on its models any more: <see cref="RequiredFields"/> checks what the API
/// server would refuse for the kinds used here.
/// </summary>
public static class Manifests
{
    public static readonly string RepositoryRoot = FindRoot();

    public static readonly string KubernetesDirectory = Path.Combine(RepositoryRoot, "deploy", "kubernetes");

    private static readonly Lazy<Rendered> BaseOverlay = new(() => Render("base"));
    private static readonly Lazy<Rendered> DevOverlay = new(() => Render("overlays/dev"));
    private static readonly Lazy<Rendered> ProductionOverlay = new(() => Render("overlays/production"));

    public static Rendered Base => BaseOverlay.Value;
    public static Rendered Dev => DevOverlay.Value;
    public static Rendered Production => ProductionOverlay.Value;
    public static IEnumerable<Rendered> All => [Base, Dev, Production];

    public static readonly IDictionary<string, Type> TypeMap = BuildTypeMap();

    private static readonly JsonSerializerOptions CustomResourceJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DictionaryKeyPolicy = null,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Rendered Render(string relativeDirectory)
    {
        var objects = Kustomize.Render(Path.Combine(KubernetesDirectory, relativeDirectory));
        var (typed, problems) = Load(objects);
        return new Rendered(relativeDirectory, objects, typed, problems);
    }

    public static (List<object> Typed, List<string> Problems) Load(IEnumerable<JsonObject> objects)
    {
        var typed = new List<object>();
        var problems = new List<string>();
        foreach (var source in objects)
        {
            var id = $"{source["kind"]}/{source["metadata"]?["name"]}";
            var json = source.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            object loaded;
            try
            {
                // YAML is a superset of JSON: the rendered object goes through the same strict YAML loading as a file would.
                loaded = KubernetesYaml.LoadAllFromString(json, TypeMap, strict: true).Single();
            }
            catch (Exception e) when (e is YamlDotNet.Core.YamlException or KeyNotFoundException or InvalidOperationException)
            {
                problems.Add($"{id}: {(e is KeyNotFoundException ? $"unknown kind {source["apiVersion"]}/{source["kind"]}" : e.Message)}");
                continue;
            }

            var written = JsonNode.Parse(loaded is CustomResource
                ? JsonSerializer.Serialize(loaded, loaded.GetType(), CustomResourceJson)
                : KubernetesJson.Serialize(loaded));
            if (Difference(source, written, "") is { } difference)
                problems.Add($"{id}: {difference}");
            problems.AddRange(RequiredFields(loaded).Select(p => $"{id}: {p}"));
            typed.Add(loaded);
        }

        return (typed, problems);
    }

    public static V1ObjectMeta Meta(object o) => o switch
    {
        IMetadata<V1ObjectMeta> k => k.Metadata,
        CustomResource c => c.Metadata,
        _ => throw new ArgumentException(o.GetType().Name),
    };

    /// <summary>What the API server (or the operator) would refuse, for the kinds deploy/kubernetes uses.</summary>
    public static IEnumerable<string> RequiredFields(object o)
    {
        if (string.IsNullOrEmpty(Meta(o).Name))
            yield return "metadata.name is required";
        switch (o)
        {
            case V1Deployment d:
                var selector = d.Spec?.Selector?.MatchLabels ?? new Dictionary<string, string>();
                var labels = d.Spec?.Template?.Metadata?.Labels ?? new Dictionary<string, string>();
                if (selector.Count == 0 || selector.Any(s => !labels.TryGetValue(s.Key, out var v) || v != s.Value))
                    yield return "spec.selector must be non-empty and match the pod template's labels";
                var containers = d.Spec?.Template?.Spec?.Containers ?? [];
                if (containers.Count == 0)
                    yield return "spec.template.spec.containers is required";
                foreach (var c in containers)
                {
                    if (string.IsNullOrEmpty(c.Name) || string.IsNullOrEmpty(c.Image))
                        yield return "every container needs a name and an image";
                    foreach (var problem in EnvironmentProblems(c))
                        yield return $"container {c.Name}: {problem}";
                }
                break;
            case V1Service s when s.Spec?.Ports is not { Count: > 0 } || s.Spec.Selector is not { Count: > 0 }:
                yield return "a Service needs ports and a selector";
                break;
            case V1PodDisruptionBudget p when p.Spec?.Selector is null || (p.Spec.MinAvailable is null) == (p.Spec.MaxUnavailable is null):
                yield return "a PodDisruptionBudget needs a selector and exactly one of minAvailable, maxUnavailable";
                break;
            case V2HorizontalPodAutoscaler h when h.Spec?.ScaleTargetRef?.Name is null || h.Spec.MaxReplicas < (h.Spec.MinReplicas ?? 1):
                yield return "an HPA needs scaleTargetRef and maxReplicas >= minReplicas";
                break;
            case V1NetworkPolicy n when n.Spec?.PodSelector is null:
                yield return "a NetworkPolicy needs spec.podSelector ({} selects every pod)";
                break;
            case V1Ingress i when i.Spec?.Rules?.SelectMany(r => r.Http?.Paths ?? []).Any(p => p.Backend?.Service?.Name is null || p.Backend.Service.Port is null) != false:
                yield return "every ingress path needs a backend service and port";
                break;
        }
    }

    /// <summary>Unique names, one source per variable, and every $(NAME) defined above its use (Kubernetes leaves it as text otherwise).</summary>
    private static IEnumerable<string> EnvironmentProblems(V1Container container)
    {
        var defined = new HashSet<string>();
        foreach (var variable in container.Env ?? [])
        {
            if (!defined.Add(variable.Name))
                yield return $"{variable.Name} is defined twice";
            if ((variable.Value is null) == (variable.ValueFrom is null))
                yield return $"{variable.Name} needs exactly one of value and valueFrom";
            foreach (Match reference in Regex.Matches(variable.Value ?? "", @"\$\(([^)]+)\)"))
            {
                if (!defined.Contains(reference.Groups[1].Value) || reference.Groups[1].Value == variable.Name)
                    yield return $"{variable.Name} uses $({reference.Groups[1].Value}), which is not defined before it";
            }
        }
    }

    /// <summary>The first place where what was rendered and what the model read back differ; null when equal.</summary>
    public static string? Difference(JsonNode? rendered, JsonNode? read, string path)
    {
        switch (rendered, read)
        {
            case (JsonObject r, JsonObject b):
                foreach (var key in r.Select(p => p.Key).Union(b.Select(p => p.Key)))
                {
                    if (Difference(r[key], b[key], $"{path}/{key}") is { } difference)
                        return difference;
                }
                return null;
            case (JsonArray r, JsonArray b) when r.Count == b.Count:
                return Enumerable.Range(0, r.Count).Select(i => Difference(r[i], b[i], $"{path}/{i}")).FirstOrDefault(d => d is not null);
            case (null, null):
                return null;
            case (null, _):
                return $"{path} is required but missing (read as {read!.ToJsonString()})";
            case (_, null):
                return $"{path} was not read into the model (wrong type or unknown field?)";
            default:
                return rendered.ToJsonString() == read.ToJsonString() ? null : $"{path} is {rendered.ToJsonString()}, read back as {read.ToJsonString()} (wrong type?)";
        }
    }

    private static Dictionary<string, Type> BuildTypeMap()
    {
        var map = new Dictionary<string, Type>();
        foreach (var type in typeof(V1Deployment).Assembly.GetTypes())
        {
            if (type.GetCustomAttribute<KubernetesEntityAttribute>() is { Kind: { Length: > 0 } kind } entity && !type.Name.EndsWith("List", StringComparison.Ordinal))
                map[$"{(entity.Group is { Length: > 0 } group ? group + "/" : "")}{entity.ApiVersion}/{kind}"] = type;
        }

        map["rabbitmq.com/v1beta1/RabbitmqCluster"] = typeof(RabbitmqCluster);
        map["postgresql.cnpg.io/v1/Cluster"] = typeof(PostgresCluster);
        map["postgresql.cnpg.io/v1/Database"] = typeof(PostgresDatabase);
        map["postgresql.cnpg.io/v1/ScheduledBackup"] = typeof(ScheduledBackup);
        map["barmancloud.cnpg.io/v1/ObjectStore"] = typeof(ObjectStore);
        map["opentelemetry.io/v1beta1/OpenTelemetryCollector"] = typeof(OpenTelemetryCollector);
        return map;
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Platform.sln")))
                return directory.FullName;
        }

        throw new InvalidOperationException("Platform.sln not found above " + AppContext.BaseDirectory);
    }
}
