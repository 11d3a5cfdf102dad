using System.Reflection;
using Herald.Functions;
using Herald.Testing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.UnitTests.Functions;

/// <summary>Builds the service collection Program.cs builds and resolves every function class from it.</summary>
public class FunctionRegistrationTests
{
    public static TheoryData<string> FunctionClasses =>
        [.. FunctionTypes().Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(FunctionClasses))]
    public void Every_function_class_resolves_from_the_apps_services(string className)
    {
        using var services = BuildAppServices();
        var type = FunctionTypes().Single(t => t.Name == className);

        // The host builds function classes through their one constructor: every service it takes must be registered.
        var constructor = Assert.Single(type.GetConstructors());
        Assert.All(constructor.GetParameters(), p => Assert.True(services.GetService(p.ParameterType) is not null, $"{className} takes a {p.ParameterType.Name} that Program.cs does not register"));
        Assert.IsType(type, ActivatorUtilities.CreateInstance(services, type));
    }

    [Fact]
    public void Eighteen_function_classes_exist()
    {
        Assert.Equal(18, FunctionTypes().Count());
    }

    internal static ServiceProvider BuildAppServices()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(RepositoryPaths.SampleConfig)
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Herald:TemplateDirectory"] = RepositoryPaths.Templates })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddHeraldFunctions(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    internal static IEnumerable<Type> FunctionTypes() =>
        typeof(HeraldFunctionsSetup).Assembly.GetTypes()
            .Where(t => t.GetMethods().Any(m => m.GetCustomAttribute<FunctionAttribute>() is not null))
            .OrderBy(t => t.Name, StringComparer.Ordinal);
}
