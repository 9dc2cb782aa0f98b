using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Intake;
using Gongkai.Intake.Apis;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseTenantAuthentication();

app.MapApplicationsApi();
app.MapPublicApi();
app.MapCityPlatformApi();

app.Run();
