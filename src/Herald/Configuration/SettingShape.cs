using System.Collections;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Herald.Configuration;

/// <summary>
/// The settings an options class binds, as the configuration binder sees it: a property per key (case-insensitive,
/// or its <see cref="ConfigurationKeyNameAttribute"/>), a list's items by index, a dictionary's entries by any key.
/// Walks a configuration section against that shape and names every key the class would silently ignore.
/// </summary>
public static class SettingShape
{
    /// <summary>Each key under <paramref name="section"/> that <paramref name="type"/> does not bind, with the nearest name it does.</summary>
    public static IEnumerable<(string Path, string? Suggestion)> UnknownKeys(IConfigurationSection section, Type type) =>
        Walk(section, type, []);

    private static IEnumerable<(string Path, string? Suggestion)> Walk(IConfigurationSection section, Type type, HashSet<Type> visiting)
    {
        if (IsValue(type))
        {
            // A value has no keys below it: "Delivery:BatchSize:Max" binds nothing.
            foreach (var child in section.GetChildren())
            {
                yield return (child.Path, null);
            }

            yield break;
        }

        if (ElementOf(type) is { } element)
        {
            foreach (var child in section.GetChildren())
            {
                if (IsDictionary(type) || int.TryParse(child.Key, out _))
                {
                    foreach (var unknown in Walk(child, element, visiting))
                    {
                        yield return unknown;
                    }
                }
                else
                {
                    yield return (child.Path, $"{section.Path}:0:{child.Key} (a list's items are numbered from 0)");
                }
            }

            yield break;
        }

        if (!visiting.Add(type))
        {
            yield break;
        }

        var properties = Bound(type).ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
        foreach (var child in section.GetChildren())
        {
            if (properties.TryGetValue(child.Key, out var propertyType))
            {
                foreach (var unknown in Walk(child, propertyType, visiting))
                {
                    yield return unknown;
                }
            }
            else
            {
                yield return (child.Path, Nearest(child.Key, properties.Keys) is { } near ? $"{section.Path}:{near}" : null);
            }
        }

        visiting.Remove(type);
    }

    /// <summary>The keys a class binds: properties with a public setter, or get-only ones whose collection or object the binder fills.</summary>
    private static IEnumerable<KeyValuePair<string, Type>> Bound(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0 && (p.SetMethod is { IsPublic: true } || !IsValue(p.PropertyType)))
            .Select(p => KeyValuePair.Create(p.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? p.Name, p.PropertyType));

    private static bool IsValue(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
            || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(Uri) || type == typeof(Guid);
    }

    private static bool IsDictionary(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() is var definition
        && (definition == typeof(Dictionary<,>) || definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>));

    private static Type? ElementOf(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (IsDictionary(type))
        {
            return type.GetGenericArguments()[1];
        }

        return type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) && type.IsGenericType ? type.GetGenericArguments()[0] : null;
    }

    /// <summary>The known name closest to a mistyped one (case aside), when it is close enough to be what was meant.</summary>
    public static string? Nearest(string key, IEnumerable<string> known)
    {
        var best = known
            .Select(k => (Name: k, Distance: Distance(key.ToUpperInvariant(), k.ToUpperInvariant())))
            .OrderBy(k => k.Distance).ThenBy(k => k.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(2, key.Length / 3) ? best.Name : null;
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours each count one.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
