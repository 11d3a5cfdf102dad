using Herald.Configuration;
using Herald.Functions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Configuration.AddHeraldSettingsJson();
builder.Services.AddHeraldFunctions(builder.Configuration);
builder.Build().Run();
