using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Publishing;
using Gongkai.Publishing.Apis;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseTenantAuthentication();

app.MapAnnualReportApi();
app.MapItemsApi();
app.MapIndexSchemeApi();
app.MapInterpretationSettingsApi();
app.MapGuideApi();
app.MapPublicCatalogueApi();
app.MapStandardCatalogueApi();

app.Run();
