using Gongkai.BuildingBlocks;
using Gongkai.BuildingBlocks.ServiceCalls;
using Gongkai.Publishing.Catalogue;
using Gongkai.Publishing.Infrastructure;

namespace Gongkai.Publishing;

public static class Extensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<PublishingDbContext>(Gongkai.Contracts.ResourceNames.PublishingDb);
        builder.AddServiceMessaging<PublishingDbContext>(Gongkai.Contracts.ResourceNames.Publishing, typeof(Extensions).Assembly);
        builder.Services.AddSingleton(TimeProvider.System);

        // Art. 26 deadlines on the shipped holiday schedules. Years a platform admin enters live in Workflow's calendar and
        // are not seen here yet: a due date in such a year counts Monday–Friday and is shown as provisional.
        builder.Services.AddSingleton(new WorkingDayCalendar(HolidaySchedule.Shipped()));
        // Where the unit sits in Identity's tree (for the district's public list), read with this service's own identity.
        builder.Services.AddInternalServiceClient(builder.Configuration);
        builder.Services.AddScoped<UnitDirectory>();
        builder.Services.AddScoped<Supervision.DistrictScopes>();
        builder.Services.AddSingleton(builder.Configuration.GetSection("Publishing:Alerts").Get<PublicationAlertOptions>() ?? new PublicationAlertOptions());
        builder.Services.AddSingleton<PublicationAlertScanner>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PublicationAlertScanner>());
        var attachments = builder.Configuration.GetSection("Publishing:Attachments").Get<AttachmentOptions>() ?? new AttachmentOptions();
        builder.Services.AddSingleton(attachments);
        if (attachments.Store == AttachmentStoreKind.FileSystem)
            builder.Services.AddSingleton<IAttachmentStore>(new FileSystemAttachmentStore(attachments)); // a missing root fails at start-up
        else
            builder.Services.AddScoped<IAttachmentStore, DatabaseAttachmentStore>();
        return builder;
    }
}
