// The contract registry: schemas/index.json and the JSON Schemas beside it, embedded in the core. It is the one place
// that names row types, event families, their sensitivity (S0-S3) and transmission classes, and the marker
// vocabularies; the validator, export, merge and doctor ask it rather than keeping lists of their own. The detector's
// markers are not copied here: their family points at Detection.CorrectionMarkers, which owns the pattern.
using System.Text.Json;
using System.Text.RegularExpressions;
using ZosTelemetry.Detection;
using ZosTelemetry.Events;

namespace ZosTelemetry.Contracts;

public sealed class ContractRegistry
{
    public const string ExplicitOperatorExport = "explicit_operator_export";
    public const string LocalOnly = "local_only";
    public const string ApprovedUsageUpload = "approved_usage_upload";
    public const string ContentBearing = "S3";

    private const string ResourcePrefix = "ZosTelemetry.Schemas.";
    private const string DetectorOwner = "detector";

    private static readonly Lazy<ContractRegistry> EmbeddedRegistry = new(() => Parse(EmbeddedText("index.json")));

    private readonly Dictionary<string, TelemetryFamily> familyOfKind = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MarkerFamily> familyOfMarker = new(StringComparer.Ordinal);
    private readonly List<(MarkerFamily Family, Regex Pattern)> patternFamilies = [];
    private readonly List<(TelemetryFamily Family, Regex Pattern)> kindPatterns = [];

    private ContractRegistry(string json, IReadOnlyList<TelemetryFamily> families, IReadOnlyList<MarkerFamily> markerFamilies,
        IReadOnlyList<RowType> rowTypes, IReadOnlyList<StoreFileClass> storeFiles)
    {
        Json = json;
        Families = families;
        MarkerFamilies = markerFamilies;
        RowTypes = rowTypes;
        StoreFiles = storeFiles;
        foreach (var f in families)
        {
            foreach (string kind in f.Kinds)
            {
                familyOfKind[kind] = f;
            }

            if (f.KindPattern.Length > 0)
            {
                kindPatterns.Add((f, new Regex(f.KindPattern, RegexOptions.CultureInvariant)));
            }
        }

        foreach (var m in markerFamilies)
        {
            foreach (string marker in m.Markers)
            {
                familyOfMarker[marker] = m;
            }

            if (m.Pattern.Length > 0 && m.Owner != DetectorOwner)
            {
                patternFamilies.Add((m, new Regex(m.Pattern, RegexOptions.CultureInvariant)));
            }
        }
    }

    /// <summary>The registry this build ships (schemas/index.json).</summary>
    public static ContractRegistry Embedded => EmbeddedRegistry.Value;

    /// <summary>schemas/index.json as shipped.</summary>
    public string Json { get; }

    public IReadOnlyList<TelemetryFamily> Families { get; }
    public IReadOnlyList<MarkerFamily> MarkerFamilies { get; }
    public IReadOnlyList<RowType> RowTypes { get; }
    public IReadOnlyList<StoreFileClass> StoreFiles { get; }

    /// <summary>A JSON Schema shipped beside the registry, by its schema_ref ("event.schema.json").</summary>
    public static string SchemaText(string schemaRef) => EmbeddedText(schemaRef);

    /// <summary>The schema_refs shipped (every *.schema.json under schemas/).</summary>
    public static IReadOnlyList<string> SchemaRefs() =>
        typeof(ContractRegistry).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".schema.json", StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..]).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Reads a registry (the embedded one, or another for tests); refuses one that contradicts itself.</summary>
    public static ContractRegistry Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var sensitivity = root.GetProperty("sensitivity_classes").EnumerateArray().Select(e => Text(e, "id")).ToHashSet(StringComparer.Ordinal);
        var transmission = root.GetProperty("transmission_classes").EnumerateArray().Select(e => Text(e, "id")).ToHashSet(StringComparer.Ordinal);
        var markerFamilies = root.GetProperty("marker_families").EnumerateArray().Select(ReadMarkerFamily).ToArray();
        var rowTypes = root.GetProperty("row_types").EnumerateArray().Select(e => new RowType
        {
            Name = Text(e, "name"), Files = Text(e, "files"), SchemaRef = Text(e, "schema_ref"),
        }).ToArray();
        var families = root.GetProperty("families").EnumerateArray().Select(e => new TelemetryFamily
        {
            Name = Text(e, "name"),
            RowType = Text(e, "row_type"),
            Kinds = Strings(e, "kinds"),
            KindPattern = e.TryGetProperty("kind_pattern", out var k) ? k.GetString() ?? "" : "",
            SensitivityClass = Text(e, "sensitivity_class"),
            TransmissionClass = Text(e, "transmission_class"),
            SchemaRef = Text(e, "schema_ref"),
            SessionIdConvention = Text(e, "session_id_convention"),
            Markers = Strings(e, "markers"),
        }).ToArray();
        var files = root.GetProperty("store_files").EnumerateArray().Select(e => new StoreFileClass
        {
            Pattern = Text(e, "pattern"),
            RowType = e.TryGetProperty("row_type", out var r) ? r.GetString() : null,
            SensitivityClass = Text(e, "sensitivity_class"),
            TransmissionClass = Text(e, "transmission_class"),
            Description = e.TryGetProperty("description", out var d) ? d.GetString() ?? "" : "",
        }).ToArray();

        foreach (var f in families)
        {
            Require(sensitivity.Contains(f.SensitivityClass), $"family {f.Name}: unknown sensitivity_class {f.SensitivityClass}");
            Require(transmission.Contains(f.TransmissionClass), $"family {f.Name}: unknown transmission_class {f.TransmissionClass}");
            Require(rowTypes.Any(t => t.Name == f.RowType), $"family {f.Name}: unknown row_type {f.RowType}");
            foreach (string m in f.Markers)
            {
                Require(markerFamilies.Any(x => x.Name == m), $"family {f.Name}: unknown marker family {m}");
            }
        }

        foreach (var f in files)
        {
            Require(sensitivity.Contains(f.SensitivityClass) && transmission.Contains(f.TransmissionClass), $"store file {f.Pattern}: unknown class");
        }

        return new ContractRegistry(json, families, markerFamilies, rowTypes, files);
    }

    /// <summary>
    /// The family of an event kind: the one that lists it, else the one whose kind_pattern it matches (users' own x.
    /// kinds). A kind of no family is refused by writers and skipped by readers, so a stored row always has one.
    /// </summary>
    public TelemetryFamily FamilyOfKind(string kind) =>
        TryFamilyOfKind(kind) ?? throw new ContractViolationException($"kind {EventValidator.Show(kind)} belongs to no event family of schemas/index.json.");

    /// <summary>FamilyOfKind, or null for a kind of no family.</summary>
    public TelemetryFamily? TryFamilyOfKind(string kind)
    {
        if (familyOfKind.TryGetValue(kind, out var f))
        {
            return f;
        }

        foreach (var (family, pattern) in kindPatterns)
        {
            if (pattern.IsMatch(kind))
            {
                return family;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether rows of the family may leave the machine through export or merge: their transmission class allows an
    /// operator's export. A content-bearing (S3) family is refused outright, whatever its transmission class says.
    /// </summary>
    public static bool AllowsExport(TelemetryFamily family, string action)
    {
        if (family.SensitivityClass == ContentBearing)
        {
            throw new ContractViolationException($"{action} refused: rows of family {family.Name} are {ContentBearing} (content-bearing), which never leave the store.");
        }

        return family.TransmissionClass is ExplicitOperatorExport or ApprovedUsageUpload;
    }

    /// <summary>The higher of two sensitivity classes (S0 &lt; S1 &lt; S2 &lt; S3).</summary>
    public static string Higher(string? a, string b) => a is null || string.CompareOrdinal(b, a) > 0 ? b : a;

    /// <summary>True when a family lists the kind itself (not only through a kind_pattern).</summary>
    public bool DeclaresKind(string kind) => familyOfKind.ContainsKey(kind);

    /// <summary>The family of a row type without kinds (session summaries, alerts, snapshots), or null for events.</summary>
    public TelemetryFamily? FamilyOfRowType(string rowType) => Families.FirstOrDefault(f => f.RowType == rowType && f.Kinds.Count == 0 && f.KindPattern.Length == 0);

    /// <summary>The marker family a marker belongs to, or null when no vocabulary has it.</summary>
    public MarkerFamily? MarkerFamilyOf(string marker)
    {
        if (familyOfMarker.TryGetValue(marker, out var listed))
        {
            return listed;
        }

        if (marker.StartsWith(CorrectionMarkers.Prefix, StringComparison.Ordinal))
        {
            return CorrectionMarkers.IsMarker(marker) ? MarkerFamilies.FirstOrDefault(m => m.Owner == DetectorOwner) : null;
        }

        foreach (var (family, pattern) in patternFamilies)
        {
            if (pattern.IsMatch(marker))
            {
                return family;
            }
        }

        return null;
    }

    /// <summary>The class of a file under the store root by its name (events-2026-06.jsonl, user.key, ...), or null.</summary>
    public StoreFileClass? ClassOfFile(string relativePath)
    {
        string name = relativePath.Replace('\\', '/');
        foreach (var f in StoreFiles)
        {
            if (f.Pattern.EndsWith('/') ? name.StartsWith(f.Pattern, StringComparison.Ordinal) : Matches(f.Pattern, name))
            {
                return f;
            }
        }

        return null;
    }

    /// <summary>A sentence for the message of a refused marker: every vocabulary, briefly.</summary>
    public string VocabularyText() => string.Join("; ", MarkerFamilies.Select(m =>
        m.Owner == DetectorOwner ? $"the detector's {CorrectionMarkers.Words}"
        : m.Markers.Count > 0 ? string.Join(", ", m.Markers)
        : m.MaxPerEvent > 0 ? $"{m.Name}.<code> matching {m.Pattern}, at most {m.MaxPerEvent} per event" : $"{m.Name}.<code> matching {m.Pattern}"));

    private static bool Matches(string pattern, string name)
    {
        int at = pattern.IndexOf("YYYY-MM", StringComparison.Ordinal);
        if (at < 0)
        {
            return name == pattern;
        }

        string prefix = pattern[..at], suffix = pattern[(at + 7)..];
        return name.Length == pattern.Length && name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(suffix, StringComparison.Ordinal)
            && char.IsAsciiDigit(name[at]) && name[at + 4] == '-';
    }

    private static MarkerFamily ReadMarkerFamily(JsonElement e)
    {
        string owner = Text(e, "owner");
        string definedBy = e.TryGetProperty("defined_by", out var d) ? d.GetString() ?? "" : "";
        return new MarkerFamily
        {
            Name = Text(e, "name"),
            Owner = owner,
            Markers = e.TryGetProperty("markers", out _) ? Strings(e, "markers") : [],
            // The detector's pattern comes from the detector, so the registry never holds a second copy of it.
            Pattern = owner == DetectorOwner ? CorrectionMarkers.CorrectionExpression : e.TryGetProperty("regex", out var r) ? r.GetString() ?? "" : "",
            DefinedBy = definedBy,
            MaxPerEvent = e.TryGetProperty("max_per_event", out var n) ? n.GetInt32() : 0,
            Description = e.TryGetProperty("description", out var t) ? t.GetString() ?? "" : "",
        };
    }

    private static string Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : throw new InvalidDataException($"registry: '{name}' is missing in {e}");

    private static string[] Strings(JsonElement e, string name) =>
        e.GetProperty(name).EnumerateArray().Select(v => v.GetString() ?? "").ToArray();

    private static void Require(bool ok, string message)
    {
        if (!ok)
        {
            throw new InvalidDataException("registry: " + message);
        }
    }

    private static string EmbeddedText(string name)
    {
        using var stream = typeof(ContractRegistry).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidDataException($"registry: {name} is not shipped in the core.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
