using System.Reflection;
using System.Reflection.Emit;

namespace Herald.UnitTests.Architecture;

/// <summary>
/// Reads which types of an assembly use which others, from the compiled code itself: base types and interfaces,
/// fields, properties, method signatures, attributes, and every type, method and field a method body names
/// (decoded from its IL), including lambdas and async state machines, which count for the type they belong to.
/// </summary>
public static class TypeDependencies
{
    private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    public static IReadOnlyList<TypeDependency> Of(Assembly assembly)
    {
        var found = new HashSet<TypeDependency>();
        foreach (var type in assembly.GetTypes().Where(IsOwnCode))
        {
            var owner = Outermost(type);
            foreach (var used in UsedBy(type))
            {
                foreach (var target in Expand(used))
                {
                    if (target.Assembly == assembly && IsOwnCode(target) && Outermost(target) is var to && to != owner)
                    {
                        found.Add(new TypeDependency(owner, to));
                    }
                }
            }
        }

        return [.. found];
    }

    /// <summary>Types written in the project's namespaces, not the compiler's helpers (collection literals, embedded attributes).</summary>
    private static bool IsOwnCode(Type type) => Outermost(type).Namespace?.StartsWith("Herald", StringComparison.Ordinal) == true;

    /// <summary>A nested type (a lambda's closure, a state machine, a private record) belongs to the type that declares it.</summary>
    public static Type Outermost(Type type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type.IsGenericType ? type.GetGenericTypeDefinition() : type;
    }

    private static IEnumerable<Type> UsedBy(Type type)
    {
        if (type.BaseType is not null)
        {
            yield return type.BaseType;
        }

        foreach (var item in type.GetInterfaces().Concat(Attributes(type.GetCustomAttributesData())))
        {
            yield return item;
        }

        foreach (var field in type.GetFields(Everything))
        {
            yield return field.FieldType;
            foreach (var item in Attributes(field.GetCustomAttributesData()))
            {
                yield return item;
            }
        }

        foreach (var property in type.GetProperties(Everything))
        {
            yield return property.PropertyType;
            foreach (var item in Attributes(property.GetCustomAttributesData()))
            {
                yield return item;
            }
        }

        foreach (var method in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
        {
            if (method is MethodInfo info)
            {
                yield return info.ReturnType;
            }

            foreach (var parameter in method.GetParameters())
            {
                yield return parameter.ParameterType;
            }

            foreach (var item in Attributes(method.GetCustomAttributesData()).Concat(InBody(method)))
            {
                yield return item;
            }
        }
    }

    private static IEnumerable<Type> Attributes(IEnumerable<CustomAttributeData> attributes)
    {
        foreach (var attribute in attributes)
        {
            yield return attribute.AttributeType;
            foreach (var argument in attribute.ConstructorArguments.Concat(attribute.NamedArguments.Select(a => a.TypedValue)))
            {
                if (argument.Value is Type mentioned)
                {
                    yield return mentioned;
                }
            }
        }
    }

    /// <summary>Every type a method body names: in casts, news, calls, field accesses, typeof and generic arguments.</summary>
    private static IEnumerable<Type> InBody(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        foreach (var variable in method.GetMethodBody()!.LocalVariables)
        {
            yield return variable.LocalType;
        }

        var position = 0;
        while (position < il.Length)
        {
            var value = (short)il[position++];
            if (value == 0xFE)
            {
                value = (short)(0xFE00 | il[position++]);
            }

            var code = OpCodesByValue[value];
            switch (code.OperandType)
            {
                case OperandType.InlineType or OperandType.InlineTok or OperandType.InlineMethod or OperandType.InlineField:
                    var token = BitConverter.ToInt32(il, position);
                    foreach (var type in Resolve(method.Module, token, typeArguments, methodArguments))
                    {
                        yield return type;
                    }

                    position += 4;
                    break;
                case OperandType.InlineSwitch:
                    position += 4 + (4 * BitConverter.ToInt32(il, position));
                    break;
                default:
                    position += OperandSize(code.OperandType);
                    break;
            }
        }
    }

    private static IEnumerable<Type> Resolve(Module module, int token, Type[]? typeArguments, Type[]? methodArguments)
    {
        MemberInfo? member;
        try
        {
            member = module.ResolveMember(token, typeArguments, methodArguments);
        }
        catch (ArgumentException)
        {
            yield break; // a token that only resolves in a generic context we do not have; its declaring type is still seen elsewhere
        }

        switch (member)
        {
            case Type type:
                yield return type;
                break;
            case MethodBase called:
                yield return called.DeclaringType!;
                if (called is MethodInfo { IsGenericMethod: true } generic)
                {
                    foreach (var argument in generic.GetGenericArguments())
                    {
                        yield return argument;
                    }
                }

                break;
            case FieldInfo field:
                yield return field.DeclaringType!;
                yield return field.FieldType;
                break;
        }
    }

    private static int OperandSize(OperandType type) => type switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        _ => 4,
    };

    /// <summary>A type and every type it is built from: generic arguments, array elements, by-ref targets.</summary>
    private static IEnumerable<Type> Expand(Type type)
    {
        if (type.HasElementType)
        {
            foreach (var inner in Expand(type.GetElementType()!))
            {
                yield return inner;
            }

            yield break;
        }

        if (type.IsGenericParameter)
        {
            yield break;
        }

        yield return type;
        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments().SelectMany(Expand))
            {
                yield return argument;
            }
        }
    }
}
