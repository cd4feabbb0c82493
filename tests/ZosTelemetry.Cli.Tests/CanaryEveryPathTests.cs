// The content-free promise through every input path of the CLI: a canary word placed in each flag, in stdin, in every
// field of a Claude Code and a Codex log, in a price file and in a merge source appears nowhere under the store
// roots, in stdout, in stderr or in an exported file. Where the canary sits in a field whose rule it breaks (a
// sentence, a space), the field is refused or digested; where it is a name that passes its rule it may be kept, so
// every value here reads as text or sits in a field that is never stored (the user name, message text).
using System.Text;
using ZosTelemetry.Cli;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed class CanaryEveryPathTests : IDisposable
{
    private const string Canary = "Zq7canary";
    private const string Sentence = "Zq7canary please keep my secret plan quiet";
    private const string ProseName = "zq7canary-tells-the-whole-story-today";

    private readonly TempRoot temp = new();
    private readonly MemoryStream seen = new();

    public void Dispose() => temp.Dispose();

    private string Root => Path.Combine(temp.Parent, "store");

    private int Run(byte[]? stdin, params string[] args)
    {
        using var input = new MemoryStream(stdin ?? []);
        var output = new MemoryStream();
        var errors = new MemoryStream();
        int code = CliApp.Run(args, input, output, errors);
        seen.Write(output.ToArray());
        seen.Write(errors.ToArray());
        return code;
    }

    private static string[] Append(params string[] extra) =>
        ["append", "--session-id", "s1", "--system", "claude-code", "--kind", "user_message", "--ts", "2026-06-10T18:00:00Z", .. extra];

    private static string[] With(string option, string value)
    {
        var args = Append().ToList();
        int at = args.IndexOf(option);
        if (at >= 0)
        {
            args[at + 1] = value;
            return [.. args];
        }

        return [.. args, option, value];
    }

    [Fact]
    public void Canary_ThroughEveryInputPath_AppearsNowhere()
    {
        // CLI flags: each text flag refuses the sentence; numbers and switches refuse the word; --user is only hashed.
        foreach (string option in new[] { "--session-id", "--system", "--kind", "--role", "--context", "--model", "--provider", "--tier", "--marker" })
        {
            Assert.Equal(2, Run(null, [.. With(option, Sentence), "--root", Root]));
            Assert.Equal(2, Run(null, [.. With(option, ProseName), "--root", Root]));
        }

        foreach (string option in new[] { "--ts", "--tokens-in", "--tokens-out", "--cost-usd", "--cache-read-tokens", "--cache-write-tokens", "--duration-ms", "--cache-hit" })
        {
            Assert.Equal(2, Run(null, [.. With(option, Canary), "--root", Root]));
        }

        Assert.Equal(0, Run(null, [.. Append("--user", Canary), "--root", Root]));

        // stdin: append --mark-stdin and detect read the text and keep only markers.
        Assert.Equal(0, Run(Encoding.UTF8.GetBytes($"no, that's wrong, {Sentence}"), [.. Append("--mark-stdin"), "--root", Root]));
        Assert.Equal(0, Run(Encoding.UTF8.GetBytes(T("""{"text": "@S"}""")), "detect"));
        Assert.Equal(2, Run(Encoding.UTF8.GetBytes(Sentence), "compare", Canary, "codex", "--window", Canary, "--root", Root));

        // Claude Code and Codex logs, a canary in every field.
        string logs = Path.Combine(temp.Parent, "logs");
        WriteClaudeLog(Path.Combine(logs, "claude", "projects", "-home-user-x"));
        WriteCodexLog(Path.Combine(logs, "codex", "sessions", "2025", "10", "01"));
        // A price file whose model ids and tier are text: refused without quoting them.
        string prices = Path.Combine(temp.Parent, "prices.json");
        File.WriteAllText(prices, T("""{"models": {"@S": {"tier": "@S", "input": 1, "output": 2}}}"""));
        Assert.Equal(2, Run(null, "compare-periods", "--root", Root, "--prices", prices));
        File.WriteAllText(prices, T("""{"models": {"@P": {"input": 1, "output": "@S"}}}"""));
        Assert.Equal(2, Run(null, "savings", "--root", Root, "--prices", prices));
        File.WriteAllText(prices, T("""{"models": {"@P": {"provider": "@S", "input": 1, "output": 2}}}"""));
        Assert.Equal(0, Run(null, "import", "claude-code", "--path", Path.Combine(logs, "claude"), "--root", Root, "--json"));
        Assert.Equal(0, Run(null, "import", "codex", "--path", Path.Combine(logs, "codex"), "--root", Root, "--json"));
        Assert.Equal(0, Run(null, "close", "--session-id", "s1", "--root", Root, "--prices", prices));
        Assert.Equal(0, Run(null, "savings", "--root", Root, "--json", "--prices", prices));
        Assert.Equal(0, Run(null, "report", "session", "--root", Root, "--json"));
        Assert.Equal(0, Run(null, "report", "daily", "--root", Root, "--breakdown"));

        // A merge source holding rows another writer put there with the canary in refused fields.
        string source = Path.Combine(temp.Parent, "source");
        Directory.CreateDirectory(source);
        File.WriteAllText(Path.Combine(source, "events-2026-06.jsonl"),
            T("""{"schema":1,"ts":"2026-06-10T18:00:00Z","session_id":"s9","system":"@S","kind":"user_message","tokens_in":0,"tokens_out":0,"cost_usd":0,"markers":["x.ok"]}""") + "\n" +
            T("""{"schema":1,"ts":"2026-06-10T18:00:00Z","session_id":"@P","system":"a","kind":"user_message","tokens_in":0,"tokens_out":0,"cost_usd":0,"markers":["zq7canary.note"]}""") + "\n" +
            T("""{"schema":1,"ts":"2026-06-10T18:00:00Z","session_id":"s9","system":"a","kind":"user_message","tokens_in":0,"tokens_out":0,"cost_usd":0,"markers":[],"text":"@S"}""") + "\n");
        File.WriteAllText(Path.Combine(source, "sessions-2026-06.jsonl"),
            T("""{"schema":1,"ts_closed":"2026-06-10T19:00:00Z","session_id":"s9","system":"a","context":"@S","model":null,"detector_version":1,"turns":1,"user_turns":1,"corrections":0,"events":1,"tokens_in":0,"tokens_out":0,"cost_usd":0,"first_ts":"2026-06-10T18:00:00Z","last_ts":"2026-06-10T18:00:00Z","duration_s":0}""") + "\n");
        Assert.Equal(0, Run(null, "merge", source, "--root", Root));

        // Every output: export files of every format, the doctor, sessions, the registry.
        foreach (string format in new[] { "csv", "json", "jsonl" })
        {
            Assert.Equal(0, Run(null, "export", "--root", Root, "--format", format, "--output", Path.Combine(temp.Parent, $"export.{format}")));
            Assert.Equal(0, Run(null, "export", "--root", Root, "--format", format, "--kind", "sessions"));
        }

        Run(null, "doctor", "--root", Root, "--json");
        Run(null, "doctor", "--root", Root);
        Assert.Equal(0, Run(null, "sessions", "--root", Root));

        Assert.True(new TelemetryStore(Root).ReadEvents().Count() > 5, "the imports stored nothing: the test would prove nothing");
        string everything = Encoding.UTF8.GetString([.. seen.ToArray(), .. AllBytes(Root), .. AllBytes(Path.Combine(temp.Parent, "export.csv")), .. AllBytes(Path.Combine(temp.Parent, "export.json")), .. AllBytes(Path.Combine(temp.Parent, "export.jsonl"))]);
        Assert.DoesNotContain(Canary, everything, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A template with @S (the sentence), @P (the prose-like name) and @C (the canary word) filled in.</summary>
    private static string T(string template) => template.Replace("@S", Sentence).Replace("@P", ProseName).Replace("@C", Canary);

    private static byte[] AllBytes(string path) => File.Exists(path)
        ? File.ReadAllBytes(path)
        : Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).SelectMany(File.ReadAllBytes).ToArray();

    internal static void WriteClaudeLog(string dir)
    {
        Directory.CreateDirectory(dir);
        string common = T("\"parentUuid\":null,\"isSidechain\":false,\"userType\":\"@S\",\"cwd\":\"/home/@C/x\",\"version\":\"@C\",\"gitBranch\":\"@C\",\"sessionId\":\"@S\"");
        File.WriteAllText(Path.Combine(dir, "0f0e0d0c-0000-4000-8000-000000000001.jsonl"), string.Join('\n',
            T("""{@COMMON,"type":"user","message":{"role":"user","content":"no, that's wrong @S"},"uuid":"@C-u1","timestamp":"2025-10-03T10:00:00.000Z"}""").Replace("@COMMON", common),
            T("""{@COMMON,"type":"assistant","message":{"id":"msg_@C","type":"message","role":"assistant","model":"@P","content":[{"type":"text","text":"@S"},{"type":"tool_use","id":"tu_@C","name":"@P","input":{"cmd":"@S"}}],"usage":{"input_tokens":12,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":9}},"requestId":"req_@C","uuid":"@C-a1","timestamp":"2025-10-03T10:00:05.000Z"}""").Replace("@COMMON", common),
            T("""{@COMMON,"type":"user","message":{"role":"user","content":[{"type":"tool_result","tool_use_id":"tu_@C","content":"@S","is_error":true}]},"toolUseResult":"@S","uuid":"@C-u2","timestamp":"2025-10-03T10:00:06.000Z"}""").Replace("@COMMON", common),
            T("""{@COMMON,"type":"assistant","isApiErrorMessage":true,"message":{"id":"msg_@C2","model":"<synthetic>","role":"assistant","content":[{"type":"text","text":"API Error: @S"}],"usage":{"input_tokens":0,"output_tokens":0}},"uuid":"@C-a2","timestamp":"2025-10-03T10:00:07.000Z"}""").Replace("@COMMON", common),
            T("""{@COMMON,"type":"user","message":{"role":"user","content":"[Request interrupted by user] @S"},"uuid":"@C-u3","timestamp":"2025-10-03T10:00:08.000Z"}""").Replace("@COMMON", common)) + "\n");
    }

    internal static void WriteCodexLog(string dir)
    {
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "rollout-2025-10-01T10-00-00-0199a3f0-1c2d-7e4f-8a9b-0000000000c9.jsonl"), string.Join('\n',
            T("""{"timestamp":"2025-10-01T10:00:00.000Z","type":"session_meta","payload":{"id":"@S","timestamp":"2025-10-01T10:00:00.000Z","cwd":"/home/@C","originator":"@C","cli_version":"@C","instructions":"@S"}}"""),
            T("""{"timestamp":"2025-10-01T10:00:01.000Z","type":"turn_context","payload":{"cwd":"/home/@C","model":"@P","effort":"@C"}}"""),
            T("""{"timestamp":"2025-10-01T10:00:02.000Z","type":"event_msg","payload":{"type":"user_message","message":"you misunderstood @S","kind":"plain"}}"""),
            T("""{"timestamp":"2025-10-01T10:00:03.000Z","type":"response_item","payload":{"type":"function_call","name":"@P","arguments":"{\"cmd\":\"@S\"}","call_id":"call_@C"}}"""),
            T("""{"timestamp":"2025-10-01T10:00:04.000Z","type":"response_item","payload":{"type":"function_call_output","call_id":"call_@C","output":"{\"output\":\"@S\",\"metadata\":{\"exit_code\":1}}"}}"""),
            T("""{"timestamp":"2025-10-01T10:00:05.000Z","type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"input_tokens":100,"cached_input_tokens":0,"output_tokens":10,"reasoning_output_tokens":0,"total_tokens":110},"last_token_usage":{"input_tokens":100,"cached_input_tokens":0,"output_tokens":10,"reasoning_output_tokens":0,"total_tokens":110},"model":"@P"}}}"""),
            T("""{"timestamp":"2025-10-01T10:00:06.000Z","type":"event_msg","payload":{"type":"error","message":"@S"}}"""),
            T("""{"timestamp":"2025-10-01T10:00:07.000Z","type":"event_msg","payload":{"type":"turn_aborted","reason":"@S"}}""")) + "\n");
    }
}
