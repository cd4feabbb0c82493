// Reads every [Cmdlet] class of a module assembly as metadata (System.Reflection.Metadata, in the box), without
// loading it: loading would need System.Management.Automation, which neither the build nor the tests have, and
// would lock the file. Only the attributes help needs are decoded: Cmdlet, OutputType, Parameter, Alias, ValidateSet.
using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace ZosTelemetry.Build.Metadata;

public static class CmdletReader
{
    private const string Automation = "System.Management.Automation.";

    public static IReadOnlyList<CmdletModel> Read(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var cmdlets = new List<CmdletModel>();
        foreach (var handle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(handle);
            var attributes = AttributesOf(reader, type.GetCustomAttributes()).ToList();
            var cmdlet = attributes.FirstOrDefault(a => a.Type == Automation + "CmdletAttribute");
            if (cmdlet.Type is null)
            {
                continue;
            }

            var value = cmdlet.Decode();
            string verb = (string)value.FixedArguments[0].Value!;
            string noun = (string)value.FixedArguments[1].Value!;
            bool shouldProcess = Named(value, "SupportsShouldProcess") is true;
            var parameters = ParametersOf(reader, type);
            if (shouldProcess)
            {
                var all = new Dictionary<string, ParameterUse> { [CmdletModel.AllParameterSets] = new(false, null, false, false) };
                parameters.Add(new ParameterModel("WhatIf", Automation + "SwitchParameter", ["wi"], [], all, IsShouldProcessSwitch: true));
                parameters.Add(new ParameterModel("Confirm", Automation + "SwitchParameter", ["cf"], [], all, IsShouldProcessSwitch: true));
            }

            cmdlets.Add(new CmdletModel(
                $"{verb}-{noun}",
                verb,
                noun,
                reader.GetString(type.Name),
                Named(value, "DefaultParameterSetName") as string,
                shouldProcess,
                Named(value, "HelpUri") as string,
                OutputTypesOf(attributes),
                parameters));
        }

        return cmdlets.OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
    }

    private static List<OutputTypeModel> OutputTypesOf(List<AttributeRef> attributes)
    {
        var result = new List<OutputTypeModel>();
        foreach (var a in attributes.Where(a => a.Type == Automation + "OutputTypeAttribute"))
        {
            var value = a.Decode();
            string[] sets = Named(value, "ParameterSetName") is ImmutableArray<CustomAttributeTypedArgument<string>> names
                ? names.Select(n => (string)n.Value!).ToArray()
                : [];
            foreach (var arg in value.FixedArguments)
            {
                IEnumerable<object?> items = arg.Value is ImmutableArray<CustomAttributeTypedArgument<string>> array ? array.Select(i => i.Value) : [arg.Value];
                foreach (object? item in items)
                {
                    result.Add(new OutputTypeModel(WithoutAssembly((string)item!), sets));
                }
            }
        }

        return result;
    }

    /// <summary>Public [Parameter] properties, the class's own first, then those of base classes in the same assembly.</summary>
    private static List<ParameterModel> ParametersOf(MetadataReader reader, TypeDefinition type)
    {
        var parameters = new List<ParameterModel>();
        for (TypeDefinition? t = type; t is { } current;)
        {
            foreach (var property in current.GetProperties().Select(reader.GetPropertyDefinition))
            {
                var getter = property.GetAccessors().Getter;
                if (getter.IsNil || (reader.GetMethodDefinition(getter).Attributes & MethodAttributes.MemberAccessMask) != MethodAttributes.Public)
                {
                    continue;
                }

                var attributes = AttributesOf(reader, property.GetCustomAttributes()).ToList();
                var sets = new Dictionary<string, ParameterUse>(StringComparer.Ordinal);
                foreach (var p in attributes.Where(a => a.Type == Automation + "ParameterAttribute").Select(a => a.Decode()))
                {
                    string set = Named(p, "ParameterSetName") as string ?? CmdletModel.AllParameterSets;
                    int? position = Named(p, "Position") is int pos && pos != int.MinValue ? pos : null;
                    sets[set] = new ParameterUse(
                        Named(p, "Mandatory") is true,
                        position,
                        Named(p, "ValueFromPipeline") is true,
                        Named(p, "ValueFromPipelineByPropertyName") is true);
                }

                if (sets.Count == 0)
                {
                    continue;
                }

                parameters.Add(new ParameterModel(
                    reader.GetString(property.Name),
                    property.DecodeSignature(SignatureTypeNames.Instance, null).ReturnType,
                    StringsOf(attributes, "AliasAttribute"),
                    StringsOf(attributes, "ValidateSetAttribute"),
                    sets));
            }

            t = current.BaseType.Kind == HandleKind.TypeDefinition ? reader.GetTypeDefinition((TypeDefinitionHandle)current.BaseType) : null;
        }

        return parameters;
    }

    // Alias("a", "b") and ValidateSet("x", "y") take a params string[]: one array argument.
    private static List<string> StringsOf(List<AttributeRef> attributes, string name) =>
        attributes.Where(a => a.Type == Automation + name)
            .SelectMany(a => a.Decode().FixedArguments)
            .SelectMany(arg => arg.Value is ImmutableArray<CustomAttributeTypedArgument<string>> items ? items.Select(i => (string)i.Value!) : [(string)arg.Value!])
            .ToList();

    private static object? Named(CustomAttributeValue<string> value, string name) =>
        value.NamedArguments.FirstOrDefault(n => n.Name == name).Value;

    /// <summary>"ZosTelemetry.X, ZosTelemetry.Core, Version=…" → "ZosTelemetry.X".</summary>
    private static string WithoutAssembly(string serializedName) => serializedName.Split(',')[0].Trim();

    private static IEnumerable<AttributeRef> AttributesOf(MetadataReader reader, CustomAttributeHandleCollection handles)
    {
        foreach (var h in handles)
        {
            var attribute = reader.GetCustomAttribute(h);
            string type = attribute.Constructor.Kind switch
            {
                HandleKind.MemberReference => SignatureTypeNames.NameOf(reader, reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent),
                HandleKind.MethodDefinition => SignatureTypeNames.NameOf(reader, reader.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType()),
                _ => "",
            };
            yield return new AttributeRef(type, attribute);
        }
    }

    private readonly record struct AttributeRef(string Type, CustomAttribute Attribute)
    {
        public CustomAttributeValue<string> Decode() => Attribute.DecodeValue(SignatureTypeNames.Instance);
    }
}

/// <summary>Type names for attribute arguments and property signatures: full names, generics as Name`1[Arg], arrays as T[].</summary>
internal sealed class SignatureTypeNames : ICustomAttributeTypeProvider<string>, ISignatureTypeProvider<string, object?>
{
    public static readonly SignatureTypeNames Instance = new();

    public static string NameOf(MetadataReader reader, EntityHandle handle) => handle.Kind switch
    {
        HandleKind.TypeReference => Join(reader, reader.GetTypeReference((TypeReferenceHandle)handle).Namespace, reader.GetTypeReference((TypeReferenceHandle)handle).Name),
        HandleKind.TypeDefinition => Join(reader, reader.GetTypeDefinition((TypeDefinitionHandle)handle).Namespace, reader.GetTypeDefinition((TypeDefinitionHandle)handle).Name),
        _ => "",
    };

    public string GetPrimitiveType(PrimitiveTypeCode typeCode) => "System." + typeCode;

    public string GetSystemType() => "System.Type";

    public string GetSZArrayType(string elementType) => elementType + "[]";

    public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => NameOf(reader, handle);

    public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => NameOf(reader, handle);

    public string GetTypeFromSerializedName(string name) => name;

    // Cmdlet attributes use int-backed enums only (ConfirmImpact).
    public PrimitiveTypeCode GetUnderlyingEnumType(string type) => PrimitiveTypeCode.Int32;

    public bool IsSystemType(string type) => type == "System.Type";

    public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) => $"{genericType}[{string.Join(",", typeArguments)}]";

    public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[" + new string(',', shape.Rank - 1) + "]";

    public string GetByReferenceType(string elementType) => elementType + "&";

    public string GetPointerType(string elementType) => elementType + "*";

    public string GetPinnedType(string elementType) => elementType;

    public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;

    public string GetFunctionPointerType(MethodSignature<string> signature) => "System.IntPtr";

    public string GetGenericMethodParameter(object? genericContext, int index) => "!!" + index;

    public string GetGenericTypeParameter(object? genericContext, int index) => "!" + index;

    public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
        reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

    private static string Join(MetadataReader reader, StringHandle ns, StringHandle name) =>
        ns.IsNil || reader.GetString(ns).Length == 0 ? reader.GetString(name) : reader.GetString(ns) + "." + reader.GetString(name);
}
