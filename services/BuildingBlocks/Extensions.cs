using System.Reflection;
using Gongkai.BuildingBlocks.Messaging;
using Gongkai.BuildingBlocks.Persistence;
using Gongkai.BuildingBlocks.Tenancy;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gongkai.BuildingBlocks;

public static class Extensions
{
    /// <summary>
    /// Registers the service's DbContext on PostgreSQL as the application role (connection string
    /// <paramref name="connectionName"/>), with tenant RLS, the outbox signal, startup migrations
    /// (connection string "&lt;name&gt;-admin") and a readiness check that really queries the database.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TDbContext>(this IHostApplicationBuilder builder, string connectionName)
        where TDbContext : ServiceDbContext
    {
        var application = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"Connection string '{connectionName}' is missing (ConnectionStrings__{connectionName}).");
        var admin = builder.Configuration.GetConnectionString(connectionName + Gongkai.Contracts.ResourceNames.AdminSuffix);
        var connectionStrings = new DatabaseConnectionStrings(application, admin);

        builder.Services.AddScoped<TenantContext>();
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<OutboxSignalInterceptor>();
        builder.Services.AddScoped<TenantConnectionInterceptor>();
        builder.Services.AddDbContext<TDbContext>((sp, options) => options
            .UseNpgsql(application)
            .AddInterceptors(sp.GetRequiredService<TenantConnectionInterceptor>(), sp.GetRequiredService<OutboxSignalInterceptor>()));

        builder.Services.AddSingleton(connectionStrings);
        builder.Services.AddSingleton<DatabaseMigrator<TDbContext>>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DatabaseMigrator<TDbContext>>());
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseMigrator<TDbContext>>("database-migrated", tags: ["ready"])
            .AddCheck<DatabaseReachableCheck<TDbContext>>("database", tags: ["ready"]);
        // No more requests at once than the connection pool serves (app.UseRequestLimits()).
        builder.AddRequestLimits();
        return builder;
    }

    /// <summary>
    /// MassTransit over RabbitMQ (connection string "messaging"): consumers of <paramref name="consumersAssembly"/>
    /// on durable queues named "&lt;service&gt;-&lt;consumer&gt;", in-process retries then the queue's _error
    /// queue (listed and replayed by <see cref="ErrorQueues"/>), the tenant taken from message headers, each message processed
    /// once per queue (the inbox), and the outbox relay of <typeparamref name="TDbContext"/>. Consumer queues are classic
    /// (the private single-node broker) or, with <c>Messaging__QueueType=Quorum</c>, replicated quorum queues (a cluster).
    /// </summary>
    public static IHostApplicationBuilder AddServiceMessaging<TDbContext>(this IHostApplicationBuilder builder, string serviceName, Assembly consumersAssembly)
        where TDbContext : ServiceDbContext
    {
        var connectionString = builder.Configuration.GetConnectionString(Gongkai.Contracts.ResourceNames.Messaging)
            ?? throw new InvalidOperationException("Connection string 'messaging' is missing (ConnectionStrings__messaging).");
        var broker = new Uri(connectionString);
        var queueType = builder.Configuration.GetValue("Messaging:QueueType", QueueType.Classic);
        builder.Services.AddOptions<OutboxOptions>().BindConfiguration("Outbox");
        builder.Services.AddHostedService<OutboxRelay<TDbContext>>();
        builder.Services.AddScoped<ServiceDbContext>(services => services.GetRequiredService<TDbContext>());
        var endpointNames = new KebabCaseEndpointNameFormatter(serviceName, false);
        builder.Services.AddSingleton(services => new ErrorQueues(serviceName, broker, consumersAssembly, endpointNames, services.GetRequiredService<ILogger<ErrorQueues>>()));
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(endpointNames);
            bus.AddConsumers(consumersAssembly);
            if (queueType == QueueType.Quorum)
                bus.AddConfigureEndpointsCallback((_, _, endpoint) => (endpoint as IRabbitMqReceiveEndpointConfigurator)?.SetQuorumQueue());
            bus.UsingRabbitMq((context, rabbit) =>
            {
                var credentials = broker.UserInfo.Split(':', 2);
                var virtualHost = broker.AbsolutePath.Trim('/') is { Length: > 0 } vhost ? Uri.UnescapeDataString(vhost) : "/";
                rabbit.Host(broker.Host, (ushort)(broker.IsDefaultPort ? 5672 : broker.Port), virtualHost, host =>
                {
                    host.Username(Uri.UnescapeDataString(credentials[0]));
                    host.Password(credentials.Length > 1 ? Uri.UnescapeDataString(credentials[1]) : "");
                    host.PublisherConfirmation = true;
                });
                // Explicit: the default (2 x CPU) is tiny on small machines.
                rabbit.PrefetchCount = 16;
                rabbit.UseMessageRetry(retry => retry.Exponential(5, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(300)));
                rabbit.UseConsumeFilter(typeof(TenantConsumeFilter<>), context);
                rabbit.UseConsumeFilter(typeof(InboxFilter<>), context);
                rabbit.ConfigureEndpoints(context);
            });
        });
        return builder;
    }
}

internal sealed class DatabaseReachableCheck<TDbContext>(IServiceScopeFactory scopes) : IHealthCheck
    where TDbContext : ServiceDbContext
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        return await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("数据库不可达");
    }
}
