// The city platform (市级平台) as Gongkai meets it, for Development and the tests: it pushes applications, withdrawals and
// supplements through the gateway with its client token and signature, receives and verifies Gongkai's callbacks (and
// fails them on purpose when told), and answers Gongkai's reconciliation with its manifest of the day.
using Gongkai.CitySimulator;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddCitySimulator();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapCitySimulator();

app.Run();
