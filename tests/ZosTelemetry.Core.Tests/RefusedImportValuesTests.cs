// A log value the store refuses (a sentence as Codex's session id or model, say) is kept nowhere: not in an event row,
// not in import-state.json (the Codex cursor), not in a warning and not among the unpriced models. It is replaced by
// a digest, the same for the same value, so its session still groups and its model still counts.
using System.Text;
using ZosTelemetry.Events;
using ZosTelemetry.Import;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed class RefusedImportValuesTests : IDisposable
{
    private const string Sentence = "Canaryword please keep my secret plan about the merger quiet";
    private const string ModelSentence = "my-canaryword-model-that-tells-the-whole-story-of-my-day";

    private readonly TempRoot temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void ImportCodex_SentenceAsSessionIdAndModel_KeptNowhereOnlyDigests()
    {
        string logs = temp.Combine("logs");
        Directory.CreateDirectory(logs);
        // 1.2 MB of sentence, as in the report that found it: the state file grew by twice that.
        string longId = string.Concat(Enumerable.Repeat(Sentence + " ", 20_000));
        File.WriteAllText(Path.Combine(logs, "rollout-2025-10-01T10-00-00-x.jsonl"), string.Join('\n',
            $$$"""{"timestamp":"2025-10-01T10:00:00.000Z","type":"session_meta","payload":{"id":"{{{longId}}}","timestamp":"2025-10-01T10:00:00.000Z"}}""",
            $$$"""{"timestamp":"2025-10-01T10:00:01.000Z","type":"turn_context","payload":{"model":"{{{ModelSentence}}}"}}""",
            """{"timestamp":"2025-10-01T10:00:02.000Z","type":"event_msg","payload":{"type":"user_message","message":"hello","kind":"plain"}}""",
            """{"timestamp":"2025-10-01T10:00:03.000Z","type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"input_tokens":100,"cached_input_tokens":0,"output_tokens":10,"reasoning_output_tokens":0,"total_tokens":110},"last_token_usage":{"input_tokens":100,"cached_input_tokens":0,"output_tokens":10,"reasoning_output_tokens":0,"total_tokens":110}}}}""") + "\n");
        var warnings = new StringBuilder();
        var store = new TelemetryStore(temp.Combine("store"));

        var result = LogImporter.Import(store, new ImportOptions
        {
            Source = LogSource.Codex, Paths = [logs], Environment = new LogEnvironment(null, null, null),
            Clock = () => new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), Warning = w => warnings.AppendLine(w),
        });

        string stored = string.Concat(Directory.EnumerateFiles(store.Root, "*", SearchOption.AllDirectories).Select(File.ReadAllText));
        Assert.DoesNotContain("anaryword", stored, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("anaryword", warnings.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.All(result.UnpricedModels.Keys, m => Assert.DoesNotContain("anaryword", m, StringComparison.OrdinalIgnoreCase));
        Assert.True(new FileInfo(Path.Combine(store.Root, ImportState.FileName)).Length < 10_000);
        var events = store.ReadEvents().ToList();
        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.StartsWith("cx-", e.SessionId, StringComparison.Ordinal));
        var response = Assert.Single(events, e => e.Kind == EventKinds.AssistantMessage);
        Assert.Null(response.Model);
        Assert.Contains(ImportedMarkers.ModelRefused, response.Markers);
        Assert.StartsWith(RefusedValues.ModelPrefix, Assert.Single(result.UnpricedModels.Keys), StringComparison.Ordinal);
    }

    [Fact]
    public void SessionId_ProseLikeButValidCharacters_IsDigested()
    {
        string id = RefusedValues.SessionId(LogSources.ClaudeCodeSystem, "please-fix-the-login-bug-before-friday");

        Assert.Matches("^cc-[0-9a-f]{24}$", id);
        Assert.Equal(id, RefusedValues.SessionId(LogSources.ClaudeCodeSystem, "please-fix-the-login-bug-before-friday"));
    }

    [Theory]
    [InlineData("0199a3f0-1c2d-7e4f-8a9b-00000000c001")]
    [InlineData("claude-sonnet-4-5-20250929")]
    public void SessionId_NameOrUuid_IsKept(string id) => Assert.Equal(id, RefusedValues.SessionId(LogSources.CodexSystem, id));

    [Fact]
    public void Model_Refused_IsTheSameDigestEachTime()
    {
        Assert.Equal(RefusedValues.Model(ModelSentence), RefusedValues.Model(ModelSentence));
        Assert.Equal("gpt-5-codex", RefusedValues.Model("gpt-5-codex"));
        Assert.Matches("^refused:[0-9a-f]{16}$", RefusedValues.Model("/home/alice/models/x")!);
    }
}
