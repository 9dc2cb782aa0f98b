using Gongkai.BuildingBlocks;
using Gongkai.Document.Infrastructure;

namespace Gongkai.Document;

public static class Extensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<DocumentDbContext>("documentdb");
        builder.AddServiceMessaging<DocumentDbContext>("document", typeof(Extensions).Assembly);
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }
}
