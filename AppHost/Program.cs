// The Gongkai AppHost (.NET Aspire): private PostgreSQL and RabbitMQ, every service and the gateway.
// Options: --gateway-port N, --data DIR, --dashboard-port N, --postgres-port N, --rabbitmq-port N, --demo, --replicas N, --quorum-queues
// (or GONGKAI_GATEWAY_PORT, GONGKAI_DATA, GONGKAI_DASHBOARD_PORT, GONGKAI_DEMO=1); see PlatformOptions.
using Gongkai.AppHost;

var builder = DistributedApplication.CreateBuilder(PlatformOptions.TranslateArguments(args));
var options = PlatformOptions.From(builder.Configuration, builder.AppHostDirectory);

var gateway = builder.AddGongkaiPlatform(options);

// The gateway becomes healthy last: say how long the platform took and where. Ctrl+C and SIGTERM stop services
// before servers. Projects start from their build output, not through `dotnet run`.
builder.LogWhenPlatformHealthy(gateway)
    .AddOrderedShutdown()
    .LaunchProjectsFromBuildOutput();

builder.Build().Run();
