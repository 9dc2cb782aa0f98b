using Gongkai.BuildingBlocks;
using Gongkai.Intake.Infrastructure;

namespace Gongkai.Intake;

public static class Extensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<IntakeDbContext>("intakedb");
        builder.AddServiceMessaging<IntakeDbContext>("intake", typeof(Extensions).Assembly);
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }
}
