// A canary in every position of a command line: as the command, as an option's name, as the value of every option
// of every command, as an extra argument and on stdin. A usage error never repeats a token the CLI does not know
// (it says where the token stands and suggests a known name it is a typo of); a value is named back only when it is a
// name that passed its rule, or the path of a file or directory the user gave (--root, --path, --output, --prices,
// --evaluate, merge's stores), which is where, never what. So nothing here may show the canary anywhere: stdout,
// stderr, the store root or any file written, once the exact paths given are taken out of the output.
using System.Text;
using System.Text.RegularExpressions;
using ZosTelemetry.Cli;

namespace ZosTelemetry.Tests;

public sealed partial class CanaryUsageTests : IDisposable
{
    private const string Canary = "Zq7canary";
    private const string Sentence = "Zq7canary hunter2 is my secret";
    private const string Word = "zq7canary-hunter2";

    /// <summary>Every command with the arguments that get it past its required ones, its options and its flags.</summary>
    private static readonly (string[] Command, string[] Base, string[] Options, string[] Flags)[] Commands =
    [
        (["append"], ["--session-id", "s1", "--system", "sys", "--kind", "user_message"],
            ["root", "session-id", "system", "kind", "role", "context", "model", "tokens-in", "tokens-out", "cost-usd", "ts", "marker",
             "cache-read-tokens", "cache-write-tokens", "provider", "tier", "duration-ms", "cache-hit", "user", "detector",
             "tool", "ok", "error-category", "outcome", "attempt", "task-id", "attempt-id", "variant", "lock-timeout"], ["mark-stdin", "error-stdin"]),
        (["close"], ["--session-id", "s1"], ["root", "session-id", "prices", "outcome", "attempts", "detector", "lock-timeout", .. Alerts()], []),
        (["alerts"], [], ["root", "system", "since", "until", .. Alerts()], ["json"]),
        (["score"], [], ["root", "by", "cost-weight", "error-weight", "system", "since", "until"], ["json"]),
        (["sessions"], [], ["root", "system"], []),
        (["compare"], ["sys", "other"], ["root", "window"], ["json", "markdown"]),
        (["detect"], [], ["root", "detector", "evaluate", "system", "lock-timeout"], ["json", "snapshot"]),
        (["savings"], [], ["root", "system", "days", "since", "until", "baseline-model", "baseline-tier", "prices"], ["json", "markdown"]),
        (["compare-periods"], [], ["root", "period1", "period2", "system", "prices"], ["json"]),
        (["prune"], ["--older-than", "default", "--dry-run"], ["root", "older-than"], ["dry-run"]),
        (["reset"], [], ["root"], ["confirm"]),
        (["export"], [], ["root", "format", "kind", "days", "system", "output", "prices"], []),
        (["export"], ["--otlp", "http://127.0.0.1:9", "--dry-run"], ["root", "otlp", "system", "timeout"], ["json", "dry-run"]),
        (["merge"], ["@SOURCE"], ["root"], ["with-user-key"]),
        (["doctor"], [], ["root", "lock-timeout"], ["repair", "yes", "json"]),
        (["schema"], [], [], ["json"]),
        (["import", "claude-code"], ["--path", "@LOGS"], ["detector", "root", "path", "cost-mode", "idle-minutes"], ["json"]),
        (["report", "daily"], [], ["root", "since", "until", "system", "timezone", "prices", "by", "top"], ["breakdown", "json"]),
        (["report", "html"], [], ["root", "system", "window", "output", "prices"], ["json"]),
        (["snapshot"], ["--system", "sys"], ["root", "system", "user", "reject-label", "schema-version", "lock-timeout"], ["json"]),
        (["snapshots"], [], ["root", "system", "user", "last", "since", "until", "baseline"], ["json", "markdown", "compare"]),
        (["guardrail"], ["--date", "2026-06-10"], ["root", "date", "system", "lock-timeout"], ["model-loaded", "json"]),
        // Nothing listens on port 9: the run ends at the connection, after every argument has been read.
        (["sync"], ["--database", "postgres://runner@127.0.0.1:9/team"], ["root", "database"], ["init", "json"]),
    ];

    /// <summary>Options whose value is a file, directory, endpoint or database the user names: it may be named back, whole.</summary>
    private static readonly HashSet<string> PathOptions = ["root", "path", "output", "prices", "evaluate", "otlp", "database"];

    /// <summary>Options whose value is a name: named back when it passes the name rule, so only the sentence is tried.</summary>
    private static readonly HashSet<string> NameOptions =
        ["system", "session-id", "model", "baseline-model", "context", "role", "provider", "tier", "tool", "task-id", "attempt-id", "variant", "reject-label", "schema-version"];

    private readonly TempRoot temp = new();
    private readonly StringBuilder seen = new();
    private readonly List<string> givenPaths = [];

    public CanaryUsageTests()
    {
        Directory.CreateDirectory(Logs);
        Directory.CreateDirectory(Source);
    }

    public void Dispose() => temp.Dispose();

    private string Root => temp.Path_;

    private string Logs => Path.Combine(temp.Parent, "logs");

    private string Source => Path.Combine(temp.Parent, "source");

    private static string[] Alerts() => ["loop-calls", "stall-factor", "stall-minutes", "cost-z", "cost-min-sessions", "burst-errors", "burst-seconds"];

    private (int Code, string Stderr) Run(string? stdin, IEnumerable<string> args)
    {
        string[] line = args.Select(a => a == "@SOURCE" ? Source : a == "@LOGS" ? Logs : a).ToArray();
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(stdin ?? ""));
        var output = new MemoryStream();
        var errors = new MemoryStream();
        int code = CliApp.Run(line, input, output, errors);
        string stderr = Encoding.UTF8.GetString(errors.ToArray());
        seen.Append(Encoding.UTF8.GetString(output.ToArray())).Append(stderr);
        return (code, stderr);
    }

    private string[] Line((string[] Command, string[] Base, string[] Options, string[] Flags) c, params string[] extra)
    {
        bool takesRoot = c.Options.Contains("root");
        bool rootGiven = extra.Contains("--root");
        return [.. c.Command, .. c.Base, .. takesRoot && !rootGiven ? new[] { "--root", Root } : [], .. extra];
    }

    /// <summary>The canary anywhere but inside a path the user gave: in what was printed or in any file's bytes.</summary>
    private void AssertNoCanary()
    {
        string printed = seen.ToString();
        foreach (string path in givenPaths.OrderByDescending(p => p.Length))
        {
            printed = printed.Replace(path, "<path>", StringComparison.Ordinal);
        }

        Assert.DoesNotContain(Canary, printed, StringComparison.OrdinalIgnoreCase);
        foreach (string file in Directory.EnumerateFiles(temp.Parent, "*", SearchOption.AllDirectories))
        {
            Assert.False(File.ReadAllText(file).Contains(Canary, StringComparison.OrdinalIgnoreCase), $"{Path.GetFileName(file)} holds the canary");
        }
    }

    [Fact]
    public void Table_CoversEveryOptionTheUsageNames()
    {
        var known = Commands.SelectMany(c => c.Options.Concat(c.Flags)).ToHashSet();
        var named = OptionName().Matches(CliApp.Usage).Select(m => m.Groups[1].Value).Where(n => n is not ("version" or "help")).ToHashSet();

        Assert.Empty(named.Except(known));
    }

    [Fact]
    public void Canary_AsTheCommand_IsNotRepeated()
    {
        foreach (string command in new[] { Canary, Sentence, Word, "--" + Canary, "-" + Canary })
        {
            var r = Run(null, [command, "--root", Root]);
            Assert.Equal(ExitCodes.Usage, r.Code);
            Assert.Contains("is not a command", r.Stderr);
        }

        AssertNoCanary();
    }

    [Fact]
    public void Canary_AsAnOptionName_IsNotRepeatedInAnyCommand()
    {
        foreach (var c in Commands)
        {
            foreach (string option in new[] { "--" + Canary, "--hunter2-" + Canary, $"--{Canary}={Canary}", "-" + Canary, "--" + Sentence })
            {
                var r = Run(null, Line(c, option, "x"));
                Assert.True(r.Code == ExitCodes.Usage, $"{string.Join(' ', c.Command)} {option}: exit {r.Code}");
                Assert.Contains("is not an option", r.Stderr);
            }
        }

        AssertNoCanary();
    }

    [Fact]
    public void Canary_AsAnExtraArgument_IsNotRepeated()
    {
        foreach (var c in Commands.Where(c => c.Command[0] is not ("merge" or "schema")))
        {
            var r = Run(null, Line(c, Sentence));
            Assert.True(r.Code == ExitCodes.Usage, $"{string.Join(' ', c.Command)}: exit {r.Code}");
        }

        foreach (string[] line in new[] { new[] { "report", Sentence }, ["report", Word], ["import", Sentence], ["import", Word], ["schema", Sentence], ["schema", Word] })
        {
            Assert.Equal(ExitCodes.Usage, Run(null, [.. line, .. line[0] == "schema" ? Array.Empty<string>() : ["--root", Root]]).Code);
        }

        AssertNoCanary();
    }

    [Fact]
    public void Canary_AsTheValueOfEveryOptionOfEveryCommand_AppearsNowhere()
    {
        int runs = 0;
        foreach (var c in Commands)
        {
            foreach (string option in c.Options)
            {
                var values = NameOptions.Contains(option) ? new[] { Sentence } : [Sentence, Word];
                foreach (string value in values)
                {
                    string given = value;
                    if (PathOptions.Contains(option))
                    {
                        given = Path.Combine(temp.Parent, value);
                        givenPaths.Add(given);
                    }

                    // Replace the base's own value of the option when it has one, else add it.
                    var line = Line(c, "--" + option, given).ToList();
                    int first = line.IndexOf("--" + option);
                    if (first >= 0 && line.LastIndexOf("--" + option) != first)
                    {
                        line.RemoveRange(first, 2);
                    }

                    Run(Sentence, line);
                    runs++;
                }
            }
        }

        Assert.True(runs > 150, $"only {runs} runs: the table lost its options");
        AssertNoCanary();
    }

    [Fact]
    public void Canary_OnStdinOfEveryCommand_AppearsNowhere()
    {
        foreach (var c in Commands)
        {
            Run(Sentence, Line(c));
            Run($"{{\"text\":\"{Sentence}\",\"session_id\":\"{Sentence}\",\"label\":\"{Sentence}\",\"confidence\":0.5}}\n", Line(c));
        }

        Run($"no, that's wrong, {Sentence}", Line(Commands[0], "--mark-stdin"));
        Run($"Error: {Sentence}", Line(Commands[0], "--kind", "error", "--error-stdin"));
        AssertNoCanary();
    }

    [Theory]
    [InlineData(new[] { "apend" }, "did you mean 'append'?")]
    [InlineData(new[] { "snapshtos" }, "did you mean 'snapshots'?")]
    [InlineData(new[] { "append", "--modle", "m" }, "argument 1 after 'append' is not an option append takes; did you mean '--model'?")]
    [InlineData(new[] { "report", "--breakdwon", "daily" }, "did you mean '--breakdown'?")]
    [InlineData(new[] { "report", "dialy" }, "report: the report's name is not daily, monthly, session, errors or html; did you mean 'daily'?")]
    [InlineData(new[] { "import", "codx" }, "did you mean 'codex'?")]
    public void UsageError_NearMiss_SuggestsTheKnownName(string[] args, string expected)
    {
        var r = Run(null, [.. args, "--root", Root]);

        Assert.Equal(ExitCodes.Usage, r.Code);
        Assert.Contains(expected, r.Stderr);
    }

    [Fact]
    public void UsageError_FarFromEveryName_SuggestsNothing()
    {
        var r = Run(null, ["append", "--hunter2-secret", "x", "--root", Root]);

        Assert.Equal(ExitCodes.Usage, r.Code);
        Assert.DoesNotContain("did you mean", r.Stderr);
        Assert.DoesNotContain("hunter2", r.Stderr);
    }

    [GeneratedRegex(@"--([a-z][a-z0-9-]+)")]
    private static partial Regex OptionName();
}

/// <summary>Import's warnings and --json name a log by its place in the import and the log root given, never by its path.</summary>
public sealed class ImportWarningPathTests : IDisposable
{
    private readonly TempRoot temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Import_WarningAboutALogInAProjectDirectory_NamesTheLogRootAndOrdinalNotThePath()
    {
        string logs = Path.Combine(temp.Parent, "claude");
        string project = Path.Combine(logs, "projects", "-home-alice-Zq7canary-acquisition-plan");
        Directory.CreateDirectory(project);
        File.WriteAllText(Path.Combine(project, "0f0e0d0c-0000-4000-8000-000000000001.jsonl"), string.Join('\n',
            """{"type":"user","sessionId":"0f0e0d0c-0000-4000-8000-000000000001","message":{"role":"user","content":"hello"},"uuid":"u1","timestamp":"2025-10-03T10:00:00.000Z"}""",
            """{"type":"user","sessionId":"0f0e0d0c-0000-4000-8000-000000000001","message":{"role":"user","content":"later"},"uuid":"u2","timestamp":"2099-10-03T10:00:00.000Z"}""") + "\n");
        using var input = new MemoryStream();
        var output = new MemoryStream();
        var errors = new MemoryStream();

        int code = CliApp.Run(["import", "claude-code", "--path", logs, "--root", temp.Path_, "--json"], input, output, errors);

        string stderr = Encoding.UTF8.GetString(errors.ToArray());
        Assert.Equal(0, code);
        Assert.Contains($"log file 1 of 1 under {Path.Combine(logs, "projects")} (key ", stderr);
        Assert.Contains("dated more than a day in the future", stderr);
        Assert.DoesNotContain("Zq7canary", stderr + Encoding.UTF8.GetString(output.ToArray()), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Zq7canary", Encoding.UTF8.GetString(temp.AllBytes()), StringComparison.OrdinalIgnoreCase);
    }
}
