// export --otlp and the core's OtlpExporter against a real OTLP/HTTP receiver (OtlpReceiver): what arrives is decoded
// with classes generated from the official opentelemetry-proto files and checked name by name, attribute by
// attribute, value by value, with units and temporality, against docs/otlp.md's table and the stored summaries.
using System.Text;
using System.Text.Json;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Metrics.V1;
using ZosTelemetry.Cli;
using ZosTelemetry.Contracts;
using ZosTelemetry.Otlp;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests.Otlp;

public sealed class OtlpExportTests : IDisposable
{
    private readonly TempRoot temp = new();
    private readonly OtlpReceiver receiver = new();

    public void Dispose()
    {
        receiver.Dispose();
        temp.Dispose();
    }

    private string Root => temp.Path_;

    private (int Code, string Out, string Err) Cli(string? stdin, params string[] args)
    {
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(stdin ?? ""));
        using var output = new MemoryStream();
        using var errors = new MemoryStream();
        int code = CliApp.Run(args, input, output, errors);
        return (code, Encoding.UTF8.GetString(output.ToArray()), Encoding.UTF8.GetString(errors.ToArray()));
    }

    private void Ok(string? stdin, params string[] args)
    {
        var r = Cli(stdin, [.. args, "--root", Root]);
        Assert.True(r.Code == 0, $"{string.Join(' ', args)}: exit {r.Code}: {r.Err}");
    }

    private static string Ts(int second) => new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero).AddSeconds(second).ToString("yyyy-MM-ddTHH:mm:ssZ");

    /// <summary>s1: claude-code, alice, a correction, 1000/200 tokens, $0.05, three failed bash results (a loop alert); s2: codex, bob.</summary>
    private void SeedTwoSessions()
    {
        string[] s1 = ["--session-id", "s1", "--system", "claude-code", "--user", "alice"];
        Ok("no, that's wrong, use the other file", ["append", .. s1, "--kind", "user_message", "--role", "user", "--ts", Ts(0), "--mark-stdin"]);
        Ok(null, ["append", .. s1, "--kind", "assistant_message", "--role", "assistant", "--ts", Ts(10), "--model", "claude-sonnet-4-5",
            "--provider", "anthropic", "--tokens-in", "1000", "--tokens-out", "200", "--cost-usd", "0.05"]);
        for (int i = 0; i < 3; i++)
        {
            Ok(null, ["append", .. s1, "--kind", "tool_result", "--ts", Ts(20 + i), "--tool", "bash", "--ok", "false"]);
        }

        Ok(null, "close", "--session-id", "s1", "--loop-calls", "3");

        string[] s2 = ["--session-id", "s2", "--system", "codex", "--user", "bob"];
        Ok(null, ["append", .. s2, "--kind", "user_message", "--role", "user", "--ts", Ts(100)]);
        Ok(null, ["append", .. s2, "--kind", "assistant_message", "--role", "assistant", "--ts", Ts(130), "--model", "gpt-5",
            "--provider", "openai", "--tokens-in", "500", "--tokens-out", "50", "--cost-usd", "0.02"]);
        Ok(null, "close", "--session-id", "s2");
    }

    private static Dictionary<string, object?> Attributes(IEnumerable<KeyValue> kvs) => kvs.ToDictionary(kv => kv.Key, kv => kv.Value.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => (object?)kv.Value.StringValue,
        AnyValue.ValueOneofCase.IntValue => kv.Value.IntValue,
        AnyValue.ValueOneofCase.DoubleValue => kv.Value.DoubleValue,
        AnyValue.ValueOneofCase.BoolValue => kv.Value.BoolValue,
        _ => null,
    });

    private static ResourceMetrics ResourceOf(ExportMetricsServiceRequest request, string system) =>
        Assert.Single(request.ResourceMetrics, r => Attributes(r.Resource.Attributes)["zos.system"] as string == system);

    private static Metric MetricOf(ResourceMetrics r, string name) => Assert.Single(Assert.Single(r.ScopeMetrics).Metrics, m => m.Name == name);

    private static HistogramDataPoint OnePoint(ResourceMetrics r, string name, string unit)
    {
        var m = MetricOf(r, name);
        Assert.Equal(unit, m.Unit);
        Assert.Equal(Metric.DataOneofCase.Histogram, m.DataCase);
        Assert.Equal(AggregationTemporality.Delta, m.Histogram.AggregationTemporality);
        var p = Assert.Single(m.Histogram.DataPoints);
        Assert.Equal(1UL, p.Count); // one session, one observation
        Assert.Equal(p.Count, p.BucketCounts.Aggregate(0UL, (a, b) => a + b));
        Assert.Equal(p.ExplicitBounds.Count + 1, p.BucketCounts.Count);
        Assert.Equal(p.Sum, p.Min);
        Assert.Equal(p.Sum, p.Max);
        return p;
    }

    [Fact]
    public void ExportOtlp_TwoClosedSessions_ArriveAsDocumentedMetrics()
    {
        SeedTwoSessions();
        var store = new TelemetryStore(Root);
        var s1 = store.ReadSessions().Single(s => s.SessionId == "s1");
        var before = DateTimeOffset.UtcNow;

        var run = CliRunner.Run("export", "--otlp", receiver.Endpoint, "--root", Root, "--json");

        Assert.True(run.ExitCode == 0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(2, json.RootElement.GetProperty("sessions").GetInt64());
        Assert.Equal(1, json.RootElement.GetProperty("requests").GetInt64());
        Assert.Equal($"{receiver.Endpoint}/v1/metrics", json.RootElement.GetProperty("endpoint").GetString());
        var request = Assert.Single(receiver.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/metrics", request.Path);
        Assert.Equal("application/x-protobuf", request.ContentType);
        Assert.Equal(json.RootElement.GetProperty("bytes").GetInt64(), request.Body.Length);
        var decoded = request.Decode();
        Assert.Equal(2, decoded.ResourceMetrics.Count);

        var claude = ResourceOf(decoded, "claude-code");
        var resource = Attributes(claude.Resource.Attributes);
        Assert.Equal("zos-telemetry", resource["service.name"]);
        Assert.Equal(store.LookupUserHash("alice"), resource["user.hash"]);
        Assert.DoesNotContain(resource.Values, v => v is string s && s.Contains("alice", StringComparison.Ordinal));
        Assert.Equal(store.LookupUserHash("bob"), Attributes(ResourceOf(decoded, "codex").Resource.Attributes)["user.hash"]);
        Assert.Equal("ZosTelemetry", Assert.Single(claude.ScopeMetrics).Scope.Name);

        var tokens = MetricOf(claude, "gen_ai.client.token.usage");
        Assert.Equal("{token}", tokens.Unit);
        Assert.Equal(AggregationTemporality.Delta, tokens.Histogram.AggregationTemporality);
        Assert.Equal(SessionMetricMapping.TokenBounds, tokens.Histogram.DataPoints[0].ExplicitBounds);
        var byType = tokens.Histogram.DataPoints.ToDictionary(p => (string)Attributes(p.Attributes)["gen_ai.token.type"]!);
        Assert.Equal(["input", "output"], byType.Keys.Order());
        Assert.Equal(1000, byType["input"].Sum);
        Assert.Equal(200, byType["output"].Sum);
        var attributes = Attributes(byType["input"].Attributes);
        Assert.Equal("chat", attributes["gen_ai.operation.name"]);
        Assert.Equal("anthropic", attributes["gen_ai.provider.name"]);
        Assert.Equal("claude-sonnet-4-5", attributes["gen_ai.request.model"]);

        Assert.True(s1.Corrections >= 1, "the seed's correction was not detected: the test would prove little");
        Assert.Equal(s1.Corrections, OnePoint(claude, "zos.session.corrections", "{correction}").Sum);
        Assert.Equal(s1.Turns, OnePoint(claude, "zos.session.turns", "{turn}").Sum);
        Assert.Equal(s1.UserTurns, OnePoint(claude, "zos.session.user_turns", "{turn}").Sum);
        Assert.Equal(0.05, OnePoint(claude, "zos.session.cost", "USD").Sum, 9);
        Assert.Equal(s1.DurationSeconds, OnePoint(claude, "zos.session.duration", "s").Sum);
        Assert.Equal(3, OnePoint(claude, "zos.session.tool_failures", "{failure}").Sum);
        Assert.Equal(3, OnePoint(claude, "zos.session.tool_calls", "{call}").Sum);
        Assert.Equal(1, OnePoint(claude, "zos.session.alerts", "{alert}").Sum);
        var corrections = OnePoint(claude, "zos.session.corrections", "{correction}");
        Assert.Equal("claude-sonnet-4-5", Attributes(corrections.Attributes)["gen_ai.request.model"]);

        var alerts = MetricOf(claude, "zos.alerts");
        Assert.Equal("{alert}", alerts.Unit);
        Assert.True(alerts.Sum.IsMonotonic);
        Assert.Equal(AggregationTemporality.Delta, alerts.Sum.AggregationTemporality);
        var loop = Assert.Single(alerts.Sum.DataPoints);
        Assert.Equal(1, loop.AsInt);
        Assert.Equal("loop", Attributes(loop.Attributes)["zos.alert.type"]);
        Assert.Equal("warning", Attributes(loop.Attributes)["zos.alert.severity"]);

        // One delta interval for the request: from the first activity to the send.
        var codex = ResourceOf(decoded, "codex");
        Assert.Equal(500, MetricOf(codex, "gen_ai.client.token.usage").Histogram.DataPoints.Single(p => (string)Attributes(p.Attributes)["gen_ai.token.type"]! == "input").Sum);
        Assert.DoesNotContain(Assert.Single(codex.ScopeMetrics).Metrics, m => m.Name == "zos.alerts");
        ulong start = corrections.StartTimeUnixNano, time = corrections.TimeUnixNano;
        Assert.Equal((ulong)(DateTimeOffset.Parse(Ts(0)).ToUnixTimeMilliseconds() * 1_000_000), start);
        Assert.InRange(time, (ulong)before.ToUnixTimeMilliseconds() * 1_000_000, (ulong)DateTimeOffset.UtcNow.AddSeconds(1).ToUnixTimeMilliseconds() * 1_000_000);
        Assert.All(decoded.ResourceMetrics.SelectMany(r => r.ScopeMetrics).SelectMany(s => s.Metrics), m =>
            Assert.All(m.DataCase == Metric.DataOneofCase.Sum ? m.Sum.DataPoints.Select(p => (p.StartTimeUnixNano, p.TimeUnixNano)) : m.Histogram.DataPoints.Select(p => (p.StartTimeUnixNano, p.TimeUnixNano)),
                t => Assert.Equal((start, time), t)));
    }

    [Fact]
    public void ExportOtlp_SecondRun_SendsNothing()
    {
        SeedTwoSessions();
        var first = Cli(null, "export", "--otlp", receiver.Endpoint, "--root", Root);
        Assert.Equal(0, first.Code);
        Assert.Contains("2 session(s) sent", first.Out);
        var time = receiver.Requests.Single().Decode().ResourceMetrics[0].ScopeMetrics[0].Metrics[0].Histogram.DataPoints[0].TimeUnixNano;

        var second = Cli(null, "export", "--otlp", receiver.Endpoint, "--root", Root, "--json");

        Assert.Equal(0, second.Code);
        Assert.Single(receiver.Requests);
        using var json = JsonDocument.Parse(second.Out);
        Assert.Equal(0, json.RootElement.GetProperty("sessions").GetInt64());
        Assert.Equal(2, json.RootElement.GetProperty("already_sent").GetInt64());
        Assert.Equal(0, json.RootElement.GetProperty("requests").GetInt64());

        // A third session goes alone, its interval starting where the last accepted request's ended.
        Ok(null, "append", "--session-id", "s3", "--system", "codex", "--kind", "user_message", "--ts", Ts(300));
        Ok(null, "close", "--session-id", "s3");
        Assert.Equal(0, Cli(null, "export", "--otlp", receiver.Endpoint, "--root", Root).Code);
        var third = receiver.Requests.Last().Decode();
        var point = Assert.Single(ResourceOf(third, "codex").ScopeMetrics).Metrics.Single(m => m.Name == "zos.session.turns").Histogram.DataPoints.Single();
        Assert.Equal(1UL, point.Count);
        Assert.Equal(time, point.StartTimeUnixNano);
    }

    [Fact]
    public void ExportOtlp_SessionClosedAgain_LatestRowBeforeExportOnceAfter()
    {
        Ok(null, "append", "--session-id", "s1", "--system", "codex", "--kind", "user_message", "--ts", Ts(0));
        Ok(null, "close", "--session-id", "s1");
        Ok(null, "append", "--session-id", "s1", "--system", "codex", "--kind", "user_message", "--ts", Ts(5));
        Ok(null, "close", "--session-id", "s1"); // latest row: two turns

        Assert.Equal(0, Cli(null, "export", "--otlp", receiver.Endpoint, "--root", Root).Code);
        var turns = ResourceOf(receiver.Requests.Single().Decode(), "codex").ScopeMetrics[0].Metrics.Single(m => m.Name == "zos.session.turns").Histogram.DataPoints.Single();
        Assert.Equal(2, turns.Sum);
        Assert.Equal(1UL, turns.Count);

        Ok(null, "append", "--session-id", "s1", "--system", "codex", "--kind", "user_message", "--ts", Ts(9));
        Ok(null, "close", "--session-id", "s1");
        var after = Cli(null, "export", "--otlp", receiver.Endpoint, "--root", Root, "--json");

        Assert.Equal(0, after.Code);
        Assert.Single(receiver.Requests);
        using var json = JsonDocument.Parse(after.Out);
        Assert.Equal(1, json.RootElement.GetProperty("reclosed_after_export").GetInt64());
        Assert.Equal(0, json.RootElement.GetProperty("sessions").GetInt64());
    }

    [Fact]
    public void ExportOtlp_ReceiverRefuses_Exit5NothingRecordedNextExportSends()
    {
        SeedTwoSessions();
        receiver.Then(new Reply(400, OtlpReceiver.Status(3, "metric name invalid")));

        var refused = Cli(null, "export", "--otlp", receiver.Endpoint, "--root", Root);

        Assert.Equal(ExitCodes.Receiver, refused.Code);
        Assert.Equal("", refused.Out);
        string line = Assert.Single(refused.Err.TrimEnd('\n').Split('\n'));
        Assert.Contains("400", line);
        Assert.Contains("metric name invalid", line);
        Assert.Contains("0 session(s) were sent before", line);
        Assert.Single(receiver.Requests); // a 400 is not retried
        Assert.False(File.Exists(Path.Combine(Root, OtlpCursor.FileName)));

        Assert.Equal(0, Cli(null, "export", "--otlp", receiver.Endpoint, "--root", Root).Code);
        Assert.Equal(2, receiver.Requests.Count);
        Assert.Equal(2, receiver.Requests.Last().Decode().ResourceMetrics.Count);
    }

    [Fact]
    public void ExportOtlp_ThrottledWithRetryAfter_RetriesTheSameRequest()
    {
        SeedTwoSessions();
        receiver.Then(new Reply(429, RetryAfter: "0"), new Reply(503, RetryAfter: "0"));

        var r = Cli(null, "export", "--otlp", receiver.Endpoint, "--root", Root, "--json");

        Assert.Equal(0, r.Code);
        Assert.Equal(3, receiver.Requests.Count);
        Assert.Single(receiver.Requests.Select(q => Convert.ToBase64String(q.Body)).Distinct());
        using var json = JsonDocument.Parse(r.Out);
        Assert.Equal(1, json.RootElement.GetProperty("requests").GetInt64());
    }

    [Fact]
    public void ExportOtlp_UnavailableBeyondRetries_Exit5AfterFourAttempts()
    {
        SeedTwoSessions();
        receiver.Then([.. Enumerable.Repeat(new Reply(503, RetryAfter: "0"), 4)]);

        var r = Cli(null, "export", "--otlp", receiver.Endpoint, "--root", Root);

        Assert.Equal(ExitCodes.Receiver, r.Code);
        Assert.Equal(4, receiver.Requests.Count);
        Assert.Contains("503", r.Err);
        Assert.Contains("after 4 attempts", r.Err);
        Assert.False(File.Exists(Path.Combine(Root, OtlpCursor.FileName)));
    }

    [Fact]
    public void ExportOtlp_RetryAfterLongerThanTheLimit_FailsAtOnce()
    {
        SeedTwoSessions();
        receiver.Then(new Reply(429, RetryAfter: "3600"));

        var r = Cli(null, "export", "--otlp", receiver.Endpoint, "--root", Root);

        Assert.Equal(ExitCodes.Receiver, r.Code);
        Assert.Single(receiver.Requests);
        Assert.Contains("429", r.Err);
    }

    [Fact]
    public void ExportOtlp_PartialSuccess_WarnsAndDoesNotResend()
    {
        SeedTwoSessions();
        receiver.Then(new Reply(200, OtlpReceiver.PartialSuccess(3, "three points too old")));

        var r = Cli(null, "export", "--otlp", receiver.Endpoint, "--root", Root, "--json");

        Assert.Equal(0, r.Code);
        Assert.Contains("warning: the receiver rejected 3 data point(s): three points too old", r.Err);
        using var json = JsonDocument.Parse(r.Out);
        Assert.Equal(3, json.RootElement.GetProperty("rejected_data_points").GetInt64());
        Assert.Equal("three points too old", json.RootElement.GetProperty("receiver_message").GetString());
        Assert.Equal(0, Cli(null, "export", "--otlp", receiver.Endpoint, "--root", Root).Code);
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public void Export_FailureAfterAnAcceptedBatch_RecordsOnlyTheAcceptedSessions()
    {
        SeedTwoSessions();
        receiver.Then(new Reply(200), new Reply(500));
        var exporter = new OtlpExporter(new TelemetryStore(Root), new OtlpExportOptions { BatchSize = 1 });

        var failure = Assert.Throws<OtlpExportException>(() => exporter.Export(receiver.Endpoint));

        Assert.Equal(500, failure.StatusCode);
        Assert.Equal(1, failure.SessionsSent);
        Assert.Contains("1 session(s) were sent before", failure.Message);
        var cursor = OtlpCursor.Load(Root);
        Assert.Equal(1, cursor.Count);
        Assert.NotNull(cursor.SentAt("s1")); // the older close goes first
        Assert.Null(cursor.SentAt("s2"));

        var rest = exporter.Export(receiver.Endpoint);
        Assert.Equal(1, rest.Sessions);
        Assert.Equal(1, rest.AlreadySent);
        Assert.Equal("codex", Attributes(Assert.Single(receiver.Requests.Last().Decode().ResourceMetrics).Resource.Attributes)["zos.system"]);
    }

    [Fact]
    public void Export_JournalOfAKilledExport_IsReplayedATornLastLineIgnoredAndFoldedIn()
    {
        SeedTwoSessions();
        var store = new TelemetryStore(Root);
        var sessions = store.StreamSessions(new SessionQuery()).OrderBy(s => s.SessionId, StringComparer.Ordinal).ToList();

        // What a killed export leaves: s1 accepted and journalled, then a line cut short while s2's was written.
        var killed = OtlpCursor.Load(Root);
        killed.MarkSent(Root, [sessions[0]], 1_800_000_000_000_000_000);
        string journal = Path.Combine(Root, OtlpCursor.JournalName);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(journal));
        }

        File.AppendAllText(journal, "{\"last_sent_unix_nano\":1800000000000000001,\"sessions\":{\"s2\":\"2026-11");
        Assert.False(File.Exists(Path.Combine(Root, OtlpCursor.FileName)));

        var replayed = OtlpCursor.Load(Root);
        Assert.True(replayed.HasJournal);
        Assert.Equal(1, replayed.Count);
        Assert.Equal(sessions[0].ClosedAt, replayed.SentAt("s1"));
        Assert.Equal(1_800_000_000_000_000_000UL, replayed.LastSentUnixNano);

        var result = new OtlpExporter(store).Export(receiver.Endpoint);

        Assert.Equal(1, result.Sessions); // s2 goes again: its line never finished, so it is not known to be accepted
        Assert.Equal(1, result.AlreadySent);
        Assert.Equal("codex", Attributes(Assert.Single(Assert.Single(receiver.Requests).Decode().ResourceMetrics).Resource.Attributes)["zos.system"]);
        Assert.False(File.Exists(journal));
        var folded = OtlpCursor.Load(Root);
        Assert.False(folded.HasJournal);
        Assert.Equal(2, folded.Count);
        Assert.Equal(0, new OtlpExporter(store).Export(receiver.Endpoint).Sessions);
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public void Export_DamagedLineInsideTheJournal_StopsTheExportAndKeepsTheJournal()
    {
        SeedTwoSessions();
        string journal = Path.Combine(Root, OtlpCursor.JournalName);
        File.WriteAllText(journal, "{\"last_sent_unix_nano\":1,\"sessions\":{\"s1\":\"garbage\"}}\n");

        var failure = Assert.Throws<StoreException>(() => new OtlpExporter(new TelemetryStore(Root)).Export(receiver.Endpoint));

        Assert.Contains("is damaged", failure.Message);
        Assert.Contains(OtlpCursor.JournalName, failure.Message);
        Assert.Empty(receiver.Requests);
        Assert.True(File.Exists(journal));
    }

    [Fact]
    public void Export_ManyRequests_EachAcceptedOneJournalledAndTheCursorWrittenOnce()
    {
        SeedTwoSessions();
        var exporter = new OtlpExporter(new TelemetryStore(Root), new OtlpExportOptions { BatchSize = 1 });

        var result = exporter.Export(receiver.Endpoint);

        Assert.Equal(2, result.Requests);
        Assert.False(File.Exists(Path.Combine(Root, OtlpCursor.JournalName)));
        using var cursor = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Root, OtlpCursor.FileName)));
        Assert.Equal(1, cursor.RootElement.GetProperty("version").GetInt32());
        Assert.Equal(["s1", "s2"], cursor.RootElement.GetProperty("sessions").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Export_UnreachableReceiver_ThrowsAfterRetriesWithoutRecording()
    {
        SeedTwoSessions();
        int closedPort = receiver.Port;
        receiver.Dispose();
        var exporter = new OtlpExporter(new TelemetryStore(Root), new OtlpExportOptions { RetryDelay = TimeSpan.FromMilliseconds(10) });

        var failure = Assert.Throws<OtlpExportException>(() => exporter.Export($"http://127.0.0.1:{closedPort}"));

        Assert.Null(failure.StatusCode);
        Assert.Contains("could not be reached", failure.Message);
        Assert.Contains("after 4 attempts", failure.Message);
        Assert.False(File.Exists(Path.Combine(Root, OtlpCursor.FileName)));
    }

    [Fact]
    public void Export_SummariesLocalOnlyInTheRegistry_NothingLeaves()
    {
        SeedTwoSessions();
        var registry = ContractRegistry.Parse(ContractRegistry.Embedded.Json.Replace(
            "\"name\": \"session_summary\",\n      \"row_type\": \"session_summary\",\n      \"kinds\": [],\n      \"sensitivity_class\": \"S2\",\n      \"transmission_class\": \"explicit_operator_export\"",
            "\"name\": \"session_summary\",\n      \"row_type\": \"session_summary\",\n      \"kinds\": [],\n      \"sensitivity_class\": \"S2\",\n      \"transmission_class\": \"local_only\"", StringComparison.Ordinal));
        Assert.Equal(ContractRegistry.LocalOnly, registry.FamilyOfRowType(RowTypes.SessionSummary)!.TransmissionClass);

        var result = new OtlpExporter(new TelemetryStore(Root), new OtlpExportOptions { Registry = registry }).Export(receiver.Endpoint);

        Assert.Equal(2, result.Withheld);
        Assert.Equal(0, result.Sessions);
        Assert.Empty(receiver.Requests);
    }

    [Fact]
    public void Export_ReadsOnlyTheMonthsOfThePendingSessions()
    {
        SeedTwoSessions();
        // An older month with a damaged row: reading it would warn. The sessions to send are all in November 2026.
        File.WriteAllText(Path.Combine(Root, "events-2020-01.jsonl"), "{not a row\n");
        var warnings = new List<StoreWarning>();

        var result = new OtlpExporter(new TelemetryStore(Root, warnings.Add)).Export(receiver.Endpoint);

        Assert.Equal(2, result.Sessions);
        Assert.Empty(warnings);
        var decoded = receiver.Requests.Single().Decode();
        Assert.All(decoded.ResourceMetrics, r => Assert.Contains(r.Resource.Attributes, a => a.Key == "user.hash"));
    }

    [Fact]
    public void Export_UserAndProviderFromEventsWhoseFamilyMayNotLeave_AreLeftOut()
    {
        SeedTwoSessions();
        // Every event family local_only: the user hash and provider, which only events carry, stay at home.
        var registry = ContractRegistry.Parse(ContractRegistry.Embedded.Json.Replace(
            "\"transmission_class\": \"explicit_operator_export\",\n      \"schema_ref\": \"event.schema.json\"",
            "\"transmission_class\": \"local_only\",\n      \"schema_ref\": \"event.schema.json\"", StringComparison.Ordinal));
        Assert.All(new[] { "user_message", "assistant_message", "tool_result" }, k => Assert.Equal(ContractRegistry.LocalOnly, registry.FamilyOfKind(k).TransmissionClass));

        new OtlpExporter(new TelemetryStore(Root), new OtlpExportOptions { Registry = registry }).Export(receiver.Endpoint);

        var decoded = receiver.Requests.Single().Decode();
        Assert.All(decoded.ResourceMetrics, r => Assert.DoesNotContain(r.Resource.Attributes, a => a.Key == "user.hash"));
        var points = decoded.ResourceMetrics.SelectMany(r => r.ScopeMetrics).SelectMany(s => s.Metrics).Where(m => m.DataCase == Metric.DataOneofCase.Histogram).SelectMany(m => m.Histogram.DataPoints).ToList();
        Assert.DoesNotContain(points, p => p.Attributes.Any(a => a.Key == "gen_ai.provider.name")); 
        Assert.Equal(2, decoded.ResourceMetrics.Count); // the summaries themselves may still leave
    }

    [Fact]
    public void ExportOtlp_EndpointRules_PathKeptCredentialsNeverShownBadSchemeRefused()
    {
        SeedTwoSessions();
        var withPath = Cli(null, "export", "--otlp", receiver.Endpoint + "/otlp/v1/metrics", "--root", Root, "--dry-run");
        Assert.Equal(0, withPath.Code);
        Assert.Contains($"2 session(s) would be sent to {receiver.Endpoint}/otlp/v1/metrics", withPath.Out);
        Assert.Empty(receiver.Requests);

        var secret = Cli(null, "export", "--otlp", $"http://ops:S3cretPw@127.0.0.1:{receiver.Port}/?token=S3cretTk", "--root", Root);
        Assert.Equal(0, secret.Code);
        Assert.Equal("/v1/metrics", receiver.Requests.Single().Path);
        Assert.DoesNotContain("S3cret", secret.Out + secret.Err, StringComparison.Ordinal);

        var bad = Cli(null, "export", "--otlp", "ftp://S3cretHost/x", "--root", Root);
        Assert.Equal(ExitCodes.Usage, bad.Code);
        Assert.Contains("is not an http:// or https:// URL", bad.Err);
        Assert.DoesNotContain("S3cret", bad.Err, StringComparison.Ordinal);

        var mixed = Cli(null, "export", "--otlp", receiver.Endpoint, "--format", "csv", "--root", Root);
        Assert.Equal(ExitCodes.Usage, mixed.Code);
    }

    [Fact]
    public void ExportOtlp_NoStore_SendsNothingCreatesNothing()
    {
        var r = Cli(null, "export", "--otlp", receiver.Endpoint, "--root", Root, "--json");

        Assert.Equal(0, r.Code);
        Assert.Empty(receiver.Requests);
        Assert.False(Directory.Exists(Root));
    }

    [Fact]
    public void ExportOtlp_HeadersFromTheEnvironment_ReachTheReceiverAndAreNeverPrinted()
    {
        SeedTwoSessions();
        var environment = new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_HEADERS"] = "api-key=ignored",
            ["OTEL_EXPORTER_OTLP_METRICS_HEADERS"] = "api-key=Sk%3Dsecret42, x-team = ops",
        };

        var r = CliRunner.Run(["export", "--otlp", receiver.Endpoint, "--root", Root, "--json"], null, environment);

        Assert.True(r.ExitCode == 0, r.Stderr);
        var request = Assert.Single(receiver.Requests);
        Assert.Equal("Sk=secret42", request.Headers["api-key"]);
        Assert.Equal("ops", request.Headers["x-team"]);
        Assert.DoesNotContain("secret42", r.Stdout + r.Stderr, StringComparison.Ordinal);

        var bad = CliRunner.Run(["export", "--otlp", receiver.Endpoint, "--root", Root], null,
            new Dictionary<string, string?> { ["OTEL_EXPORTER_OTLP_HEADERS"] = "secret42-without-a-key" });
        Assert.Equal(ExitCodes.Usage, bad.ExitCode);
        Assert.Contains("OTEL_EXPORTER_OTLP_HEADERS: pair 1 is not key=value", bad.Stderr);
        Assert.DoesNotContain("secret42", bad.Stderr, StringComparison.Ordinal);
        Assert.Single(receiver.Requests);
    }

    [UnixFact]
    public void ExportOtlp_Cursor_IsPrivateAtomicAndADamagedOneStopsTheExport()
    {
        SeedTwoSessions();
        Assert.Equal(0, Cli(null, "export", "--otlp", receiver.Endpoint, "--root", Root).Code);
        string cursor = Path.Combine(Root, OtlpCursor.FileName);
        if (OperatingSystem.IsWindows())
        {
            return; // UnixFact skips it there; this line is for the platform analyzer.
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(cursor));
        Assert.DoesNotContain(Directory.EnumerateFiles(Root), f => AtomicFile.IsTempFile(Path.GetFileName(f)));

        File.WriteAllText(cursor, "{\"version\": 1, \"sess");
        var damaged = Cli(null, "export", "--otlp", receiver.Endpoint, "--root", Root);

        Assert.Equal(ExitCodes.StoreError, damaged.Code);
        Assert.Contains("is damaged", damaged.Err);
        Assert.Single(receiver.Requests);
    }
}
