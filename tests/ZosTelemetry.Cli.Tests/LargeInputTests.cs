// Huge input on stdin costs bounded memory and never a crash: a 100 MB message to append --mark-stdin is read for its
// first 2,000 characters and stored as markers only; a line over 1 MiB to detect is answered with an error in its place.
using System.Text;
using System.Text.Json;
using ZosTelemetry.Cli;
using ZosTelemetry.Cli.Commands;

namespace ZosTelemetry.Tests;

public sealed class LargeInputTests : IDisposable
{
    private const int HundredMegabytes = 100 * 1000 * 1000;

    private readonly TempRoot root = new();

    public void Dispose() => root.Dispose();

    private static (int ExitCode, string Stdout, string Stderr) RunInProcess(byte[] stdin, params string[] args)
    {
        using var input = new MemoryStream(stdin);
        using var output = new MemoryStream();
        using var errors = new MemoryStream();
        int code = CliApp.Run(args, input, output, errors);
        return (code, Encoding.UTF8.GetString(output.ToArray()), Encoding.UTF8.GetString(errors.ToArray()));
    }

    private static byte[] TextLine(string text, int padTo = 0)
    {
        string json = JsonSerializer.Serialize(new { text });
        if (padTo > json.Length)
        {
            json = json[..^1] + ",\"pad\":\"" + new string('p', padTo - json.Length - 9) + "\"}";
        }

        return Encoding.UTF8.GetBytes(json);
    }

    [Fact]
    public void AppendMarkStdin_HundredMegabyteMessage_AcceptedMarkersOnly()
    {
        const string canary = "zqhugepaste0017";
        var message = new byte[HundredMegabytes];
        Array.Fill(message, (byte)'a');
        Encoding.UTF8.GetBytes($"no, that's wrong, {canary} ").CopyTo(message, 0);
        Encoding.UTF8.GetBytes(canary).CopyTo(message, HundredMegabytes - 100);

        var r = CliRunner.Run(["append", "--session-id", "s1", "--system", "a", "--kind", "user_message", "--mark-stdin", "--root", root.Path_], message);

        Assert.Equal(0, r.ExitCode);
        Assert.Empty(r.Stderr);
        using var row = JsonDocument.Parse(Assert.Single(root.Lines("events-*.jsonl")));
        Assert.Contains("corr.strong.en.1", row.RootElement.GetProperty("markers").EnumerateArray().Select(m => m.GetString()));
        Assert.DoesNotContain(canary, Encoding.Latin1.GetString(root.AllBytes()), StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_HundredMegabyteLine_ErrorObjectInPlaceOthersAnswered()
    {
        var input = new MemoryStream();
        input.Write(TextLine("no, that's wrong"));
        input.WriteByte((byte)'\n');
        input.Write(TextLine("you misunderstood", padTo: HundredMegabytes));
        input.WriteByte((byte)'\n');
        input.Write(TextLine("thanks, that fixed it"));
        input.WriteByte((byte)'\n');

        var r = CliRunner.Run(["detect"], input.ToArray());

        Assert.Equal(1, r.ExitCode);
        string[] lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Contains("\"is_correction\":true", lines[0], StringComparison.Ordinal);
        Assert.Equal("{\"error\":\"line longer than 1 MiB; not read\"}", lines[1]);
        Assert.Contains("\"is_correction\":false", lines[2], StringComparison.Ordinal);
        Assert.Equal("zos-telemetry: warning: stdin line 2: line longer than 1 MiB; not read\n", r.Stderr);
    }

    [Fact]
    public void Detect_LineOfExactlyTheLimit_IsAnswered()
    {
        byte[] line = TextLine("no, that's wrong", padTo: DetectCommand.MaxLineBytes);
        Assert.Equal(DetectCommand.MaxLineBytes, line.Length);

        var r = RunInProcess([.. line, (byte)'\r', (byte)'\n'], "detect");

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("\"is_correction\":true", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_LineOneByteOverTheLimit_Refused()
    {
        byte[] line = TextLine("no, that's wrong", padTo: DetectCommand.MaxLineBytes + 1);

        var r = RunInProcess([.. line, (byte)'\n', .. TextLine("you misunderstood")], "detect");

        Assert.Equal(1, r.ExitCode);
        Assert.Equal(["{\"error\":\"line longer than 1 MiB; not read\"}", "{\"is_correction\":true,\"markers\":[\"corr.strong.en.2\"]}"], r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Detect_OverlongLastLineWithoutNewline_Refused()
    {
        var r = RunInProcess([.. TextLine("thanks"), (byte)'\n', .. TextLine("x", padTo: 3 * DetectCommand.MaxLineBytes)], "detect");

        Assert.Equal(1, r.ExitCode);
        Assert.Equal(2, r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("stdin line 2: line longer than 1 MiB", r.Stderr, StringComparison.Ordinal);
    }
}
