using Herald.Configuration;
using Herald.Functions;
using Herald.Functions.Http;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
// After the ASP.NET Core integration's own middleware, so that the answer it sets is the one written.
builder.UseMiddleware<SiteFaultMiddleware>();
builder.Configuration.AddHeraldSettingsJson();
builder.Services.AddHeraldFunctions(builder.Configuration);
builder.Build().Run();
