using Gongkai.Gateway;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddGateway();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseGatewayRequestHeaders();
app.MapReverseProxy();

app.Run();
