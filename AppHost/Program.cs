// The Gongkai AppHost: starts PostgreSQL, RabbitMQ, every service and the gateway, and stops them on Ctrl+C.
// Options: --gateway-port N (GONGKAI_GATEWAY_PORT), --data DIR (GONGKAI_DATA), --dashboard-port N (0 = off).
using Gongkai.AppHost;

var builder = DistributedApplication.CreateBuilder(args);

PlatformTopology.Add(builder);

await builder.Build().RunAsync();
