// Promise 5 through the CLI: thousands of generated user messages with unique canary words are piped to
// `append --mark-stdin` (in-process through CliApp.Run, the code a process runs, plus a sample as real processes) and
// to `detect`; no canary reaches any byte under the root, nor stdout or stderr.
using System.Text;
using System.Text.Json;
using ZosTelemetry.Cli;

namespace ZosTelemetry.Tests;

public sealed class CliCanaryTests : IDisposable
{
    private readonly TempRoot root = new();

    public void Dispose() => root.Dispose();

    private static (int ExitCode, byte[] Stdout, byte[] Stderr) RunInProcess(byte[] stdin, params string[] args)
    {
        using var input = new MemoryStream(stdin);
        var output = new MemoryStream();
        var errors = new MemoryStream();
        int code = CliApp.Run(args, input, output, errors);
        return (code, output.ToArray(), errors.ToArray());
    }

    [Fact]
    public void MarkStdinAndDetect_ThousandsOfMessagesWithCanaries_NoCanaryInTheStoreOrTheOutput()
    {
        var messages = CanaryMessages.Generate(FuzzSeed.Cases(2000), FuzzSeed.Value + 5).ToList();
        var output = new MemoryStream();
        int corrections = 0;
        for (int i = 0; i < messages.Count; i++)
        {
            string[] args = ["append", "--root", root.Path_, "--session-id", $"c-{i / 25}", "--system", "claude-code", "--kind", "user_message", "--mark-stdin"];
            byte[] stdin = Encoding.UTF8.GetBytes(messages[i].Text);
            if (i % 100 == 0)
            {
                // A sample as real processes, as a hook runs it.
                var p = CliRunner.Run(args, stdin);
                Assert.True(p.ExitCode == 0, p.Stderr);
                output.Write(Encoding.UTF8.GetBytes(p.Stdout + p.Stderr));
                continue;
            }

            var r = RunInProcess(stdin, args);
            Assert.True(r.ExitCode == 0, Encoding.UTF8.GetString(r.Stderr));
            output.Write(r.Stdout);
            output.Write(r.Stderr);
        }

        foreach (int session in Enumerable.Range(0, (messages.Count + 24) / 25))
        {
            var r = RunInProcess([], "close", "--root", root.Path_, "--session-id", $"c-{session}");
            Assert.Equal(0, r.ExitCode);
            using var summary = JsonDocument.Parse(r.Stdout);
            corrections += summary.RootElement.GetProperty("corrections").GetInt32();
            output.Write(r.Stdout);
        }

        var jsonl = string.Join('\n', messages.Select(m => JsonSerializer.Serialize(new { text = m.Text })));
        var detect = RunInProcess(Encoding.UTF8.GetBytes(jsonl), "detect");
        Assert.Equal(0, detect.ExitCode);
        Assert.Equal(messages.Count, Encoding.UTF8.GetString(detect.Stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        output.Write(detect.Stdout);
        output.Write(detect.Stderr);

        Assert.Empty(CanaryMessages.FoundIn(CanaryMessages.AllBytesUnder(root.Path_), messages));
        Assert.Empty(CanaryMessages.FoundIn(output.ToArray(), messages));
        Assert.Equal(messages.Count, root.Lines("events-*.jsonl").Length);
        Assert.True(corrections > messages.Count / 4, $"only {corrections} of {messages.Count} messages counted as corrections: the detector did not run ({FuzzSeed.Describe})");
        ReliabilityFigures.Record("canary-cli", $"{messages.Count} messages ({messages.Count / 100} as processes) through append --mark-stdin and detect, {messages.Count * 2} canaries, {corrections} corrections counted, 0 canaries found under the root or in any output");
    }
}
