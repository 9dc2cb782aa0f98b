namespace Gongkai.AppHost;

/// <summary>
/// The platform's resources and how they connect. Public so the end-to-end test fixture starts exactly
/// the topology the AppHost runs.
/// </summary>
public static class PlatformTopology
{
    /// <summary>What a test needs to add more instances of a service beside the standard topology.</summary>
    public sealed record Resources(
        IResourceBuilder<RabbitMQServerResource> Messaging,
        IResourceBuilder<ProjectResource> Identity,
        IResourceBuilder<PostgresDatabaseResource> WorkflowDatabase);

    public static Resources Add(IDistributedApplicationBuilder builder)
    {
        var postgres = builder.AddPostgres("postgres");
        var messaging = builder.AddRabbitMQ("messaging");

        // Identity signs staff in; every other service and the gateway validate its tokens (JWKS via discovery).
        var identity = builder.AddProject("identity", "services/Identity/Identity.csproj")
               .WithReference(postgres.AddDatabase("identitydb")).WithReference(messaging)
               .WaitFor(postgres).WaitFor(messaging)
               .WithEnvironment("Identity__SeedDemo", builder.Options.SeedDemo ? "true" : "false");

        var intake = AddService(builder, "intake", "services/Intake/Intake.csproj", postgres.AddDatabase("intakedb"), messaging, identity);
        var workflowDb = postgres.AddDatabase("workflowdb");
        var workflow = AddService(builder, "workflow", "services/Workflow/Workflow.csproj", workflowDb, messaging, identity);
        var legalReview = AddService(builder, "legalreview", "services/LegalReview/LegalReview.csproj", postgres.AddDatabase("legalreviewdb"), messaging, identity);
        var document = AddService(builder, "document", "services/Document/Document.csproj", postgres.AddDatabase("documentdb"), messaging, identity)
            // The case dossier reads the application (Intake), the case (Workflow) and the opinions (LegalReview) through internal endpoints.
            .WithReference(intake).WaitFor(intake).WithReference(workflow).WaitFor(workflow).WithReference(legalReview).WaitFor(legalReview);
        // Public tracking hands the applicant the reply that Document keeps: Intake needs Document's address (it does not wait for it).
        intake.WithReference(document);
        var publishing = AddService(builder, "publishing", "services/Publishing/Publishing.csproj", postgres.AddDatabase("publishingdb"), messaging, identity);

        builder.AddProject("gateway", "gateway/Gateway.csproj")
               .WithReference(identity).WaitFor(identity)
               .WithReference(intake).WaitFor(intake)
               .WithReference(workflow).WaitFor(workflow)
               .WithReference(legalReview).WaitFor(legalReview)
               .WithReference(document).WaitFor(document)
               .WithReference(publishing).WaitFor(publishing)
               .WithHttpEndpoint(port: 8080);
        return new Resources(messaging, identity, workflowDb);
    }

    /// <summary>Another instance of a service on the same database and queues (competing consumers).</summary>
    public static IResourceBuilder<ProjectResource> AddInstance(IDistributedApplicationBuilder builder, string name, string projectPath,
        IResourceBuilder<PostgresDatabaseResource> database, Resources resources) =>
        AddService(builder, name, projectPath, database, resources.Messaging, resources.Identity);

    // Every service owns one database, talks to the others over the broker and trusts Identity's tokens.
    private static IResourceBuilder<ProjectResource> AddService(
        IDistributedApplicationBuilder builder,
        string name,
        string projectPath,
        IResourceBuilder<PostgresDatabaseResource> database,
        IResourceBuilder<RabbitMQServerResource> messaging,
        IResourceBuilder<ProjectResource> identity) =>
        builder.AddProject(name, projectPath)
               .WithReference(database).WithReference(messaging).WithReference(identity)
               .WaitFor(database).WaitFor(messaging).WaitFor(identity)
               // The services' own client identity for internal calls (Identity's development client; production configures its own).
               .WithEnvironment("ServiceClient__ClientId", "gongkai-services")
               .WithEnvironment("ServiceClient__Secret", "gongkai-services-dev-secret");
}
