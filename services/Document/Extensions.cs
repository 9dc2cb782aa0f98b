using Gongkai.BuildingBlocks;
using Gongkai.BuildingBlocks.ServiceCalls;
using Gongkai.Document.Domain;
using Gongkai.Document.Dossier;
using Gongkai.Document.Infrastructure;
using Gongkai.Document.Issuing;
using Gongkai.Document.Rendering;

namespace Gongkai.Document;

public static class Extensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<DocumentDbContext>(Gongkai.Contracts.ResourceNames.DocumentDb);
        builder.AddServiceMessaging<DocumentDbContext>(Gongkai.Contracts.ResourceNames.Document, typeof(Extensions).Assembly);
        builder.Services.AddSingleton(TimeProvider.System);

        // Letters and reports are drawn natively: no browser.
        builder.Services.AddOptions<PdfFontOptions>().BindConfiguration("Document:Pdf:Fonts").ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<PdfFontOptions>, PdfFontFilesExist>();
        builder.Services.AddSingleton<PdfLetter>();
        builder.Services.AddSingleton<PdfReport>();

        builder.Services.AddScoped<DocumentIssuer>();
        // Every requested document is kept until issued; failed attempts are tried again by the worker.
        builder.Services.AddOptions<DocumentRequestRetryOptions>().BindConfiguration("Document:Requests");
        builder.Services.AddScoped<RequestedDocuments>();
        builder.Services.AddHostedService<RequestRetryWorker>();
        builder.Services.AddScoped<UnitNames>();
        // The dossier reads the case from Workflow and the opinions from LegalReview, letters the unit's name from Identity,
        // with this service's own identity.
        builder.Services.AddInternalServiceClient(builder.Configuration);
        // Used by the export and by the archive-time seal (a consumer), so it needs no HTTP request.
        builder.Services.AddScoped<DossierBuilder>();
        return builder;
    }
}
