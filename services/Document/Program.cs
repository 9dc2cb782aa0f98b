using Gongkai.BuildingBlocks;
using Gongkai.BuildingBlocks.Messaging;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Document;
using Gongkai.Document.Apis;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseRequestLimits();
app.UseTenantAuthentication();

app.MapErrorQueuesApi();

app.MapDocumentsApi();
app.MapSettingsApi();
app.MapTemplatesApi();
app.MapDossierApi();
app.MapDeliveryEvidenceApi();
app.MapRequestsApi();
app.MapPublicAnnualReportsApi();
app.MapBulletinFilesApi();

app.Run();
