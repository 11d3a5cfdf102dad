using System.Collections;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Herald.UnitTests.Docs;

/// <summary>
/// Every setting path the options classes of some assemblies bind, in the notation of docs/configuration.md: sections
/// and properties joined by ":", a list's items as ":N" ("Herald:Newsletters:N:Sources:N:Url", "Site:AllowedOrigins:N"),
/// a dictionary's entries as ":KEY" ("Herald:Tagging:Synonyms:KEY"). Found by what the classes are, not by their
/// names, so that merging or renaming classes changes nothing as long as the settings stay the same.
/// </summary>
public static class SettingPaths
{
    /// <summary>
    /// The paths bound by every type with a public <c>const string SectionName</c>, and by every type an
    /// <see cref="IValidateOptions{TOptions}"/> of these assemblies validates that has none: such a type is bound to the
    /// configuration's root (the Functions app's CollectSchedule, DigestSchedule and PruneSchedule).
    /// </summary>
    public static IReadOnlySet<string> Bound(params Assembly[] assemblies)
    {
        var types = assemblies.SelectMany(LoadableTypes).ToList();
        var optionsTypes = types.Where(t => SectionNameOf(t) is not null)
            .Concat(types.Where(t => !t.IsGenericTypeDefinition).SelectMany(ValidatedTypes))
            .Distinct();
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in optionsTypes)
        {
            paths.UnionWith(PropertiesOf(type, SectionNameOf(type) ?? "", []));
        }

        return paths;
    }

    private static string? SectionNameOf(Type type) =>
        type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field && field.FieldType == typeof(string)
            ? (string?)field.GetRawConstantValue()
            : null;

    private static IEnumerable<Type> ValidatedTypes(Type validator) =>
        validator.GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidateOptions<>))
            .Select(i => i.GetGenericArguments()[0])
            .Where(t => !t.IsGenericParameter);

    private static IEnumerable<string> PropertiesOf(Type type, string prefix, HashSet<Type> visiting)
    {
        if (!visiting.Add(type))
        {
            yield break; // a type that contains itself would bind forever; the documented path stops here
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!IsBound(property))
            {
                continue;
            }

            var name = property.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? property.Name;
            foreach (var path in PathsOf(property.PropertyType, prefix.Length == 0 ? name : $"{prefix}:{name}", visiting))
            {
                yield return path;
            }
        }

        visiting.Remove(type);
    }

    /// <summary>
    /// What the configuration binder binds: a property with a public setter, or a get-only one whose collection or
    /// object it fills in place. A get-only value (InboundOptions.Enabled, computed) is not a setting.
    /// </summary>
    private static bool IsBound(PropertyInfo property) =>
        property.GetMethod is { IsPublic: true } && property.GetIndexParameters().Length == 0
        && (property.SetMethod is { IsPublic: true } || !IsValue(property.PropertyType));

    private static IEnumerable<string> PathsOf(Type type, string path, HashSet<Type> visiting)
    {
        if (IsValue(type))
        {
            return [path];
        }

        if (ElementOf(type, typeof(IDictionary<,>)) is { } dictionaryValue)
        {
            return PathsOf(dictionaryValue, path + ":KEY", visiting);
        }

        if (type.IsArray)
        {
            return PathsOf(type.GetElementType()!, path + ":N", visiting);
        }

        if (ElementOf(type, typeof(IEnumerable<>)) is { } item)
        {
            return PathsOf(item, path + ":N", visiting);
        }

        return PropertiesOf(type, path, visiting);
    }

    /// <summary>The last type argument of the generic interface <paramref name="definition"/> the type is or implements.</summary>
    private static Type? ElementOf(Type type, Type definition) =>
        (type.IsInterface && type.IsGenericType && type.GetGenericTypeDefinition() == definition ? [type] : type.GetInterfaces())
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == definition)?
            .GetGenericArguments()[^1];

    private static bool IsValue(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying.IsPrimitive || underlying.IsEnum || underlying == typeof(string) || underlying == typeof(decimal)
            || underlying == typeof(TimeSpan) || underlying == typeof(DateTime) || underlying == typeof(DateTimeOffset)
            || underlying == typeof(DateOnly) || underlying == typeof(TimeOnly) || underlying == typeof(Guid) || underlying == typeof(Uri)
            || (!typeof(IEnumerable).IsAssignableFrom(underlying) && underlying.IsValueType);
    }

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            return ex.Types.OfType<Type>();
        }
    }
}
