using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Intake;
using Gongkai.Intake.Apis;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseTenantFromGateway();

app.MapApplicationsApi();

app.Run();
