using Gongkai.BuildingBlocks;
using Gongkai.BuildingBlocks.Messaging;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Intake;
using Gongkai.Intake.Apis;
using Gongkai.Intake.CityLink;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseRequestLimits();
app.UseTenantAuthentication();

app.MapErrorQueuesApi();
app.UseCitySignatures();

app.MapApplicationsApi();
app.MapPublicApi();
app.MapCityApi();
app.MapCityLinkOperatorApi();
app.MapSupervisionListsApi();

app.Run();
