using Gongkai.BuildingBlocks;
using Gongkai.BuildingBlocks.Messaging;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.LegalReview;
using Gongkai.LegalReview.Apis;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseRequestLimits();
app.UseTenantAuthentication();

app.MapErrorQueuesApi();

app.MapReviewsApi();

app.Run();
