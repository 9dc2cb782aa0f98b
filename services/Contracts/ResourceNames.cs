namespace Gongkai.Contracts;

/// <summary>
/// The names of the platform's resources, said once: the AppHost names its resources with them, and the
/// services read the configuration those names produce (<c>ConnectionStrings__&lt;database&gt;</c>,
/// <c>ConnectionStrings__messaging</c>, <c>services__&lt;service&gt;__http__0</c>).
/// </summary>
public static class ResourceNames
{
    public const string Postgres = "postgres";
    public const string Messaging = "messaging";

    public const string Identity = "identity";
    public const string Intake = "intake";
    public const string Workflow = "workflow";
    public const string LegalReview = "legalreview";
    public const string Document = "document";
    public const string Publishing = "publishing";
    public const string Gateway = "gateway";

    /// <summary>The public portal (server-rendered pages for citizens), routed at / by the gateway.</summary>
    public const string Portal = "portal";

    /// <summary>The city platform's stand-in (tools/CitySimulator), started in Development and by the tests.</summary>
    public const string CitySimulator = "city-simulator";

    public const string IdentityDb = "identitydb";
    public const string IntakeDb = "intakedb";
    public const string WorkflowDb = "workflowdb";
    public const string LegalReviewDb = "legalreviewdb";
    public const string DocumentDb = "documentdb";
    public const string PublishingDb = "publishingdb";

    /// <summary>
    /// Suffix of a database's owner connection string (<c>ConnectionStrings__intakedb-admin</c>), used for
    /// migrations; the plain name is the application role's, which row-level security binds.
    /// </summary>
    public const string AdminSuffix = "-admin";

    /// <summary>The services behind the gateway, in the order the gateway routes them.</summary>
    public static readonly IReadOnlyList<string> Services = [Identity, Intake, Workflow, LegalReview, Document, Publishing];
}
