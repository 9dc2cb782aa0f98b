using System.Text.Json.Serialization;
using k8s.Models;
using YamlDotNet.Serialization;

namespace Gongkai.DeploymentTests;

// Our model of the documented fields of the operators' resources that deploy/kubernetes uses — not the operators' own
// schemas. Loaded strictly, a field not modelled here (a typo, or one we never checked against the documentation) fails.
// Names that are not plain camelCase carry both attributes: YamlDotNet (loading) and System.Text.Json (the round trip).
// Non-nullable properties are the ones the operators require: the round trip in Manifests.Load reports them when missing.
// Versions written for: RabbitMQ Cluster Operator 2.x, CloudNativePG 1.27 with the Barman Cloud plugin 0.11,
// OpenTelemetry Operator 0.1xx (v1beta1 API).

public abstract class CustomResource
{
    public string ApiVersion { get; set; } = "";
    public string Kind { get; set; } = "";
    public V1ObjectMeta Metadata { get; set; } = new();
}

public sealed class ResourceSettings
{
    public Dictionary<string, string>? Requests { get; set; }
    public Dictionary<string, string>? Limits { get; set; }
}

public sealed class NameReference
{
    public string Name { get; set; } = "";
}

public sealed class SecretKeyReference
{
    public string Name { get; set; } = "";
    public string Key { get; set; } = "";
}

// rabbitmq.com/v1beta1 RabbitmqCluster
public sealed class RabbitmqCluster : CustomResource
{
    public RabbitmqClusterSpec Spec { get; set; } = new();
}

public sealed class RabbitmqClusterSpec
{
    public int Replicas { get; set; }
    public string? Image { get; set; }
    public ResourceSettings? Resources { get; set; }
    public RabbitmqPersistence? Persistence { get; set; }
    public RabbitmqConfiguration? Rabbitmq { get; set; }
}

public sealed class RabbitmqPersistence
{
    public string Storage { get; set; } = "";
    public string? StorageClassName { get; set; }
}

public sealed class RabbitmqConfiguration
{
    public string? AdditionalConfig { get; set; }
    public List<string>? AdditionalPlugins { get; set; }
}

// postgresql.cnpg.io/v1 Cluster
public sealed class PostgresCluster : CustomResource
{
    public PostgresClusterSpec Spec { get; set; } = new();
}

public sealed class PostgresClusterSpec
{
    public int Instances { get; set; }
    public string? ImageName { get; set; }
    public string? PrimaryUpdateStrategy { get; set; }
    public PostgresParameters? Postgresql { get; set; }
    public PostgresStorage Storage { get; set; } = new();
    public ResourceSettings? Resources { get; set; }
    public PostgresAffinity? Affinity { get; set; }
    public ManagedConfiguration? Managed { get; set; }
    public List<PluginConfiguration>? Plugins { get; set; }
}

public sealed class PostgresParameters
{
    public Dictionary<string, string>? Parameters { get; set; }
}

public sealed class PostgresStorage
{
    public string Size { get; set; } = "";
    public string? StorageClass { get; set; }
}

public sealed class PostgresAffinity
{
    public bool? EnablePodAntiAffinity { get; set; }
    public string? TopologyKey { get; set; }
}

public sealed class ManagedConfiguration
{
    public List<RoleConfiguration> Roles { get; set; } = [];
}

public sealed class RoleConfiguration
{
    public string Name { get; set; } = "";
    public string? Ensure { get; set; }
    public string? Comment { get; set; }
    public bool? Login { get; set; }
    public bool? Superuser { get; set; }
    public bool? Bypassrls { get; set; }
    public bool? Createdb { get; set; }
    public bool? Createrole { get; set; }
    public bool? Inherit { get; set; }
    public List<string>? InRoles { get; set; }
    public NameReference? PasswordSecret { get; set; }
}

public sealed class PluginConfiguration
{
    public string Name { get; set; } = "";
    public bool? Enabled { get; set; }
    [JsonPropertyName("isWALArchiver"), YamlMember(Alias = "isWALArchiver", ApplyNamingConventions = false)]
    public bool? IsWalArchiver { get; set; }
    public Dictionary<string, string>? Parameters { get; set; }
}

// postgresql.cnpg.io/v1 Database
public sealed class PostgresDatabase : CustomResource
{
    public PostgresDatabaseSpec Spec { get; set; } = new();
}

public sealed class PostgresDatabaseSpec
{
    public string Name { get; set; } = "";
    public string Owner { get; set; } = "";
    public NameReference Cluster { get; set; } = new();
    public string? Ensure { get; set; }
    public string? DatabaseReclaimPolicy { get; set; }
}

// postgresql.cnpg.io/v1 ScheduledBackup
public sealed class ScheduledBackup : CustomResource
{
    public ScheduledBackupSpec Spec { get; set; } = new();
}

public sealed class ScheduledBackupSpec
{
    public string Schedule { get; set; } = "";
    public NameReference Cluster { get; set; } = new();
    public bool? Immediate { get; set; }
    public bool? Suspend { get; set; }
    public string? BackupOwnerReference { get; set; }
    public string? Method { get; set; }
    public PluginReference? PluginConfiguration { get; set; }
}

public sealed class PluginReference
{
    public string Name { get; set; } = "";
    public Dictionary<string, string>? Parameters { get; set; }
}

// barmancloud.cnpg.io/v1 ObjectStore (the Barman Cloud plugin)
public sealed class ObjectStore : CustomResource
{
    public ObjectStoreSpec Spec { get; set; } = new();
}

public sealed class ObjectStoreSpec
{
    public string? RetentionPolicy { get; set; }
    public BarmanConfiguration Configuration { get; set; } = new();
}

public sealed class BarmanConfiguration
{
    public string DestinationPath { get; set; } = "";
    [JsonPropertyName("endpointURL"), YamlMember(Alias = "endpointURL", ApplyNamingConventions = false)]
    public string? EndpointUrl { get; set; }
    public S3Credentials? S3Credentials { get; set; }
    public BarmanCompression? Wal { get; set; }
    public BarmanCompression? Data { get; set; }
}

public sealed class S3Credentials
{
    public SecretKeyReference AccessKeyId { get; set; } = new();
    public SecretKeyReference SecretAccessKey { get; set; } = new();
}

public sealed class BarmanCompression
{
    public string? Compression { get; set; }
}

// opentelemetry.io/v1beta1 OpenTelemetryCollector, with the collector components we configure.
public sealed class OpenTelemetryCollector : CustomResource
{
    public CollectorSpec Spec { get; set; } = new();
}

public sealed class CollectorSpec
{
    public string Mode { get; set; } = "";
    public int? Replicas { get; set; }
    public ResourceSettings? Resources { get; set; }
    public CollectorConfig Config { get; set; } = new();
}

public sealed class CollectorConfig
{
    public Dictionary<string, CollectorReceiver> Receivers { get; set; } = [];
    public Dictionary<string, CollectorProcessor>? Processors { get; set; }
    public Dictionary<string, CollectorExporter> Exporters { get; set; } = [];
    public CollectorService Service { get; set; } = new();
}

public sealed class CollectorReceiver
{
    public OtlpProtocols? Protocols { get; set; }
}

public sealed class OtlpProtocols
{
    public CollectorEndpoint? Grpc { get; set; }
    public CollectorEndpoint? Http { get; set; }
}

public sealed class CollectorEndpoint
{
    public string? Endpoint { get; set; }
}

public sealed class CollectorProcessor
{
    [JsonPropertyName("check_interval"), YamlMember(Alias = "check_interval", ApplyNamingConventions = false)]
    public string? CheckInterval { get; set; }
    [JsonPropertyName("limit_percentage"), YamlMember(Alias = "limit_percentage", ApplyNamingConventions = false)]
    public int? LimitPercentage { get; set; }
    [JsonPropertyName("spike_limit_percentage"), YamlMember(Alias = "spike_limit_percentage", ApplyNamingConventions = false)]
    public int? SpikeLimitPercentage { get; set; }
    [JsonPropertyName("send_batch_size"), YamlMember(Alias = "send_batch_size", ApplyNamingConventions = false)]
    public int? SendBatchSize { get; set; }
    public string? Timeout { get; set; }
}

public sealed class CollectorExporter
{
    public string? Verbosity { get; set; }
    public string? Endpoint { get; set; }
    public CollectorTls? Tls { get; set; }
}

public sealed class CollectorTls
{
    public bool? Insecure { get; set; }
}

public sealed class CollectorService
{
    public Dictionary<string, CollectorPipeline> Pipelines { get; set; } = [];
}

public sealed class CollectorPipeline
{
    public List<string> Receivers { get; set; } = [];
    public List<string>? Processors { get; set; }
    public List<string> Exporters { get; set; } = [];
}
