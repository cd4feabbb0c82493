// The usage-accounting commands end to end, as a process: append's usage fields, savings, compare-periods, prune,
// reset, export and --prices. Stores are seeded through the core (faster than one process per event); every run
// gets its own ZOS_HOME, so a developer's ~/.zos/prices.json never changes a result.
using System.Globalization;
using System.Text;
using System.Text.Json;
using ZosTelemetry.Events;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed class UsageCommandsTests : IDisposable
{
    private static readonly DateTimeOffset Recent = DateTimeOffset.UtcNow.AddHours(-2);

    private readonly TempRoot root = new();

    public UsageCommandsTests()
    {
        Home = Path.Combine(root.Parent, "home");
        Directory.CreateDirectory(Home);
    }

    public void Dispose() => root.Dispose();

    private string Home { get; }

    private CliResult Zt(params string[] args) =>
        CliRunner.Run([.. args, "--root", root.Path_], null, new Dictionary<string, string?> { ["ZOS_HOME"] = Home });

    private static TelemetryEvent Call(string session, string model, long tokensIn, long tokensOut, long? cacheRead = null, double? cost = null, DateTimeOffset? ts = null) => new()
    {
        Timestamp = ts ?? Recent,
        SessionId = session,
        System = "claude-code",
        Kind = EventKinds.AssistantMessage,
        Model = model,
        TokensIn = tokensIn,
        TokensOut = tokensOut,
        CacheReadTokens = cacheRead,
        CostUsd = cost,
    };

    /// <summary>
    /// At the shipped list prices (USD per million tokens, input/output/cache read):
    ///   claude-haiku-4-5  (1/5/0.1):  1M in, 100k out, 2M cache reads → 1 + 0.5 + 0.2 = 1.70
    ///   claude-sonnet-4-5 (3/15):     200k in, 20k out                → 0.6 + 0.3     = 0.90
    ///   claude-opus-4-5   (5/25/0.5): 100k in, 10k out, recorded 0.80 → 0.80 (the recorded cost wins)
    ///   in-house-7b: no price                                          → unknown
    /// actual 3.40; baseline at claude-opus-4-5: 8.50 + 1.50 + 0.75 = 10.75; savings 7.35 (68.4%); cache 2M × 0.9 = 1.80.
    /// </summary>
    private void SeedMixedTiers() => new TelemetryStore(root.Path_).Append(
    [
        Call("s1", "claude-haiku-4-5", 1_000_000, 100_000, cacheRead: 2_000_000),
        Call("s1", "claude-sonnet-4-5", 200_000, 20_000),
        Call("s2", "claude-opus-4-5", 100_000, 10_000, cost: 0.80),
        Call("s2", "in-house-7b", 50_000, 5_000),
    ]);

    private byte[][] StoreFiles() => Directory.GetFiles(root.Path_, "*.jsonl").Order().Select(File.ReadAllBytes).ToArray();

    [Fact]
    public void Help_ListsTheUsageCommands()
    {
        var r = CliRunner.Run("--help");

        Assert.All(new[] { "savings", "compare-periods", "prune", "reset", "export", "--cache-read-tokens", "--prices" }, c => Assert.Contains(c, r.Stdout));
    }

    [Fact]
    public void Append_UsageFields_StoredAndUserOnlyAsAHash()
    {
        var r = Zt("append", "--session-id", "s1", "--system", "codex", "--kind", "assistant_message", "--model", "gpt-5",
            "--tokens-in", "10", "--cache-read-tokens", "900", "--cache-write-tokens", "50", "--provider", "openai", "--tier", "capable",
            "--duration-ms", "2340", "--cache-hit", "true", "--user", "alice@example.com");

        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(Assert.Single(root.Lines("events-*.jsonl")));
        var e = doc.RootElement;
        Assert.Equal((900, 50, 2340), (e.GetProperty("cache_read_tokens").GetInt32(), e.GetProperty("cache_write_tokens").GetInt32(), e.GetProperty("duration_ms").GetInt32()));
        Assert.Equal(("openai", "capable", true), (e.GetProperty("provider").GetString(), e.GetProperty("tier").GetString(), e.GetProperty("cache_hit").GetBoolean()));
        Assert.Equal(new ZosTelemetry.Store.TelemetryStore(root.Path_).HashUser("alice@example.com"), e.GetProperty("user").GetString());
        Assert.NotEqual(UserIdentity.Hash(new byte[32], "alice@example.com"), e.GetProperty("user").GetString());
        Assert.DoesNotContain("alice", Encoding.UTF8.GetString(root.AllBytes()));
    }

    [Theory]
    [InlineData("--cache-hit", "yes", "--cache-hit must be true or false")]
    [InlineData("--user", "", "--user needs a non-empty name")]
    [InlineData("--tier", "a b c d", "tier")]
    public void Append_BadUsageField_ExitsTwoWritesNothing(string option, string value, string message)
    {
        var r = Zt("append", "--session-id", "s1", "--system", "codex", "--kind", "assistant_message", option, value);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Stderr);
        Assert.False(Directory.Exists(root.Path_));
    }

    [Fact]
    public void Savings_MixedTiers_PrintsFiguresAReaderCanCheck()
    {
        SeedMixedTiers();

        var r = Zt("savings", "--days", "30");

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Baseline: every call priced at claude-opus-4-5 (premium; the most expensive premium model seen in the window).", r.Stdout);
        Assert.Matches(@"Actual cost\s+\$3\.4000", r.Stdout);
        Assert.Matches(@"Baseline cost\s+\$10\.7500", r.Stdout);
        Assert.Matches(@"Savings\s+\$7\.3500\s+68\.4% of the baseline", r.Stdout);
        Assert.Matches(@"Cache savings\s+\$1\.8000", r.Stdout);
        Assert.Contains("in-house-7b (1)", r.Stdout);
        Assert.Empty(r.Stderr);
    }

    [Fact]
    public void Savings_Json_NamedBaseline()
    {
        SeedMixedTiers();

        // claude-sonnet-4-5 for every call: 3 + 1.5 + 0.6 + 0.6 + 0.3 + 0.3 + 0.15 = 6.45
        var r = Zt("savings", "--json", "--baseline-model", "anthropic/claude-sonnet-4-5-20250929");

        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.Equal("claude-sonnet-4-5", doc.RootElement.GetProperty("baseline").GetProperty("model").GetString());
        Assert.Equal(6.45, doc.RootElement.GetProperty("baseline_cost_usd").GetDouble(), 10);
        Assert.Equal(3.4, doc.RootElement.GetProperty("actual_cost_usd").GetDouble(), 10);
        Assert.Equal(1, doc.RootElement.GetProperty("unknown_price_calls").GetInt32());
    }

    [Fact]
    public void Savings_ZosHomePricesJson_PricesTheUnknownModel()
    {
        SeedMixedTiers();
        File.WriteAllText(Path.Combine(Home, "prices.json"), """{"models": {"in-house-7b": {"tier": "cheap", "input": 0.1, "output": 0.2}}}""");

        var r = Zt("savings", "--json");

        // + 0.005 + 0.001 actual; + 0.25 + 0.125 at claude-opus-4-5
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.Equal(3.406, doc.RootElement.GetProperty("actual_cost_usd").GetDouble(), 10);
        Assert.Equal(11.125, doc.RootElement.GetProperty("baseline_cost_usd").GetDouble(), 10);
        Assert.Equal(0, doc.RootElement.GetProperty("unknown_price_calls").GetInt32());
    }

    [Fact]
    public void Savings_ExplicitPricesFile_WinsOverTheShippedTable()
    {
        SeedMixedTiers();
        string file = Path.Combine(root.Parent, "team-prices.json");
        File.WriteAllText(file, """{"models": {"claude-opus-4-5": {"tier": "premium", "input": 15, "output": 75, "cache_read": 1.5}}}""");

        var r = Zt("savings", "--json", "--prices", file);

        // baseline at 15/75/1.5: 15 + 7.5 + 3 + 3 + 1.5 + 1.5 + 0.75 = 32.25
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.Equal(32.25, doc.RootElement.GetProperty("baseline_cost_usd").GetDouble(), 10);
    }

    [Theory]
    [InlineData("--baseline-model", "gpt-17", "'gpt-17' has no price")]
    [InlineData("--prices", "missing.json", "Cannot read the price file")]
    [InlineData("--since", "yesterday", "--since must be an ISO-8601 date")]
    public void Savings_BadOption_ExitsTwoWithOneLine(string option, string value, string message)
    {
        SeedMixedTiers();

        var r = Zt("savings", option, value);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Stderr);
        Assert.Empty(r.Stdout);
    }

    [Fact]
    public void ComparePeriods_Json_ChangesPerDay()
    {
        var store = new TelemetryStore(root.Path_);
        store.Append([Call("s1", "claude-haiku-4-5", 1_000_000, 0), Call("s2", "claude-haiku-4-5", 1_000_000, 0, ts: DateTimeOffset.UtcNow.AddDays(-20))]);

        var r = Zt("compare-periods", "--period1", "7", "--period2", "30", "--json");

        // calls: 1 in 7 days vs 2 in 30 → per day 1/7 vs 2/30 → +114.29%
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var calls = doc.RootElement.GetProperty("metrics")[0];
        Assert.Equal(("calls", 1, 2), (calls.GetProperty("metric").GetString(), calls.GetProperty("period1").GetInt32(), calls.GetProperty("period2").GetInt32()));
        Assert.Equal(100 * ((1.0 / 7) - (2.0 / 30)) / (2.0 / 30), calls.GetProperty("change").GetDouble(), 3);
    }

    [Fact]
    public void ComparePeriods_Text_DefaultsToSevenAgainstThirty()
    {
        SeedMixedTiers();

        var r = Zt("compare-periods");

        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("Last 7 days vs last 30 days", r.Stdout);
        Assert.Matches(@"Cache hit rate\s+100\.0%\s+100\.0%\s+0\.0 pp", r.Stdout);
    }

    [Fact]
    public void ComparePeriods_SameLength_ExitsTwo()
    {
        var r = Zt("compare-periods", "--period1", "7", "--period2", "7");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("two different lengths", r.Stderr);
    }

    [Fact]
    public void Prune_DryRunThenReal_RemovesOnlyRowsOlderThanTheHorizon()
    {
        var now = DateTimeOffset.UtcNow;
        new TelemetryStore(root.Path_).Append([Call("old", "gpt-5", 1, 1, ts: now.AddDays(-200)), Call("edge", "gpt-5", 1, 1, ts: now.AddDays(-31)), Call("new", "gpt-5", 1, 1, ts: now.AddDays(-29))]);
        var before = StoreFiles();

        var dry = Zt("prune", "--older-than", "30", "--dry-run");

        Assert.Equal(0, dry.ExitCode);
        Assert.StartsWith("prune: would remove 2 event(s)", dry.Stdout);
        Assert.Equal(before, StoreFiles());

        var real = Zt("prune", "--older-than", "30");

        Assert.Equal(0, real.ExitCode);
        Assert.StartsWith("prune: removed 2 event(s)", real.Stdout);
        Assert.Equal(["new"], new TelemetryStore(root.Path_).ReadEvents().Select(e => e.SessionId));
    }

    [Theory]
    [InlineData(new string[0], "--older-than is required")]
    [InlineData(new[] { "--older-than", "0" }, "1 day or more")]
    [InlineData(new[] { "--older-than", "2999-01-01" }, "in the future")]
    public void Prune_BadHorizon_ExitsTwoChangesNothing(string[] options, string message)
    {
        SeedMixedTiers();
        var before = StoreFiles();

        var r = Zt(["prune", .. options]);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Stderr);
        Assert.Equal(before, StoreFiles());
    }

    [Fact]
    public void Reset_WithoutConfirm_SaysWhatAndRemovesNothing()
    {
        SeedMixedTiers();
        var before = StoreFiles();

        var r = Zt("reset");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("reset would remove 4 row(s)", r.Stderr);
        Assert.Contains("nothing was removed", r.Stderr);
        Assert.Equal(before, StoreFiles());
    }

    [Fact]
    public void Reset_Confirm_RemovesEverySinkAndCountsTheRows()
    {
        SeedMixedTiers();
        Assert.Equal(0, Zt("close", "--session-id", "s1").ExitCode);

        var r = Zt("reset", "--confirm");

        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("reset: removed 5 row(s) (4 event(s), 1 session row(s)) in 2 file(s)", r.Stdout);
        Assert.Empty(Directory.GetFiles(root.Path_, "*.jsonl"));
    }

    [UnixFact]
    public void Reset_StoreLockedByAnotherWriter_ExitsFourRemovesNothing()
    {
        SeedMixedTiers();
        var before = StoreFiles();
        using (new FileStream(Path.Combine(root.Path_, ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            var r = Zt("reset", "--confirm");

            Assert.Equal(4, r.ExitCode);
            Assert.Contains("locked by another writer", r.Stderr);
        }

        Assert.Equal(before, StoreFiles());
    }

    [Fact]
    public void Export_Csv_ColumnsParseBackToTheStoredNumbers()
    {
        SeedMixedTiers();

        var r = Zt("export", "--format", "csv");

        Assert.Equal(0, r.ExitCode);
        var lines = r.Stdout.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        string[] header = lines[0].Split(',');
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        string Cell(int row, string column) => rows[row][Array.IndexOf(header, column)];
        Assert.Equal(4, rows.Count);
        Assert.Equal(1_000_000, long.Parse(Cell(0, "tokens_in"), CultureInfo.InvariantCulture));
        Assert.Equal(2_000_000, long.Parse(Cell(0, "cache_read_tokens"), CultureInfo.InvariantCulture));
        Assert.Equal(1.7, double.Parse(Cell(0, "cost_usd"), CultureInfo.InvariantCulture), 10);
        Assert.Equal((0.8, "recorded"), (double.Parse(Cell(2, "cost_usd"), CultureInfo.InvariantCulture), Cell(2, "cost_source")));
        Assert.Equal(("", "unknown"), (Cell(3, "cost_usd"), Cell(3, "cost_source")));
        Assert.Equal(Recent.ToUnixTimeSeconds(), DateTimeOffset.Parse(Cell(0, "ts"), CultureInfo.InvariantCulture).ToUnixTimeSeconds());
    }

    [Fact]
    public void Export_SessionsToAFile_WritesAJsonArrayAndSaysWhere()
    {
        SeedMixedTiers();
        Assert.Equal(0, Zt("close", "--session-id", "s2").ExitCode);
        string file = Path.Combine(root.Parent, "sessions.json");

        var r = Zt("export", "--kind", "sessions", "--format", "json", "--output", file);

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("1 session row(s) written to", r.Stdout);
        using var doc = JsonDocument.Parse(File.ReadAllText(file));
        var s = Assert.Single(doc.RootElement.EnumerateArray());
        Assert.Equal(("s2", 0.8, 1), (s.GetProperty("session_id").GetString(), s.GetProperty("cost_usd").GetDouble(), s.GetProperty("unpriced_events").GetInt32()));
    }

    [Theory]
    [InlineData("--format", "xlsx", "csv, json or jsonl")]
    [InlineData("--kind", "turns", "events, sessions, snapshots or alerts")]
    public void Export_BadChoice_ExitsTwo(string option, string value, string message)
    {
        var r = Zt("export", option, value);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Stderr);
    }

    [Fact]
    public void Close_WithPrices_PricesTheMissingCost()
    {
        SeedMixedTiers();
        string file = Path.Combine(root.Parent, "p.json");
        File.WriteAllText(file, """{"models": {"in-house-7b": {"input": 2, "output": 2}}}""");

        var r = Zt("close", "--session-id", "s2", "--prices", file);

        // 0.80 recorded + (50k + 5k) × 2 per million = 0.91
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.Equal(0.91, doc.RootElement.GetProperty("cost_usd").GetDouble(), 10);
        Assert.False(doc.RootElement.TryGetProperty("unpriced_events", out _));
    }
}
