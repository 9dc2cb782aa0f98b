using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Gongkai.DeploymentTests;

/// <summary>A [Fact] that is reported as skipped (not passed) when kubectl is not on PATH.</summary>
public sealed class KubectlFactAttribute : FactAttribute
{
    public KubectlFactAttribute()
    {
        if (!Kubectl.Available)
            Skip = "kubectl is not on PATH: the renderer was not compared with kubectl kustomize.";
    }
}

public static class Kubectl
{
    public static bool Available => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
        .Any(d => d.Length > 0 && File.Exists(Path.Combine(d, "kubectl")));

    public static string Kustomize(string directory)
    {
        using var process = Process.Start(new ProcessStartInfo("kubectl", ["kustomize", directory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"kubectl kustomize {directory} failed: {error}");
        return output.Result;
    }
}

/// <summary>The test renderer and real kustomize (kubectl's, offline) produce the same objects, so the tests check what is applied.</summary>
public sealed class KustomizeParityTests
{
    [KubectlFact]
    public void The_renderer_agrees_with_kubectl_kustomize_for_the_base_and_both_overlays()
    {
        foreach (var directory in new[] { "base", "overlays/dev", "overlays/production" })
        {
            var path = Path.Combine(Manifests.KubernetesDirectory, directory);
            var ours = Index(Kustomize.Render(path));
            var theirs = Index(Yaml.LoadAll(Kubectl.Kustomize(path)).Select(o => o.AsObject()));

            Assert.Equal(theirs.Keys.Order(), ours.Keys.Order());
            foreach (var (key, expected) in theirs)
                Assert.True(Manifests.Difference(expected, ours[key], "") is null, $"{directory} {key}: {Manifests.Difference(expected, ours[key], "")}");
        }
    }

    private static Dictionary<string, JsonObject> Index(IEnumerable<JsonObject> objects) =>
        objects.Select(Normalize).ToDictionary(o => $"{o["apiVersion"]}/{o["kind"]}/{o["metadata"]!["namespace"]}/{o["metadata"]!["name"]}");

    // kubectl wraps long base64 values of Secrets over lines; the bytes are what counts.
    private static JsonObject Normalize(JsonObject o)
    {
        if ((string?)o["kind"] == "Secret" && o["data"] is JsonObject data)
        {
            foreach (var key in data.Select(p => p.Key).ToList())
                data[key] = ((string)data[key]!).Replace("\n", "", StringComparison.Ordinal);
        }
        return o;
    }
}
