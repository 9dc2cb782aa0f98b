using Gongkai.BuildingBlocks;
using Gongkai.BuildingBlocks.Messaging;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Identity;
using Gongkai.Identity.Apis;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseRequestLimits();
app.UseTenantAuthentication();

app.MapErrorQueuesApi();

app.MapDiscoveryApi();
app.MapTokenApi();
app.MapUnitsApi();
app.MapAuditApi();

app.Run();
