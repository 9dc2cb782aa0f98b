using System.Diagnostics;
using Gongkai.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gongkai.AppHost;

public static class Extensions
{
    /// <summary>
    /// The platform's resources: private PostgreSQL (one database per service) and RabbitMQ, Identity and the services,
    /// the public portal, and the gateway in front of them all, which is returned.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddGongkaiPlatform(this IDistributedApplicationBuilder builder, PlatformOptions options)
    {
        // Private servers with their data under .gongkai/, or existing ones given as ConnectionStrings__postgres / __messaging.
        var postgres = builder.AddPrivatePostgres(ResourceNames.Postgres, options.PostgresPort)
            .WithDataDirectory(Path.Combine(options.DataDirectory, "postgres"), options.Ephemeral);
        var messaging = builder.AddPrivateRabbitMQ(ResourceNames.Messaging, options.RabbitMQPort)
            .WithDataDirectory(Path.Combine(options.DataDirectory, "rabbitmq"));

        var identityDb = postgres.AddDatabase(ResourceNames.IdentityDb);
        var intakeDb = postgres.AddDatabase(ResourceNames.IntakeDb);
        var workflowDb = postgres.AddDatabase(ResourceNames.WorkflowDb);
        var legalReviewDb = postgres.AddDatabase(ResourceNames.LegalReviewDb);
        var documentDb = postgres.AddDatabase(ResourceNames.DocumentDb);
        var publishingDb = postgres.AddDatabase(ResourceNames.PublishingDb);

        // Identity signs staff in; every other service and the gateway validate its tokens (JWKS via service discovery).
        var identity = builder.AddProject<Projects.Identity>(ResourceNames.Identity)
            .AsGongkaiService(identityDb, messaging, identity: null)
            .WithEnvironment("Identity__SeedDemo", options.SeedDemo ? "true" : "false");

        var intake = builder.AddProject<Projects.Intake>(ResourceNames.Intake)
            .AsGongkaiService(intakeDb, messaging, identity);

        var workflow = builder.AddProject<Projects.Workflow>(ResourceNames.Workflow)
            .AsGongkaiService(workflowDb, messaging, identity);

        var legalReview = builder.AddProject<Projects.LegalReview>(ResourceNames.LegalReview)
            .AsGongkaiService(legalReviewDb, messaging, identity);

        // The case dossier reads the application (Intake), the case (Workflow) and the opinions (LegalReview) through internal
        // endpoints when it is built, so Document starts alongside them (calls are retried; the gateway waits for everyone).
        var document = builder.AddProject<Projects.Document>(ResourceNames.Document)
            .AsGongkaiService(documentDb, messaging, identity)
            .WithReference(intake)
            .WithReference(workflow)
            .WithReference(legalReview);

        // Public tracking hands the applicant the reply Document keeps: Intake needs Document's address (it does not wait for it).
        intake.WithReference(document);

        // The annual report's recount reads every case's counting facts from Workflow's internal endpoint.
        var publishing = builder.AddProject<Projects.Publishing>(ResourceNames.Publishing)
            .AsGongkaiService(publishingDb, messaging, identity)
            .WithReference(workflow);
        // The district's 重点事项 (Intake) show each unit's Art. 44 conversion, which Publishing keeps.
        intake.WithReference(publishing);

        // The public portal: pages for citizens over Identity's, Intake's and Publishing's public APIs.
        var portal = builder.AddProject<Projects.Portal>(ResourceNames.Portal)
            .WithReference(identity)
            .WithReference(intake)
            .WithReference(publishing)
            .WithGongkaiEndpoint();

        foreach (var service in new[] { identity, intake, workflow, legalReview, document, publishing })
            service.WithEnvironment("Messaging__QueueType", options.QuorumQueues ? "Quorum" : "Classic");
        if (options.Replicas > 1)
        {
            foreach (var service in new[] { identity, intake, workflow, legalReview, document, publishing, portal })
                service.WithReplicas(options.Replicas);
        }

        var gateway = builder.AddProject<Projects.Gateway>(ResourceNames.Gateway)
            .WithReference(identity).WaitFor(identity)
            .WithReference(intake).WaitFor(intake)
            .WithReference(workflow).WaitFor(workflow)
            .WithReference(legalReview).WaitFor(legalReview)
            .WithReference(document).WaitFor(document)
            .WithReference(publishing).WaitFor(publishing)
            .WithReference(portal).WaitFor(portal)
            .WithEnvironment("Gateway__ConsoleFiles", Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "web", "console", "dist")))
            .WithGongkaiEndpoint(options.GatewayPort)
            .WithExternalHttpEndpoints();

        // The city platform's stand-in: it pushes through the gateway, and Intake sends it the callbacks and asks it for manifests.
        if (options.CitySimulator)
        {
            var city = builder.AddProject<Projects.CitySimulator>(ResourceNames.CitySimulator)
                .WithReference(gateway)
                .WithGongkaiEndpoint();
            intake.WithEnvironment("CityLink__CityAddress", city.GetEndpoint("http"));
        }
        return gateway;
    }

    /// <summary>
    /// Logs "Platform healthy in N s. Gateway: url" when the gateway (which waits for everything) is ready, with the
    /// second each resource became ready, so a slow start shows where its time went.
    /// </summary>
    public static IDistributedApplicationBuilder LogWhenPlatformHealthy(this IDistributedApplicationBuilder builder, IResourceBuilder<ProjectResource> gateway)
    {
        var ready = new System.Collections.Concurrent.ConcurrentDictionary<string, double>();
        static double Elapsed() => (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalSeconds;
        foreach (var resource in builder.Resources.Where(r => r != gateway.Resource))
            builder.Eventing.Subscribe<ResourceReadyEvent>(resource, (_, _) => { ready[resource.Name] = Elapsed(); return Task.CompletedTask; });
        gateway.OnResourceReady((resource, e, ct) =>
        {
            var log = e.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Gongkai.AppHost");
            log.LogInformation("Platform healthy in {Seconds:0.0} s. Gateway: {Url} (ready at: {Timeline})", Elapsed(), resource.GetEndpoint("http").Url,
                string.Join(", ", ready.OrderBy(r => r.Value).Select(r => $"{r.Key} {r.Value:0.0} s")));
            return Task.CompletedTask;
        });
        return builder;
    }

    /// <summary>Ctrl+C and SIGTERM stop the services before the broker and the database they drain into.</summary>
    public static IDistributedApplicationBuilder AddOrderedShutdown(this IDistributedApplicationBuilder builder)
    {
        builder.Services.AddHostedService<OrderedShutdown>();
        return builder;
    }
}
