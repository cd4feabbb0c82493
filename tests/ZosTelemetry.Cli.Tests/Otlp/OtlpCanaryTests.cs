// The content-free promise for the OTLP export: a canary fed through every input path that ends in a closed session
// (append's flags and stdin, error text, Claude Code and Codex logs, a merge source) appears in no byte a receiver
// gets: not in a request body, its path or its headers, nor in what the export prints. Where the canary is a name
// the store may keep (a context, a tool, a variant), it is stored, and still does not leave: OTLP carries numbers,
// model and provider names, system names and the keyed user hash only.
using System.Text;
using ZosTelemetry.Cli;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests.Otlp;

public sealed class OtlpCanaryTests : IDisposable
{
    private const string Canary = "Zq7canary";
    private const string Sentence = "Zq7canary please keep my secret plan quiet";

    private readonly TempRoot temp = new();
    private readonly OtlpReceiver receiver = new();
    private readonly MemoryStream printed = new();

    public void Dispose()
    {
        receiver.Dispose();
        temp.Dispose();
    }

    private string Root => temp.Path_;

    private int Run(string? stdin, params string[] args)
    {
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(stdin ?? ""));
        var output = new MemoryStream();
        var errors = new MemoryStream();
        int code = CliApp.Run([.. args, "--root", Root], input, output, errors);
        printed.Write(output.ToArray());
        printed.Write(errors.ToArray());
        return code;
    }

    [Fact]
    public void Canary_ThroughEveryInputPathEndingInAnOtlpExport_ReachesNoReceiverByte()
    {
        string[] s1 = ["append", "--session-id", "s1", "--system", "claude-code", "--ts", "2026-06-10T18:00:00Z"];
        Assert.Equal(0, Run(null, [.. s1, "--kind", "user_message", "--user", Canary]));
        Assert.Equal(0, Run($"no, that's wrong, {Sentence}", [.. s1, "--kind", "user_message", "--mark-stdin", "--user", Sentence]));
        Assert.Equal(0, Run(Sentence, [.. s1, "--kind", "error", "--error-stdin"]));
        Assert.Equal(2, Run(null, [.. s1, "--kind", "user_message", "--model", Sentence]));
        Assert.Equal(2, Run(null, [.. s1, "--kind", "user_message", "--provider", Sentence]));
        // Names that pass their rules are stored; none of them is among what OTLP carries.
        foreach (string option in new[] { "--context", "--tool", "--variant", "--task-id" })
        {
            Run(null, [.. s1, "--kind", "tool_result", option, Canary.ToLowerInvariant()]);
        }

        Assert.Equal(0, Run(null, "close", "--session-id", "s1", "--loop-calls", "2"));

        string logs = Path.Combine(temp.Parent, "logs");
        CanaryEveryPathTests.WriteClaudeLog(Path.Combine(logs, "claude", "projects", "-home-user-x"));
        CanaryEveryPathTests.WriteCodexLog(Path.Combine(logs, "codex", "sessions", "2025", "10", "01"));
        // That log's session id is the sentence, so every line of it is refused; the shipped fixture logs, with the
        // canary in their prompts, working directories and branches, become sessions.
        foreach (string file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "data", "import", "claude"), "*.jsonl", SearchOption.AllDirectories))
        {
            string copy = Path.Combine(logs, "claude", Path.GetRelativePath(Path.Combine(AppContext.BaseDirectory, "data", "import", "claude"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.WriteAllText(copy, File.ReadAllText(file).Replace("Nectarine5656", Sentence).Replace("\"gitBranch\":\"main\"", $"\"gitBranch\":\"{Canary}\"").Replace("/home/user/", $"/home/{Canary}/"));
        }

        Assert.Equal(0, Run(null, "import", "claude-code", "--path", Path.Combine(logs, "claude")));
        Assert.Equal(0, Run(null, "import", "codex", "--path", Path.Combine(logs, "codex")));

        // An import closes the sessions it finds idle; any still open is closed by hand, so every path ends in a summary.
        var closed = new TelemetryStore(Root).ReadSessions().Select(s => s.SessionId).ToHashSet();
        foreach (string open in new TelemetryStore(Root).ReadEvents().Select(e => e.SessionId).Distinct().Where(id => !closed.Contains(id)).ToList())
        {
            Assert.Equal(0, Run(null, "close", "--session-id", open));
        }

        string source = Path.Combine(temp.Parent, "source");
        Directory.CreateDirectory(source);
        File.WriteAllText(Path.Combine(source, "sessions-2026-06.jsonl"),
            """{"schema":1,"ts_closed":"2026-06-10T19:00:00Z","session_id":"s9","system":"a","context":"@C","model":null,"detector_version":1,"turns":1,"user_turns":1,"corrections":0,"events":1,"tokens_in":0,"tokens_out":0,"cost_usd":0,"first_ts":"2026-06-10T18:00:00Z","last_ts":"2026-06-10T18:00:00Z","duration_s":0}""".Replace("@C", Canary.ToLowerInvariant()) + "\n");
        Assert.Equal(0, Run(null, "merge", source));

        var stored = new TelemetryStore(Root).ReadSessions();
        Assert.True(stored.Count >= 5, $"only {string.Join(",", stored.Select(s => s.System + "/" + s.SessionId))} closed session(s): the imports or the merge stored nothing, the test would prove little");
        Assert.Contains(Canary, Encoding.UTF8.GetString(temp.AllBytes()), StringComparison.OrdinalIgnoreCase); // stored as a name, so leaving it out is the export's doing

        Assert.Equal(0, Run(null, "export", "--otlp", receiver.Endpoint, "--json"));
        Assert.Equal(0, Run(null, "export", "--otlp", receiver.Endpoint));

        var request = Assert.Single(receiver.Requests);
        Assert.Equal(stored.Count, request.Decode().ResourceMetrics.Sum(r => (long)r.ScopeMetrics[0].Metrics.Single(m => m.Name == "zos.session.turns").Histogram.DataPoints.Sum(p => (long)p.Count)));
        string sent = Encoding.Latin1.GetString(request.Body) + request.Path + string.Join('\n', request.Headers.Select(h => h.Key + ": " + h.Value));
        Assert.DoesNotContain(Canary, sent, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Canary, Encoding.UTF8.GetString(printed.ToArray()).Split("\"endpoint\"")[^1], StringComparison.OrdinalIgnoreCase);
    }
}
