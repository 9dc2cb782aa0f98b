using Gongkai.BuildingBlocks;
using Gongkai.Document.Apis;
using Gongkai.Document.Infrastructure;
using Gongkai.Document.Issuing;
using Gongkai.Document.Rendering;

namespace Gongkai.Document;

public static class Extensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<DocumentDbContext>("documentdb");
        builder.AddServiceMessaging<DocumentDbContext>("document", typeof(Extensions).Assembly);
        builder.Services.AddSingleton(TimeProvider.System);

        // One warm Chromium per process (Debian's), started in the background at startup.
        builder.Services.AddOptions<PdfRenderingOptions>().BindConfiguration("Document:Pdf");
        builder.Services.AddSingleton<PdfRenderer>();
        builder.Services.AddHostedService<PdfRendererWarmUp>();

        builder.Services.AddScoped<DocumentIssuer>();
        builder.Services.AddSingleton<UnitNameLearner>();
        return builder;
    }
}
