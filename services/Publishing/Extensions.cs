using Gongkai.BuildingBlocks;
using Gongkai.Publishing.Infrastructure;

namespace Gongkai.Publishing;

public static class Extensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<PublishingDbContext>("publishingdb");
        builder.AddServiceMessaging<PublishingDbContext>("publishing", typeof(Extensions).Assembly);
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }
}
