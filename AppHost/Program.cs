// The Gongkai AppHost (.NET Aspire): private PostgreSQL and RabbitMQ, every service and the gateway.
// Options: --gateway-port N, --data DIR, --dashboard-port N, --postgres-port N, --rabbitmq-port N, --demo
// (or GONGKAI_GATEWAY_PORT, GONGKAI_DATA, GONGKAI_DASHBOARD_PORT, GONGKAI_DEMO=1); see PlatformOptions.
using Gongkai.AppHost;
using Gongkai.Contracts;

var builder = DistributedApplication.CreateBuilder(PlatformOptions.TranslateArguments(args));
var options = PlatformOptions.From(builder.Configuration, builder.AppHostDirectory);

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

// The public portal: pages for citizens over Intake's and Publishing's public APIs.
var portal = builder.AddProject<Projects.Portal>(ResourceNames.Portal)
    .WithReference(intake)
    .WithReference(publishing)
    .WithGongkaiEndpoint();

var gateway = builder.AddProject<Projects.Gateway>(ResourceNames.Gateway)
    .WithReference(identity).WaitFor(identity)
    .WithReference(intake).WaitFor(intake)
    .WithReference(workflow).WaitFor(workflow)
    .WithReference(legalReview).WaitFor(legalReview)
    .WithReference(document).WaitFor(document)
    .WithReference(publishing).WaitFor(publishing)
    .WithReference(portal).WaitFor(portal)
    .WithGongkaiEndpoint(options.GatewayPort)
    .WithExternalHttpEndpoints();

// The gateway becomes healthy last: say how long the platform took and where. Ctrl+C and SIGTERM stop services
// before servers. Projects start from their build output, not through `dotnet run`.
builder.LogWhenPlatformHealthy(gateway)
    .AddOrderedShutdown()
    .LaunchProjectsFromBuildOutput();

builder.Build().Run();
