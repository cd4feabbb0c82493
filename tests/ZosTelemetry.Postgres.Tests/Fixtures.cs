// Fixture stores for the team-store tests: two "machines" made with the CLI as users make them (appends, closes that
// write alerts, a re-close, a snapshot), plus the shipped sample store's rows of one system each, and one session
// that both machines hold, byte for byte, as two runners that synced the same checkout would.
using System.Text;
using ZosTelemetry.Cli;

namespace ZosTelemetry.Tests;

public sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Directory.CreateDirectory(Path);
    }

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "zos-pg-test-" + Guid.NewGuid().ToString("N"));

    public string Sub(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

public static class Fixtures
{
    private const string SnapshotRecords = """
        {"ts": "2026-11-20T10:00:00Z", "label": "premium", "confidence": 0.91, "probabilities": [0.91, 0.06, 0.03], "features": {"tokens": 812}}
        {"ts": "2026-11-20T10:05:00Z", "label": "basic", "confidence": 0.62, "probabilities": [0.30, 0.62, 0.08], "features": {"tokens": 95}, "suggested": true}
        """;

    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>Runs the CLI in this process, as a process would run it; returns exit code, stdout and stderr.</summary>
    public static (int Code, string Out, string Err) Cli(params string[] args) => CliWithStdin(null, args);

    public static (int Code, string Out, string Err) CliWithStdin(string? stdin, params string[] args)
    {
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(stdin ?? ""));
        var output = new MemoryStream();
        var errors = new MemoryStream();
        int code = CliApp.Run(args, input, output, errors);
        return (code, Encoding.UTF8.GetString(output.ToArray()), Encoding.UTF8.GetString(errors.ToArray()));
    }

    public static string Ok(params string[] args)
    {
        var r = Cli(args);
        Assert.True(r.Code == 0, $"{string.Join(' ', args)} exited {r.Code}: {r.Err}");
        return r.Out;
    }

    /// <summary>A machine's store: the sample store's rows of one system, agent runs with alerts, a re-close, a snapshot.</summary>
    public static void Machine(string root, string system)
    {
        Directory.CreateDirectory(root);
        foreach (string file in Directory.GetFiles(Path.Combine(RepositoryRoot, "samples", "store"), "*.jsonl"))
        {
            var lines = File.ReadLines(file).Where(l => l.Contains($"\"system\":\"{system}\"", StringComparison.Ordinal));
            File.WriteAllLines(Path.Combine(root, Path.GetFileName(file)), lines);
        }

        // One session both machines hold: the same rows, which a merge and the database each keep once.
        File.AppendAllLines(Path.Combine(root, "events-2026-11.jsonl"),
        [
            """{"schema":1,"ts":"2026-11-03T09:00:00Z","session_id":"shared-001","system":"claude-code","context":"work","role":"user","kind":"user_message","model":null,"tokens_in":0,"tokens_out":0,"cost_usd":0,"markers":["corr.strong.1"]}""",
            """{"schema":1,"ts":"2026-11-03T09:01:00Z","session_id":"shared-001","system":"claude-code","context":"work","role":"assistant","kind":"assistant_message","model":"claude-sonnet-4-5","tokens_in":1200,"tokens_out":300,"cost_usd":0.0081,"markers":[]}""",
        ]);

        for (int run = 1; run <= 3; run++)
        {
            string session = $"run-{system}-{run}";
            for (int i = 0; i < 9 + run; i++)
            {
                string[] append = ["append", "--root", root, "--session-id", session, "--system", system, "--tool", "bash", "--ts", $"2026-11-1{run}T10:{i:D2}:00Z"];
                Ok(i % 3 == 0 ? [.. append, "--kind", "tool_result", "--ok", "false"] : [.. append, "--kind", "tool_call"]);
            }

            Ok("append", "--root", root, "--session-id", session, "--system", system, "--kind", "llm_call", "--model", "gpt-5",
                "--tokens-in", (1000 * run).ToString(System.Globalization.CultureInfo.InvariantCulture), "--tokens-out", "250", "--ts", $"2026-11-1{run}T10:30:00Z");
            Ok("close", "--root", root, "--session-id", session, "--outcome", run == 2 ? "failure" : "success");
        }

        // A re-closed session: one more event, closed again; the newer summary is the one readers see.
        Ok("append", "--root", root, "--session-id", $"run-{system}-1", "--system", system, "--kind", "llm_call", "--model", "gpt-5",
            "--tokens-in", "777", "--tokens-out", "77", "--ts", "2026-11-11T11:00:00Z");
        Ok("close", "--root", root, "--session-id", $"run-{system}-1");
        var snap = CliWithStdin(SnapshotRecords, "snapshot", "--root", root, "--system", system);
        Assert.True(snap.Code == 0, snap.Err);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Telemetry.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("no Telemetry.sln above " + AppContext.BaseDirectory);
    }
}
