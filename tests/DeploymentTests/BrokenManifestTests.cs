using System.Text.Json.Nodes;

namespace Gongkai.DeploymentTests;

/// <summary>
/// The validators fail for real: a copy of the rendered production overlay is broken in one place, loaded again, and
/// the rule family that should notice must report it.
/// </summary>
public sealed class BrokenManifestTests
{
    private static Rendered Broken(Action<List<JsonObject>> breakIt)
    {
        var objects = Manifests.Production.Objects.Select(o => o.DeepClone().AsObject()).ToList();
        breakIt(objects);
        var (typed, problems) = Manifests.Load(objects);
        return new Rendered("broken", objects, typed, problems);
    }

    private static JsonObject Object(List<JsonObject> objects, string kind, string name) =>
        objects.Single(o => Kustomize.Kind(o) == kind && Kustomize.Name(o) == name);

    private static JsonObject Container(List<JsonObject> objects, string deployment) =>
        Object(objects, "Deployment", deployment)["spec"]!["template"]!["spec"]!["containers"]![0]!.AsObject();

    private static JsonArray Env(List<JsonObject> objects, string deployment) => Container(objects, deployment)["env"]!.AsArray();

    private static void Reports(IEnumerable<string> problems, string expected) =>
        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));

    [Fact]
    public void More_instances_than_the_database_has_connections_for_are_reported() =>
        Reports(Rules.ConnectionBudget(Broken(o => Object(o, "HorizontalPodAutoscaler", "intake")["spec"]!["maxReplicas"] = 20)), "max_connections");

    [Fact]
    public void A_misspelled_field_fails_strict_loading() =>
        Reports(Broken(o => Object(o, "Deployment", "intake")["spec"]!.AsObject().Add("replica", 2)).Problems, "Property 'replica' not found");

    [Fact]
    public void A_misspelled_field_of_an_operator_resource_fails_strict_loading() =>
        Reports(Broken(o => Object(o, "Cluster", "postgres")["spec"]!.AsObject().Add("instance", 3)).Problems, "Property 'instance' not found");

    [Fact]
    public void A_misspelled_field_in_yaml_text_fails_strict_loading()
    {
        const string yaml = """
            apiVersion: v1
            kind: Service
            metadata: {name: intake}
            spec:
              selector: {app.kubernetes.io/name: intake}
              ports: [{name: http, port: 8080, targetPrt: http}]
            """;
        Reports(Manifests.Load(Yaml.LoadAll(yaml).Select(n => n.AsObject())).Problems, "targetPrt");
    }

    [Fact]
    public void A_number_where_kubernetes_wants_a_string_is_reported() =>
        Reports(Broken(o => Env(o, "gateway")[1]!["value"] = 8080).Problems, "/value is 8080, read back as \"8080\"");

    [Fact]
    public void An_unknown_kind_is_reported() =>
        Reports(Broken(o => o[0]["kind"] = "Deploymnet").Problems, "unknown kind");

    [Fact]
    public void A_required_field_of_an_operator_resource_left_out_is_reported() =>
        Reports(Broken(o => Object(o, "Database", "intakedb")["spec"]!.AsObject().Remove("owner")).Problems, "/spec/owner is required");

    [Fact]
    public void A_connection_string_using_a_variable_defined_after_it_is_reported() =>
        Reports(Broken(o =>
        {
            var env = Env(o, "workflow");
            var password = env.Single(e => (string?)e!["name"] == "DB_APP_PASSWORD")!;
            env.Remove(password);
            env.Add(password);
        }).Problems, "uses $(DB_APP_PASSWORD), which is not defined before it");

    [Fact]
    public void A_missing_probe_is_reported() =>
        Reports(Rules.ProbesResourcesAndSecurity(Broken(o => Container(o, "document").Remove("readinessProbe"))), "document: readiness probe");

    [Fact]
    public void A_liveness_probe_on_the_readiness_path_is_reported() =>
        Reports(Rules.ProbesResourcesAndSecurity(Broken(o => Container(o, "identity")["livenessProbe"]!["httpGet"]!["path"] = "/health")), "identity: liveness probe");

    [Fact]
    public void A_missing_memory_limit_is_reported() =>
        Reports(Rules.ProbesResourcesAndSecurity(Broken(o => Container(o, "portal")["resources"]!["limits"]!.AsObject().Remove("memory"))), "portal: needs a memory request and limit");

    [Fact]
    public void A_root_container_is_reported() =>
        Reports(Rules.ProbesResourcesAndSecurity(Broken(o =>
            Object(o, "Deployment", "gateway")["spec"]!["template"]!["spec"]!["securityContext"]!["runAsNonRoot"] = false)), "gateway: pod must run as non-root");

    [Fact]
    public void A_deployment_without_its_budget_or_autoscaler_is_reported()
    {
        var problems = Rules.DisruptionBudgetsAndAutoscalers(Broken(o =>
        {
            o.Remove(Object(o, "PodDisruptionBudget", "workflow"));
            o.Remove(Object(o, "HorizontalPodAutoscaler", "workflow"));
        }), minimumReplicas: 2).ToList();
        Reports(problems, "workflow: 0 PodDisruptionBudgets");
        Reports(problems, "workflow: 0 autoscalers");
    }

    [Fact]
    public void A_missing_setting_or_an_extra_service_reference_is_reported()
    {
        var problems = Rules.EnvironmentAsTheAppHost(Broken(o =>
        {
            var env = Env(o, "intake");
            env.Remove(env.Single(e => (string?)e!["name"] == "ConnectionStrings__messaging"));
            Env(o, "workflow").Add(new JsonObject { ["name"] = "services__document__http__0", ["value"] = "http://document:8080" });
        })).ToList();
        Reports(problems, "intake: ConnectionStrings__messaging is missing");
        Reports(problems, "workflow: service discovery is");
    }

    [Fact]
    public void A_service_migrating_as_its_application_role_is_reported() =>
        Reports(Rules.DatabaseWiring(Broken(o =>
        {
            var admin = Env(o, "publishing").Single(e => (string?)e!["name"] == "ConnectionStrings__publishingdb-admin")!;
            admin["value"] = ((string)admin["value"]!).Replace("publishingdb_owner", "publishingdb_app", StringComparison.Ordinal);
        })), "publishing: migrations must run as the database's owner");

    [Fact]
    public void A_secret_that_nobody_creates_is_reported()
    {
        var documented = Rules.DocumentedSecrets(File.ReadAllText(Path.Combine(Manifests.KubernetesDirectory, "README.md")));
        Assert.Contains("gongkai-secrets", documented.Keys);
        Reports(Rules.ReferencedSecretsAndConfigMaps(Broken(o =>
            Env(o, "intake").Single(e => (string?)e!["name"] == "CityLink__OutboundKey")!["valueFrom"]!["secretKeyRef"]!["key"] = "citylink-outbound"), documented),
            "Secret gongkai-secrets key citylink-outbound");
    }

    [Fact]
    public void A_postgres_policy_letting_the_gateway_in_is_reported() =>
        Reports(NetworkPolicies.Problems(Broken(o =>
            Object(o, "NetworkPolicy", "postgres-from-services")["spec"]!["ingress"]![0]!["from"]![0]!["podSelector"]!["matchLabels"]!["gongkai.io/role"] = "gateway")),
            "gateway can reach postgres instance on 5432");

    [Fact]
    public void Without_the_default_deny_policy_unlabelled_pods_are_open() =>
        Reports(NetworkPolicies.Problems(Broken(o => o.Remove(Object(o, "NetworkPolicy", "default-deny-ingress")))),
            "the ingress controller can reach an unlabelled pod in the namespace on 8080");

    [Fact]
    public void The_renderer_refuses_a_patch_path_that_does_not_exist()
    {
        var deployment = Manifests.Production.Objects.First(o => Kustomize.Kind(o) == "Deployment").DeepClone().AsObject();
        var operation = new JsonObject { ["op"] = "replace", ["path"] = "/spec/template/spec/containers/0/resourcez", ["value"] = 1 };
        Assert.Throws<InvalidOperationException>(() => JsonPatch.Apply(deployment, operation));
    }
}
