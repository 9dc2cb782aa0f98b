using k8s.Models;

namespace Gongkai.DeploymentTests;

/// <summary>The platform's rules, held by the base and both overlays as rendered.</summary>
public sealed class PlatformRulesTests
{
    public static TheoryData<string> Kustomizations => ["base", "overlays/dev", "overlays/production"];

    private static Rendered Of(string name) => Manifests.All.Single(r => r.Name == name);

    private static void Holds(IEnumerable<string> problems)
    {
        var list = problems.ToList();
        Assert.True(list.Count == 0, string.Join("\n", list));
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void Deployments_have_probes_resources_and_run_unprivileged(string k) => Holds(Rules.ProbesResourcesAndSecurity(Of(k)));

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void Each_deployment_has_one_disruption_budget_and_one_autoscaler(string k) =>
        Holds(Rules.DisruptionBudgetsAndAutoscalers(Of(k), minimumReplicas: k == "overlays/dev" ? 1 : 2));

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void Services_get_the_settings_the_AppHost_gives_them(string k) => Holds(Rules.EnvironmentAsTheAppHost(Of(k)));

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void Connection_strings_match_the_declared_databases_and_roles(string k) => Holds(Rules.DatabaseWiring(Of(k)));

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void Every_instance_at_the_autoscalers_maximum_fits_the_database_connections(string k) => Holds(Rules.ConnectionBudget(Of(k)));

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void Every_referenced_secret_and_config_map_key_exists_or_is_documented(string k) =>
        Holds(Rules.ReferencedSecretsAndConfigMaps(Of(k), Rules.DocumentedSecrets(File.ReadAllText(Path.Combine(Manifests.KubernetesDirectory, "README.md")))));

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void Only_the_gateway_is_reachable_from_outside_and_only_services_reach_database_and_broker(string k) => Holds(NetworkPolicies.Problems(Of(k)));

    [Fact]
    public void The_base_declares_quorum_queues_on_three_nodes_and_three_postgres_instances()
    {
        foreach (var service in Rules.Services)
            Assert.Equal("quorum", Rules.Environment(Manifests.Base.Get<V1Deployment>(service))["Messaging__QueueType"].Value);
        Assert.Equal(3, Manifests.Base.Get<RabbitmqCluster>("messaging").Spec.Replicas);
        Assert.Equal(3, Manifests.Base.Get<PostgresCluster>("postgres").Spec.Instances);
        Assert.Equal(6, Manifests.Base.All<PostgresDatabase>().Count());
    }

    [Fact]
    public void Production_pins_image_tags_backs_up_and_generates_no_secrets()
    {
        var production = Manifests.Production;
        foreach (var image in production.All<V1Deployment>().Select(d => Rules.Container(d).Image))
            Assert.Matches(@"^gongkai/[a-z]+:(?!latest$)[\w.-]+$", image);
        Assert.Empty(production.All<V1Secret>());
        Assert.Equal(3, production.Get<RabbitmqCluster>("messaging").Spec.Replicas);
        Assert.Equal(3, production.Get<PostgresCluster>("postgres").Spec.Instances);
        var plugin = Assert.Single(production.Get<PostgresCluster>("postgres").Spec.Plugins ?? []);
        Assert.True(plugin.IsWalArchiver);
        var store = production.Get<ObjectStore>(plugin.Parameters!["barmanObjectName"]);
        Assert.Equal("plugin", Assert.Single(production.All<ScheduledBackup>()).Spec.Method);
        Assert.StartsWith("s3://", store.Spec.Configuration.DestinationPath);
        Assert.All(production.All<V1Ingress>(), i => Assert.NotEmpty(i.Spec.Tls ?? []));
    }

    [Fact]
    public void Dev_runs_one_replica_of_everything()
    {
        var dev = Manifests.Dev;
        Assert.All(dev.All<V1Deployment>(), d => Assert.Equal(1, d.Spec.Replicas));
        Assert.All(dev.All<V2HorizontalPodAutoscaler>(), h => Assert.Equal(1, h.Spec.MinReplicas));
        Assert.Equal(1, dev.Get<RabbitmqCluster>("messaging").Spec.Replicas);
        Assert.Equal(1, dev.Get<PostgresCluster>("postgres").Spec.Instances);
        Assert.All(dev.All<V1Secret>(), s => Assert.Equal("true", s.Metadata.Labels["gongkai.io/development-only"]));
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void Every_pipeline_of_the_collector_uses_components_it_defines(string k)
    {
        var config = Of(k).Get<OpenTelemetryCollector>("otel").Spec.Config;
        Assert.All(config.Service.Pipelines.Values, p =>
        {
            Assert.All(p.Receivers, x => Assert.Contains(x, config.Receivers.Keys));
            Assert.All(p.Processors ?? [], x => Assert.Contains(x, config.Processors!.Keys));
            Assert.All(p.Exporters, x => Assert.Contains(x, config.Exporters.Keys));
        });
        Assert.Contains(":4317", Rules.Environment(Of(k).Get<V1Deployment>("intake"))["OTEL_EXPORTER_OTLP_ENDPOINT"].Value);
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void The_city_simulator_is_not_deployed(string k) =>
        Assert.DoesNotContain(Of(k).Objects, o => o.ToJsonString().Contains("city-simulator", StringComparison.Ordinal));
}
