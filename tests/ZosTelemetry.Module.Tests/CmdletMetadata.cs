// What the conformance tests need to know about the module's cmdlets, read from the built assembly as metadata
// (System.Reflection.Metadata) without loading it: loading would need System.Management.Automation, which a plain
// test host does not have, and would pin the file.
using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace ZosTelemetry.Module.Tests;

internal sealed record CmdletMetadata(
    string ClassName,
    string Namespace,
    string Verb,
    string Noun,
    bool IsSealed,
    IReadOnlyList<string> BaseTypes,
    IReadOnlyList<string> OutputTypes,
    IReadOnlyList<string> Parameters)
{
    private const string Automation = "System.Management.Automation.";

    public string Name => $"{Verb}-{Noun}";

    public override string ToString() => Name;

    /// <summary>Every class of the assembly that carries [Cmdlet].</summary>
    public static IReadOnlyList<CmdletMetadata> ReadAll(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var cmdlets = new List<CmdletMetadata>();
        foreach (var handle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(handle);
            var cmdlet = Attributes(reader, type.GetCustomAttributes()).FirstOrDefault(a => a.Type == Automation + "CmdletAttribute");
            if (cmdlet.Type is null)
            {
                continue;
            }

            var outputTypes = Attributes(reader, type.GetCustomAttributes())
                .Where(a => a.Type == Automation + "OutputTypeAttribute")
                .SelectMany(a => a.Value.FixedArguments)
                .SelectMany(arg => arg.Value is ImmutableArray<CustomAttributeTypedArgument<string>> items ? items.Select(i => i.Value) : [arg.Value])
                .Select(v => TypeNameProvider.WithoutAssembly((string)v!))
                .ToList();
            cmdlets.Add(new CmdletMetadata(
                reader.GetString(type.Name),
                reader.GetString(type.Namespace),
                (string)cmdlet.Value.FixedArguments[0].Value!,
                (string)cmdlet.Value.FixedArguments[1].Value!,
                (type.Attributes & TypeAttributes.Sealed) != 0,
                BaseChain(reader, type),
                outputTypes,
                ParameterNames(reader, type)));
        }

        return cmdlets;
    }

    /// <summary>The full names of the public types an assembly defines.</summary>
    public static IReadOnlySet<string> PublicTypeNames(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        return reader.TypeDefinitions
            .Select(reader.GetTypeDefinition)
            .Where(t => (t.Attributes & TypeAttributes.VisibilityMask) == TypeAttributes.Public)
            .Select(t => reader.GetString(t.Namespace) + "." + reader.GetString(t.Name))
            .ToHashSet(StringComparer.Ordinal);
    }

    private static IEnumerable<(string Type, CustomAttributeValue<string> Value)> Attributes(MetadataReader reader, CustomAttributeHandleCollection handles)
    {
        foreach (var h in handles)
        {
            var attribute = reader.GetCustomAttribute(h);
            string type = attribute.Constructor.Kind switch
            {
                HandleKind.MemberReference => TypeNameProvider.NameOf(reader, reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent),
                HandleKind.MethodDefinition => TypeNameProvider.NameOf(reader, reader.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType()),
                _ => "",
            };
            yield return (type, attribute.DecodeValue(TypeNameProvider.Instance));
        }
    }

    /// <summary>The base classes, nearest first, through the assembly's own types and one step beyond (e.g. PSCmdlet).</summary>
    private static List<string> BaseChain(MetadataReader reader, TypeDefinition type)
    {
        var chain = new List<string>();
        for (EntityHandle b = type.BaseType; !b.IsNil;)
        {
            chain.Add(TypeNameProvider.NameOf(reader, b));
            if (b.Kind != HandleKind.TypeDefinition)
            {
                break;
            }

            b = reader.GetTypeDefinition((TypeDefinitionHandle)b).BaseType;
        }

        return chain;
    }

    /// <summary>Public properties with [Parameter], declared on the class or on a base class in the same assembly.</summary>
    private static List<string> ParameterNames(MetadataReader reader, TypeDefinition type)
    {
        var names = new List<string>();
        for (TypeDefinition? t = type; t is { } current;)
        {
            foreach (var p in current.GetProperties().Select(reader.GetPropertyDefinition))
            {
                var getter = p.GetAccessors().Getter;
                bool isPublic = !getter.IsNil && (reader.GetMethodDefinition(getter).Attributes & MethodAttributes.MemberAccessMask) == MethodAttributes.Public;
                if (isPublic && Attributes(reader, p.GetCustomAttributes()).Any(a => a.Type == Automation + "ParameterAttribute"))
                {
                    names.Add(reader.GetString(p.Name));
                }
            }

            t = current.BaseType.Kind == HandleKind.TypeDefinition ? reader.GetTypeDefinition((TypeDefinitionHandle)current.BaseType) : null;
        }

        return names;
    }
}

/// <summary>Decodes attribute arguments with every type named by its full name; typeof(X) arrives as X's serialized name.</summary>
internal sealed class TypeNameProvider : ICustomAttributeTypeProvider<string>
{
    public static readonly TypeNameProvider Instance = new();

    public static string NameOf(MetadataReader reader, EntityHandle handle) => handle.Kind switch
    {
        HandleKind.TypeReference => Join(reader, reader.GetTypeReference((TypeReferenceHandle)handle).Namespace, reader.GetTypeReference((TypeReferenceHandle)handle).Name),
        HandleKind.TypeDefinition => Join(reader, reader.GetTypeDefinition((TypeDefinitionHandle)handle).Namespace, reader.GetTypeDefinition((TypeDefinitionHandle)handle).Name),
        _ => "",
    };

    /// <summary>"ZosTelemetry.X, ZosTelemetry.Core, Version=…" → "ZosTelemetry.X" (no generic type is ever an output type here).</summary>
    public static string WithoutAssembly(string serializedName) => serializedName.Split(',')[0].Trim();

    public string GetPrimitiveType(PrimitiveTypeCode typeCode) => "System." + typeCode;

    public string GetSystemType() => "System.Type";

    public string GetSZArrayType(string elementType) => elementType + "[]";

    public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => NameOf(reader, handle);

    public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => NameOf(reader, handle);

    public string GetTypeFromSerializedName(string name) => name;

    // Only ConfirmImpact and similar int-backed enums can appear in a cmdlet's attributes.
    public PrimitiveTypeCode GetUnderlyingEnumType(string type) => PrimitiveTypeCode.Int32;

    public bool IsSystemType(string type) => type == "System.Type";

    private static string Join(MetadataReader reader, StringHandle ns, StringHandle name) =>
        ns.IsNil || reader.GetString(ns).Length == 0 ? reader.GetString(name) : reader.GetString(ns) + "." + reader.GetString(name);
}
