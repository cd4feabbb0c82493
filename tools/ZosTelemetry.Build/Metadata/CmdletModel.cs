// What the help generator knows about a cmdlet, read from the compiled module (never from the docs): its name,
// parameter sets, parameters with their binding rules, output types and HelpUri.
namespace ZosTelemetry.Build.Metadata;

public sealed record CmdletModel(
    string Name,
    string Verb,
    string Noun,
    string ClassName,
    string? DefaultParameterSet,
    bool SupportsShouldProcess,
    string? HelpUri,
    IReadOnlyList<OutputTypeModel> OutputTypes,
    IReadOnlyList<ParameterModel> Parameters)
{
    public const string AllParameterSets = "__AllParameterSets";

    /// <summary>The parameter sets, default first; a cmdlet without named sets has the one set __AllParameterSets.</summary>
    public IReadOnlyList<string> ParameterSets
    {
        get
        {
            var named = Parameters.SelectMany(p => p.Sets.Keys).Where(s => s != AllParameterSets).Distinct(StringComparer.Ordinal).ToList();

            // The default set exists even when no parameter names it (it is then the set of the all-sets parameters alone).
            if (DefaultParameterSet is { } d && d != AllParameterSets)
            {
                named.Remove(d);
                named.Insert(0, d);
            }

            if (named.Count == 0)
            {
                return [AllParameterSets];
            }

            return named;
        }
    }

    /// <summary>The parameters of one set with their binding in that set, in declaration order.</summary>
    public IEnumerable<(ParameterModel Parameter, ParameterUse Use)> InSet(string set)
    {
        foreach (var p in Parameters)
        {
            if (p.Sets.TryGetValue(set, out var use) || p.Sets.TryGetValue(AllParameterSets, out use))
            {
                yield return (p, use);
            }
        }
    }

    public ParameterModel? Find(string name) =>
        Parameters.FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase) || p.Aliases.Contains(name, StringComparer.OrdinalIgnoreCase));

    public override string ToString() => Name;
}

public sealed record OutputTypeModel(string TypeName, IReadOnlyList<string> ParameterSets);

public sealed record ParameterModel(
    string Name,
    string TypeName,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> ValidValues,
    IReadOnlyDictionary<string, ParameterUse> Sets,
    bool IsShouldProcessSwitch = false)
{
    public bool IsSwitch => TypeName == "System.Management.Automation.SwitchParameter";

    /// <summary>The type as PowerShell users write it: string, long, string[], DateTimeOffset (nullable unwrapped).</summary>
    public string FriendlyType => TypeNames.Friendly(TypeName);

    public bool TakesPipelineInput => Sets.Values.Any(u => u.ValueFromPipeline || u.ValueFromPipelineByPropertyName);

    /// <summary>Mandatory in every set it belongs to.</summary>
    public bool IsAlwaysMandatory => Sets.Values.All(u => u.Mandatory);

    public override string ToString() => "-" + Name;
}

public sealed record ParameterUse(bool Mandatory, int? Position, bool ValueFromPipeline, bool ValueFromPipelineByPropertyName);

public static class TypeNames
{
    private static readonly Dictionary<string, string> Keywords = new(StringComparer.Ordinal)
    {
        ["System.String"] = "string",
        ["System.Int32"] = "int",
        ["System.Int64"] = "long",
        ["System.Double"] = "double",
        ["System.Boolean"] = "bool",
        ["System.Object"] = "Object",
        ["System.Management.Automation.SwitchParameter"] = "switch",
    };

    public static string Friendly(string fullName)
    {
        if (fullName.EndsWith("[]", StringComparison.Ordinal))
        {
            return Friendly(fullName[..^2]) + "[]";
        }

        const string nullable = "System.Nullable`1[";
        if (fullName.StartsWith(nullable, StringComparison.Ordinal) && fullName.EndsWith(']'))
        {
            return Friendly(fullName[nullable.Length..^1]);
        }

        if (Keywords.TryGetValue(fullName, out string? keyword))
        {
            return keyword;
        }

        int dot = fullName.LastIndexOf('.');
        return dot < 0 ? fullName : fullName[(dot + 1)..];
    }
}
