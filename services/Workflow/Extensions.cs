using Gongkai.BuildingBlocks;
using Gongkai.Workflow.Infrastructure;

namespace Gongkai.Workflow;

public static class Extensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<WorkflowDbContext>(Gongkai.Contracts.ResourceNames.WorkflowDb);
        builder.AddServiceMessaging<WorkflowDbContext>(Gongkai.Contracts.ResourceNames.Workflow, typeof(Extensions).Assembly);
        builder.Services.AddSingleton(TimeProvider.System);

        // The calendar (shipped years + years entered by admins) and the deadline alerts.
        builder.Services.AddSingleton<CalendarProvider>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CalendarProvider>());
        builder.Services.AddSingleton(builder.Configuration.GetSection("Workflow:Alerts").Get<AlertOptions>() ?? new AlertOptions());
        builder.Services.AddSingleton<DeadlineAlertScanner>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DeadlineAlertScanner>());
        return builder;
    }
}
