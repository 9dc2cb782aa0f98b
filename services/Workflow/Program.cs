using Gongkai.BuildingBlocks;
using Gongkai.BuildingBlocks.Messaging;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Workflow;
using Gongkai.Workflow.Apis;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseRequestLimits();
app.UseTenantAuthentication();

app.MapErrorQueuesApi();

app.MapCasesApi();
app.MapCalendarApi();
app.MapSettingsApi();
app.MapAlertsApi();
app.MapSupervisionApi();
app.MapCountingApi();

app.Run();
