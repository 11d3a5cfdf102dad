using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace Herald.Configuration;

/// <summary>
/// Runs data-annotation validation over an options object and the objects in its lists, and names each
/// failure by its full setting path ("Herald:Newsletters:0:FromAddress"), which is what an operator types.
/// </summary>
internal static class AnnotatedSettings
{
    public static IEnumerable<string> Validate(object instance, string path)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(instance, new ValidationContext(instance), results, validateAllProperties: true);
        foreach (var result in results)
        {
            var member = result.MemberNames.FirstOrDefault() ?? "";
            yield return $"{path}:{member}: {result.ErrorMessage}";
        }

        foreach (var property in instance.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.PropertyType == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(property.PropertyType))
            {
                continue;
            }

            if (property.GetValue(instance) is not IEnumerable items)
            {
                continue;
            }

            var index = 0;
            foreach (var item in items)
            {
                if (item is not null && item is not string && item.GetType().IsClass)
                {
                    foreach (var failure in Validate(item, $"{path}:{property.Name}:{index}"))
                    {
                        yield return failure;
                    }
                }

                index++;
            }
        }
    }
}
