using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Gongkai.DeploymentTests;

/// <summary>
/// Renders a kustomization directory as <c>kubectl kustomize</c> does, for exactly the features deploy/kubernetes uses:
/// resources (files and directories), namespace, images (newTag/newName), replicas, patches (JSON 6902 add, replace and
/// remove with a kind/name target), and configMapGenerator/secretGenerator with literals, type and generatorOptions
/// (labels, disableNameSuffixHash). Anything else is refused rather than ignored, and
/// <see cref="KustomizeParityTests"/> compares the result with kubectl's.
/// </summary>
public static class Kustomize
{
    private static readonly HashSet<string> Supported =
        ["apiVersion", "kind", "namespace", "resources", "images", "replicas", "patches", "generatorOptions", "secretGenerator", "configMapGenerator"];

    private static readonly HashSet<string> ClusterScoped = ["Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "StorageClass"];

    public static List<JsonObject> Render(string directory)
    {
        var kustomization = Yaml.LoadAll(File.ReadAllText(Path.Combine(directory, "kustomization.yaml"))).Single().AsObject();
        foreach (var (field, _) in kustomization)
        {
            if (!Supported.Contains(field))
                throw new NotSupportedException($"{directory}/kustomization.yaml: '{field}' is not supported by this renderer.");
        }

        var objects = new List<JsonObject>();
        foreach (var resource in Items(kustomization["resources"]).Select(r => r!.GetValue<string>()))
        {
            var path = Path.Combine(directory, resource);
            objects.AddRange(Directory.Exists(path) ? Render(path) : Yaml.LoadAll(File.ReadAllText(path)).Select(o => o.AsObject()));
        }

        var options = kustomization["generatorOptions"] as JsonObject;
        if (options?["disableNameSuffixHash"]?.GetValue<bool>() != true && (kustomization["secretGenerator"] ?? kustomization["configMapGenerator"]) is not null)
            throw new NotSupportedException($"{directory}: generated names need generatorOptions.disableNameSuffixHash: true here.");
        objects.AddRange(Items(kustomization["configMapGenerator"]).Select(g => Generate(g!.AsObject(), "ConfigMap", options)));
        objects.AddRange(Items(kustomization["secretGenerator"]).Select(g => Generate(g!.AsObject(), "Secret", options)));

        foreach (var patch in Items(kustomization["patches"]).Select(p => p!.AsObject()))
        {
            var target = patch["target"]!.AsObject();
            if (target.Any(t => t.Key is not ("kind" or "name")))
                throw new NotSupportedException($"{directory}: patch targets may name kind and name only.");
            var operations = Yaml.LoadAll(patch["patch"]!.GetValue<string>()).Single().AsArray();
            var matched = objects.Where(o => Kind(o) == (string?)target["kind"] && ((string?)target["name"] is not { } name || Name(o) == name)).ToList();
            if (matched.Count == 0)
                throw new InvalidOperationException($"{directory}: a patch matches no object ({target.ToJsonString()}).");
            foreach (var o in matched)
            {
                foreach (var operation in operations)
                    JsonPatch.Apply(o, operation!.AsObject());
            }
        }

        foreach (var image in Items(kustomization["images"]).Select(i => i!.AsObject()))
        {
            foreach (var container in objects.SelectMany(Containers))
            {
                var reference = (string)container["image"]!;
                var name = Regex.Match(reference, @"^(.*?)(:[^:/]+)?(@.*)?$").Groups[1].Value;
                if (name == (string?)image["name"])
                    container["image"] = $"{(string?)image["newName"] ?? name}:{(string?)image["newTag"] ?? throw new NotSupportedException("images need newTag here")}";
            }
        }

        foreach (var replica in Items(kustomization["replicas"]).Select(r => r!.AsObject()))
        {
            foreach (var o in objects.Where(o => Kind(o) is "Deployment" or "StatefulSet" or "ReplicaSet" && Name(o) == (string?)replica["name"]))
                o["spec"]!["replicas"] = replica["count"]!.DeepClone();
        }

        if ((string?)kustomization["namespace"] is { } ns)
        {
            foreach (var o in objects.Where(o => !ClusterScoped.Contains(Kind(o))))
                o["metadata"]!["namespace"] = ns;
        }

        return objects;
    }

    public static string Kind(JsonObject o) => (string)o["kind"]!;

    public static string Name(JsonObject o) => (string)o["metadata"]!["name"]!;

    private static IEnumerable<JsonNode?> Items(JsonNode? list) => list?.AsArray() ?? [];

    // Every container list, wherever it is (kustomize's image transformer does the same).
    private static IEnumerable<JsonObject> Containers(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key is "containers" or "initContainers" && p.Value is JsonArray list
            ? list.Select(c => c!.AsObject())
            : Containers(p.Value)),
        JsonArray a => a.SelectMany(Containers),
        _ => [],
    };

    private static JsonObject Generate(JsonObject generator, string kind, JsonObject? options)
    {
        if (generator.Any(g => g.Key is not ("name" or "literals" or "type")))
            throw new NotSupportedException($"{kind} generator '{generator["name"]}': only name, literals and type are supported.");
        var data = new JsonObject();
        foreach (var literal in Items(generator["literals"]).Select(l => l!.GetValue<string>()))
        {
            var (key, value) = literal.Split('=', 2) is [var k, var v] ? (k, v) : throw new FormatException($"literal '{literal}' is not key=value");
            data[key] = kind == "Secret" ? Convert.ToBase64String(Encoding.UTF8.GetBytes(value)) : value;
        }

        var metadata = new JsonObject { ["name"] = generator["name"]!.DeepClone() };
        if (options?["labels"] is JsonObject labels)
            metadata["labels"] = labels.DeepClone();
        var generated = new JsonObject { ["apiVersion"] = "v1", ["kind"] = kind, ["metadata"] = metadata, ["data"] = data };
        if (kind == "Secret")
            generated["type"] = generator["type"]?.DeepClone() ?? "Opaque";
        return generated;
    }
}

/// <summary>JSON 6902 add, replace and remove; a path that does not exist is an error, as in kustomize.</summary>
public static class JsonPatch
{
    public static void Apply(JsonObject document, JsonObject operation)
    {
        var path = (string)operation["path"]!;
        var steps = path.Split('/').Skip(1).Select(s => s.Replace("~1", "/").Replace("~0", "~")).ToArray();
        JsonNode parent = document;
        foreach (var step in steps[..^1])
            parent = (parent is JsonArray a ? a[int.Parse(step, CultureInfo.InvariantCulture)] : parent[step]) ?? throw Missing(path);
        var last = steps[^1];
        var value = operation["value"]?.DeepClone();
        switch ((string?)operation["op"], parent)
        {
            case ("add", JsonArray list):
                if (last == "-") list.Add(value); else list.Insert(int.Parse(last, CultureInfo.InvariantCulture), value);
                break;
            case ("add", JsonObject map):
                map[last] = value;
                break;
            case ("replace", JsonArray list):
                list[int.Parse(last, CultureInfo.InvariantCulture)] = value;
                break;
            case ("replace", JsonObject map) when map.ContainsKey(last):
                map[last] = value;
                break;
            case ("remove", JsonArray list):
                list.RemoveAt(int.Parse(last, CultureInfo.InvariantCulture));
                break;
            case ("remove", JsonObject map) when map.Remove(last):
                break;
            case ("replace" or "remove", _):
                throw Missing(path);
            default:
                throw new NotSupportedException($"patch operation '{operation["op"]}' is not supported.");
        }
    }

    private static InvalidOperationException Missing(string path) => new($"patch path {path} does not exist");
}

/// <summary>
/// YAML to JSON nodes with YAML 1.2 core-schema typing: plain 8080 is a number, quoted '8080' a string, so a number
/// where Kubernetes wants a string (an env value) is still visible to the validator.
/// </summary>
public static class Yaml
{
    public static List<JsonNode> LoadAll(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Select(d => ToJson(d.RootNode)).OfType<JsonNode>().ToList();
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        // new JsonObject throws on a duplicate key, which YAML parsers otherwise resolve silently.
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, ToJson(c.Value)))),
        YamlSequenceNode list => new JsonArray(list.Children.Select(ToJson).ToArray()),
        YamlScalarNode { Style: ScalarStyle.Plain } scalar => Plain(scalar.Value),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => throw new NotSupportedException($"YAML node {node.NodeType} at {node.Start}"),
    };

    private static JsonNode? Plain(string? value) => value switch
    {
        null or "" or "~" or "null" => null,
        "true" => true,
        "false" => false,
        _ when Regex.IsMatch(value, "^[-+]?[0-9]+$") => long.Parse(value, CultureInfo.InvariantCulture),
        _ when Regex.IsMatch(value, @"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$") => double.Parse(value, CultureInfo.InvariantCulture),
        _ => value,
    };
}
