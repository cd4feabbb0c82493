// Promise 8 through the CLI: thousands of random argument vectors and stdin contents (seeded, see FuzzSeed) run
// through CliApp.Run, the code a zos-telemetry process runs, and a sample as real processes. No unhandled exception,
// only documented exit codes, every failure reported on stderr, and every row written is read back without a warning.
using System.Text;
using ZosTelemetry.Cli;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed class CliFuzzTests : IDisposable
{
    private static readonly string[] Commands = ["append", "append", "append", "append", "close", "sessions", "compare", "detect", "doctor", "--version", "--help", "apend", "", "-", "--"];

    private static readonly string[] Options =
        ["--session-id", "--system", "--kind", "--role", "--context", "--model", "--tokens-in", "--tokens-out", "--cost-usd", "--ts", "--marker", "--mark-stdin",
         "--window", "--json", "--markdown", "--repair", "--yes", "--lock-timeout", "--colour", "-x", "--", "--=", "--session-id=", "--ts=2026-06-10T18:00:00Z"];

    private static readonly string[] Values =
        ["s1", "s2", "claude-code", "codex", "user_message", "assistant_message", "corr.strong.1", "0", "1", "-1", "1200", "0.04", "NaN", "Infinity", "1e309",
         "99999999999999999999", "2026-06-10T18:00:00Z", "2026-06-10T18:00:00+02:00", "2999-01-01T00:00:00Z", "yesterday", "", " ", "a b c d e", "alice@example.com",
         "https://example.com/?q=1", "/etc/passwd", "..", "ünï", "😀", "\u0000", "\u001b[31m", "line\nbreak", "0.5", "600", "601", new string('x', 200), "work", "dev"];

    private readonly TempRoot root = new();

    public void Dispose() => root.Dispose();

    private sealed record Case(string[] Args, byte[] Stdin);

    private static Case Generate(Random random, string rootPath)
    {
        var args = new List<string> { Commands[random.Next(Commands.Length)] };
        if (args[0] == "append" && random.Next(3) > 0)
        {
            // Mostly well-formed appends, so that rows are written and read back, with one or two fields varied.
            args.AddRange(["--session-id", "s" + random.Next(20), "--system", random.Next(2) == 0 ? "claude-code" : "codex", "--kind", random.Next(2) == 0 ? "user_message" : "assistant_message"]);
        }

        if (args[0] == "compare" && random.Next(2) == 0)
        {
            args.AddRange(["claude-code", "codex"]);
        }

        int extra = random.Next(3) == 0 ? 0 : random.Next(6);
        for (int i = 0; i < extra; i++)
        {
            string token = random.Next(3) switch
            {
                0 => Values[random.Next(Values.Length)],
                _ => Options[random.Next(Options.Length)],
            };
            args.Add(token);
            if (token.StartsWith("--", StringComparison.Ordinal) && random.Next(4) > 0)
            {
                args.Add(Values[random.Next(Values.Length)]);
            }
        }

        // Always this test's store: --root is never generated, so it is never given twice or swallowed.
        args.InsertRange(random.Next(2) == 0 ? 1 : args.Count, ["--root", rootPath]);

        byte[] stdin = random.Next(4) switch
        {
            0 => [],
            1 => Encoding.UTF8.GetBytes("no, that's wrong\n{\"text\":\"you misunderstood\"}\n"),
            2 => Encoding.UTF8.GetBytes(Values[random.Next(Values.Length)] + "\n" + "{\"text\":" + random.Next() + "}\n"),
            _ => RandomBytes(random),
        };
        return new Case([.. args], stdin);
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(200)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static void CheckResult(Case c, int exitCode, string stderr, int index)
    {
        string shown = $"case {index}: {string.Join(' ', c.Args.Select(a => "[" + a + "]"))} ({FuzzSeed.Describe})";
        Assert.True(exitCode is >= 0 and <= 4, $"exit {exitCode}: {shown}\n{stderr}");
        Assert.DoesNotContain("Unhandled exception", stderr, StringComparison.Ordinal);
        if (exitCode is 2 or 3 or 4)
        {
            Assert.True(stderr.StartsWith("zos-telemetry: ", StringComparison.Ordinal) && stderr.EndsWith('\n'), $"no error line: {shown}\n{stderr}");
        }
    }

    [Fact]
    public void RandomArgumentsAndStdin_NoUnhandledExceptionAndEveryRowReadsBack()
    {
        var random = new Random(FuzzSeed.Value + 7);
        int cases = FuzzSeed.Cases(3000), appended = 0;
        var exitCodes = new int[5];
        for (int i = 0; i < cases; i++)
        {
            var c = Generate(random, root.Path_);
            using var input = new MemoryStream(c.Stdin);
            var output = new MemoryStream();
            var errors = new MemoryStream();
            int code;
            try
            {
                code = CliApp.Run(c.Args, input, output, errors);
            }
            catch (Exception ex)
            {
                Assert.Fail($"case {i}: {string.Join(' ', c.Args.Select(a => "[" + a + "]"))} threw {ex} ({FuzzSeed.Describe})");
                throw;
            }

            CheckResult(c, code, Encoding.UTF8.GetString(errors.ToArray()), i);
            exitCodes[code]++;
            appended += code == 0 && c.Args[0] == "append" ? 1 : 0;
        }

        var warnings = new List<StoreWarning>();
        var store = new TelemetryStore(root.Path_, warnings.Add);
        Assert.Equal(appended, store.ReadEvents().Count());
        store.ReadSessionRows().ToList();
        Assert.Empty(warnings);
        Assert.True(new StoreDoctor(store).Examine().IsHealthy);
        Assert.True(exitCodes[0] > cases / 20 && exitCodes[2] > cases / 20, $"exit codes {string.Join(',', exitCodes)}: the generator has drifted ({FuzzSeed.Describe})");
        ReliabilityFigures.Record("fuzz-cli", $"{cases} random command lines ({FuzzSeed.Describe}): exit 0/1/2/3/4 = {string.Join('/', exitCodes)}, {appended} rows appended and read back, 0 unreadable, 0 unhandled exceptions");
    }

    [Fact]
    public void RandomArgumentsAsProcesses_OnlyDocumentedExitCodes()
    {
        var random = new Random(FuzzSeed.Value + 11);
        for (int i = 0; i < 25; i++)
        {
            var c = Generate(random, root.Path_);
            var r = CliRunner.Run(c.Args, c.Stdin);
            CheckResult(c, r.ExitCode, r.Stderr, i);
        }

        var warnings = new List<StoreWarning>();
        new TelemetryStore(root.Path_, warnings.Add).ReadEvents().ToList();
        Assert.Empty(warnings);
    }
}
