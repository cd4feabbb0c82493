// Code and contract stay equal: every kind, marker and row field the code can write is declared in schemas/index.json
// and its JSON Schemas, and every row of stores made by the full fixtures (capture, close, import of both logs,
// merge) validates against its schema with a real JSON Schema validator (JsonSchema.Net, draft 2020-12; used by the
// tests only, never shipped). The failure messages say what to add where, for whoever adds a kind, a marker, a
// field or a sink.
using System.Buffers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using ZosTelemetry.Contracts;
using ZosTelemetry.Detection;
using ZosTelemetry.Events;
using ZosTelemetry.Import;
using ZosTelemetry.Sessions;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed class ContractTests : IDisposable
{
    private static readonly Assembly Core = typeof(ContractRegistry).Assembly;
    private static readonly ContractRegistry Registry = ContractRegistry.Embedded;
    private static readonly Lazy<Dictionary<string, JsonSchema>> Schemas = new(LoadSchemas);

    private readonly TempRoot temp = new();

    public void Dispose() => temp.Dispose();

    /// <summary>Every public const string of the core's *Kinds classes (EventKinds, ImportedKinds, and any added later).</summary>
    public static TheoryData<string, string> CodeKinds() => Constants(t => t.Name.EndsWith("Kinds", StringComparison.Ordinal));

    /// <summary>Every public const string of the core's *Markers classes except the detector's pattern owner.</summary>
    public static TheoryData<string, string> CodeMarkers() =>
        Constants(t => t.Name.EndsWith("Markers", StringComparison.Ordinal) && t != typeof(CorrectionMarkers) && t != typeof(MarkerPrefixes));

    [Theory]
    [MemberData(nameof(CodeKinds))]
    public void Kind_WrittenByTheCode_IsDeclaredByAFamily(string constant, string kind) =>
        Assert.True(Registry.DeclaresKind(kind),
            $"{constant} = \"{kind}\" is written by the code but no family of schemas/index.json lists it: add it to the 'kinds' of a family (or a new family with its sensitivity_class, transmission_class, schema_ref, session_id_convention and markers).");

    [Theory]
    [MemberData(nameof(CodeMarkers))]
    public void Marker_WrittenByTheCode_IsInAMarkerFamily(string constant, string marker) =>
        Assert.True(Registry.MarkerFamilyOf(marker) is not null,
            $"{constant} = \"{marker}\" is written by the code but no marker family of schemas/index.json has it: add it to the 'markers' of a marker family (and that family's name to the 'markers' of each event family whose rows carry it).");

    [Fact]
    public void DetectorRuleMarkers_AllHaveTheDetectorsDocumentedForm()
    {
        Assert.All(CorrectionDetector.KnownMarkers, m => Assert.True(CorrectionMarkers.IsMarker(m),
            $"the detector emits {m}, which CorrectionMarkers.IsMarker does not accept: extend CorrectionMarkers (Pattern, Regex, IsMarker) so the store takes it; schemas/index.json reads the detector's pattern from there."));
    }

    [Fact]
    public void CorrectionMarkersRegex_AgreesWithIsMarker()
    {
        var regex = new System.Text.RegularExpressions.Regex(CorrectionMarkers.CorrectionExpression);
        string[] samples = ["corr.strong.1", "corr.weak.5", "corr.opener.2", "corr.strong.de.3", "corr.strong.0", "corr.bad.1", "corr.strong", "corr.strong.d.1", "corr.strong.1000", "x.corr"];

        Assert.All(samples, s => Assert.Equal(regex.IsMatch(s), CorrectionMarkers.IsMarker(s)));
    }

    [Fact]
    public void EventFamilies_MarkersTheyMayCarry_IncludeWhatTheImporterWritesForTheirKinds()
    {
        // The importer's kind and marker pairs (ImportedEventBuilder): each family must name the marker family it writes.
        (string Kind, string Marker)[] written =
        [
            (EventKinds.UserMessage, "corr.strong.1"), (EventKinds.AssistantMessage, ImportedMarkers.UsageMissing),
            (EventKinds.AssistantMessage, ImportedMarkers.ModelRefused), (ImportedKinds.ToolResult, ImportedMarkers.ToolError),
            (ImportedKinds.ApiError, ImportedMarkers.ApiError), (ImportedKinds.UserInterrupt, ImportedMarkers.UserInterrupt),
        ];

        Assert.All(written, w => Assert.Contains(Registry.MarkerFamilyOf(w.Marker)!.Name, Registry.FamilyOfKind(w.Kind).Markers));
    }

    [Fact]
    public void SinkKinds_EachIsARowTypeWithASchema()
    {
        foreach (SinkKind kind in Enum.GetValues<SinkKind>())
        {
            string prefix = SinkFiles.Prefix(kind);
            var type = Registry.RowTypes.FirstOrDefault(t => t.Files.StartsWith(prefix, StringComparison.Ordinal));
            Assert.True(type is not null, $"the store writes {prefix}YYYY-MM.jsonl (SinkKind.{kind}) but schemas/index.json has no row_type whose files are {prefix}YYYY-MM.jsonl: add a row_type, a family with its classes, a store_files entry and schemas/<name>.schema.json.");
            Assert.Contains(type!.SchemaRef, ContractRegistry.SchemaRefs());
            Assert.NotNull(Registry.ClassOfFile(SinkFiles.FileName(kind, Make.Now)));
        }
    }

    [Fact]
    public void Registry_EveryRowTypeHasAFamilyAndEverySchemaIsUsed()
    {
        Assert.All(Registry.RowTypes, t => Assert.Contains(Registry.Families, f => f.RowType == t.Name));
        Assert.All(Registry.Families, f => Assert.Contains(f.SchemaRef, ContractRegistry.SchemaRefs()));
        Assert.All(ContractRegistry.SchemaRefs(), s => Assert.Contains(Registry.RowTypes, t => t.SchemaRef == s));
        Assert.Single(Registry.Families, f => f.KindPattern.Length > 0);
    }

    [Fact]
    public void UserCodes_TheRuleOfTheCode_IsTheRegistrysKindPatternAndMarkerRegex()
    {
        Assert.Equal(UserCodes.Expression, Registry.Families.Single(f => f.KindPattern.Length > 0).KindPattern);
        Assert.Equal(UserCodes.Expression, Registry.MarkerFamilies.Single(m => m.Owner == "users").Pattern);
        var regex = new System.Text.RegularExpressions.Regex(UserCodes.Expression);
        string[] samples = ["x.a", "x.ticket-1", "x.a_b", "x.0123456789abcdef", "x.0123456789abcdefg", "x.", "x.A", "x.a.b", "y.a", "xx.a", "x.a b", "x.é"];

        Assert.All(samples, s => Assert.Equal(regex.IsMatch(s), UserCodes.IsUserCode(s)));
        Assert.All(samples, s => Assert.Equal(regex.IsMatch(s), UserCodes.IsUserCode(Encoding.UTF8.GetBytes(s))));
    }

    [Fact]
    public void EventSchema_KindEnum_IsTheRegistrysKinds()
    {
        using var schema = JsonDocument.Parse(ContractRegistry.SchemaText("event.schema.json"));
        var kind = schema.RootElement.GetProperty("properties").GetProperty("kind").GetProperty("anyOf");
        var listed = kind[0].GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).Order().ToArray();

        Assert.Equal(Registry.Families.SelectMany(f => f.Kinds).Order().ToArray(), listed);
        Assert.Equal(UserCodes.Expression, kind[1].GetProperty("pattern").GetString());
    }

    [Fact]
    public void TurnKinds_KnownWithoutTheRegistry_AreConversationKindsThatCarryCorrections()
    {
        // EventValidator checks these kinds and their corr.* markers without loading the registry (a hook's append).
        foreach (string kind in new[] { EventKinds.UserMessage, EventKinds.AssistantMessage })
        {
            Assert.True(Registry.DeclaresKind(kind));
            Assert.Contains("corr", Registry.FamilyOfKind(kind).Markers);
        }
    }

    [Fact]
    public void Registry_IsTheTopLevelSchemasFolder()
    {
        string dir = Path.Combine(RepositoryRoot(), "schemas");

        Assert.Equal(File.ReadAllText(Path.Combine(dir, "index.json")), Registry.Json);
        Assert.All(ContractRegistry.SchemaRefs(), s => Assert.Equal(File.ReadAllText(Path.Combine(dir, s)), ContractRegistry.SchemaText(s)));
    }

    [Fact]
    public void EventRow_EveryFieldTheWriterCanWrite_IsDeclaredInTheSchema()
    {
        var e = new TelemetryEvent
        {
            Timestamp = Make.Now, SessionId = "s1", System = "sys", Context = "ctx", Role = "user", Kind = EventKinds.UserMessage,
            Model = "m-1", TokensIn = 1, TokensOut = 2, CostUsd = 0.5, Markers = ["corr.strong.1"], CacheReadTokens = 3,
            CacheWriteTokens = 5, CacheWrite1hTokens = 4, Provider = "p", Tier = "cheap", DurationMs = 6, CacheHit = true,
            User = "0123456789abcdef", EventId = "ev-1",
        };
        var plain = new ArrayBufferWriter<byte>();
        var json = new ArrayBufferWriter<byte>();
        RowCodec.WriteEvent(plain, e);
        RowCodec.WriteEventJson(json, e);

        AssertDeclared("event.schema.json", plain.WrittenSpan);
        AssertDeclared("event.schema.json", json.WrittenSpan);
    }

    [Fact]
    public void SessionRow_EveryFieldTheWriterCanWrite_IsDeclaredInTheSchema()
    {
        var s = new SessionSummary
        {
            SessionId = "s1", System = "sys", Context = "ctx", Model = "m", DetectorVersion = 1, Turns = 2, UserTurns = 1, Corrections = 1,
            Events = 3, TokensIn = 4, TokensOut = 5, CostUsd = 0.1, UnpricedEvents = 1, FirstTimestamp = Make.Now, LastTimestamp = Make.Now,
            DurationSeconds = 0, ClosedAt = Make.Now,
        };
        var buffer = new ArrayBufferWriter<byte>();
        RowCodec.WriteSession(buffer, s);

        AssertDeclared("session.schema.json", buffer.WrittenSpan);
    }

    [Fact]
    public void Stores_OfTheFullFixtures_EveryRowValidatesAgainstItsSchema()
    {
        // Capture through the public API with every field, a close, both importers' fixtures, and a merge of it all.
        using var fx = new ImportFixture();
        var store = fx.Store;
        store.Append(
        [
            new TelemetryEvent
            {
                Timestamp = ImportFixture.Later.AddDays(-1), SessionId = "cap-1", System = "router", Context = "work", Role = "user",
                Kind = EventKinds.UserMessage, Markers = [.. CorrectionDetector.Markers("no, that's wrong"), "x.ticket-1"],
            },
            new TelemetryEvent
            {
                Timestamp = ImportFixture.Later.AddDays(-1).AddMinutes(1), SessionId = "cap-1", System = "router", Kind = "llm_call",
                Model = "claude-sonnet-4-5", Provider = "anthropic", Tier = "capable", TokensIn = 10, TokensOut = 5, CacheReadTokens = 7,
                CacheWriteTokens = 3, CacheWrite1hTokens = 1, DurationMs = 900, CacheHit = true, User = store.HashUser("alice"),
            },
        ]);
        store.Close("cap-1");
        var snapshot = new ZosTelemetry.Snapshots.SnapshotBuilder(new ZosTelemetry.Snapshots.SnapshotOptions { System = "router", User = store.HashUser("bob"), SchemaVersion = "v3" }, DateTimeOffset.UtcNow);
        snapshot.Add(new ZosTelemetry.Snapshots.PredictionRecord { Label = "premium", Confidence = 0.9, Suggested = true, Features = new Dictionary<string, double?> { ["len"] = 3, ["lang"] = null } });
        snapshot.Add(new ZosTelemetry.Snapshots.PredictionRecord { Label = "unknown", Confidence = 0.2, Probabilities = [0.2, 0.8] });
        store.AppendSnapshot(snapshot);
        fx.Import(LogSource.ClaudeCode);
        fx.Import(LogSource.Codex);
        var merged = new TelemetryStore(temp.Combine("merged"));
        new StoreMerger(merged).Merge([store.Root]);

        int rows = 0;
        foreach (string root in new[] { store.Root, merged.Root })
        {
            foreach (string file in Directory.EnumerateFiles(root, "*.jsonl"))
            {
                string name = Path.GetFileName(file);
                var type = Registry.RowTypes.SingleOrDefault(t => t.Files.StartsWith(name[..(name.IndexOf('-') + 1)], StringComparison.Ordinal));
                Assert.True(type is not null, $"the store wrote {name}, but no row_type of schemas/index.json has files {name[..(name.IndexOf('-') + 1)]}YYYY-MM.jsonl: add a row_type, a family, a store_files entry and its schema.");
                int line = 0;
                foreach (string text in File.ReadLines(file))
                {
                    line++;
                    var result = Schemas.Value[type!.SchemaRef].Evaluate(JsonNode.Parse(text), new EvaluationOptions { OutputFormat = OutputFormat.List });
                    Assert.True(result.IsValid, $"{name} line {line} does not validate against {type.SchemaRef}: {Errors(result)}");
                    var family = type.Name == RowTypes.Event ? Registry.FamilyOfKind(JsonNode.Parse(text)!["kind"]!.GetValue<string>()) : Registry.FamilyOfRowType(type.Name);
                    Assert.NotNull(family);
                    rows++;
                }
            }
        }

        Assert.True(rows > 50, $"only {rows} rows were checked");
    }

    [Fact]
    public void Schema_RefusesWhatTheValidatorRefuses()
    {
        var schema = Schemas.Value["event.schema.json"];
        string[] bad =
        [
            """{"schema":1,"ts":"2026-06-10T18:00:00Z","session_id":"s1","system":"my pw","kind":"user_message","tokens_in":0,"tokens_out":0,"cost_usd":null,"markers":[]}""",
            """{"schema":1,"ts":"2026-06-10T18:00:00Z","session_id":"s1","system":"a","kind":"user_message","tokens_in":0,"tokens_out":0,"cost_usd":null,"markers":[],"text":"hello"}""",
            """{"schema":1,"ts":"2026-06-10T18:00:00Z","session_id":"s 1","system":"a","kind":"user_message","tokens_in":0,"tokens_out":0,"cost_usd":null,"markers":[]}""",
            """{"schema":1,"ts":"2026-06-10T18:00:00Z","session_id":"s1","system":"a","kind":"user_message","tokens_in":0,"tokens_out":0,"cost_usd":null,"markers":[],"user":"alice"}""",
        ];

        Assert.All(bad, b => Assert.False(schema.Evaluate(JsonNode.Parse(b)).IsValid, b));
    }

    private static void AssertDeclared(string schemaRef, ReadOnlySpan<byte> row)
    {
        using var doc = JsonDocument.Parse(row.ToArray());
        using var schema = JsonDocument.Parse(ContractRegistry.SchemaText(schemaRef));
        var declared = schema.RootElement.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var field in doc.RootElement.EnumerateObject())
        {
            Assert.True(declared.Contains(field.Name), $"the writer writes \"{field.Name}\" but schemas/{schemaRef} does not declare it: add it to 'properties' (with its type and rule), and to the README's store format.");
        }

        var result = Schemas.Value[schemaRef].Evaluate(JsonNode.Parse(row.ToArray()), new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, Errors(result));
    }

    private static string Errors(EvaluationResults result) => string.Join("; ",
        (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));

    private static Dictionary<string, JsonSchema> LoadSchemas()
    {
        var schemas = new Dictionary<string, JsonSchema>(StringComparer.Ordinal);
        foreach (string name in ContractRegistry.SchemaRefs())
        {
            var schema = JsonSchema.FromText(ContractRegistry.SchemaText(name));
            SchemaRegistry.Global.Register(schema);
            schemas[name] = schema;
        }

        return schemas;
    }

    private static TheoryData<string, string> Constants(Func<Type, bool> which)
    {
        var data = new TheoryData<string, string>();
        foreach (var type in Core.GetExportedTypes().Where(t => t.IsClass && t.IsAbstract && t.IsSealed && which(t)))
        {
            foreach (var f in type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(string)))
            {
                data.Add($"{type.Name}.{f.Name}", (string)f.GetRawConstantValue()!);
            }
        }

        return data;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Telemetry.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("No folder above the test assembly contains Telemetry.sln.");
    }
}
