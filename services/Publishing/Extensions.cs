using Gongkai.BuildingBlocks;
using Gongkai.Publishing.Infrastructure;

namespace Gongkai.Publishing;

public static class Extensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<PublishingDbContext>(Gongkai.Contracts.ResourceNames.PublishingDb);
        builder.AddServiceMessaging<PublishingDbContext>(Gongkai.Contracts.ResourceNames.Publishing, typeof(Extensions).Assembly);
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }
}
