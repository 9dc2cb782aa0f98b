using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Document;
using Gongkai.Document.Apis;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseTenantFromGateway();

app.MapDocumentsApi();

app.Run();
