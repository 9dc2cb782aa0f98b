using Gongkai.BuildingBlocks;
using Gongkai.Workflow.Domain;
using Gongkai.Workflow.Infrastructure;

namespace Gongkai.Workflow;

public static class Extensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<WorkflowDbContext>("workflowdb");
        builder.AddServiceMessaging<WorkflowDbContext>("workflow", typeof(Extensions).Assembly);
        builder.Services.AddSingleton(TimeProvider.System);
        // Admin-entered schedules (a later step) are added to the shipped ones when the calendar is built.
        builder.Services.AddSingleton(_ => new WorkingDayCalendar(HolidaySchedule.Shipped()));
        return builder;
    }
}
