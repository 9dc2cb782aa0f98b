using Gongkai.BuildingBlocks;
using Gongkai.BuildingBlocks.Messaging;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Publishing;
using Gongkai.Publishing.Apis;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseRequestLimits();
app.UseTenantAuthentication();

app.MapErrorQueuesApi();

app.MapAnnualReportApi();
app.MapAppealsApi();
app.MapApplicationImportApi();
app.MapPublicAnnualReportApi();
app.MapConversionsApi();
app.MapItemsApi();
app.MapAttachmentsApi();
app.MapIndexSchemeApi();
app.MapInterpretationSettingsApi();
app.MapGuideApi();
app.MapPublicCatalogueApi();
app.MapReReviewsApi();
app.MapStandardCatalogueApi();
app.MapSupervisionApi();
app.MapBulletinsApi();
app.MapSpotChecksApi();

app.Run();
