// zos-telemetry merge as a process: runner stores combine into one, a second merge adds nothing, and refusals
// are one stderr line with the documented exit code.
using System.Text.Json;

namespace ZosTelemetry.Tests;

public sealed class MergeCliTests : IDisposable
{
    private readonly TempRoot temp = new();

    public void Dispose() => temp.Dispose();

    private string Dir(string name) => Path.Combine(temp.Parent, name);

    private void Session(string store, string session, string system)
    {
        Assert.Equal(0, CliRunner.Run("append", "--root", Dir(store), "--session-id", session, "--system", system, "--kind", "user_message", "--ts", "2026-06-10T18:00:00Z").ExitCode);
        Assert.Equal(0, CliRunner.Run("close", "--root", Dir(store), "--session-id", session).ExitCode);
    }

    [Fact]
    public void Merge_TwoRunnersTwice_AddsTheirRowsOnceAndReportsEachSource()
    {
        Session("runner-1", "a1", "claude-code");
        Session("runner-2", "b1", "codex");

        var first = CliRunner.Run("merge", Dir("runner-1"), Dir("runner-2"), "--root", Dir("merged"));
        var second = CliRunner.Run("merge", Dir("runner-1"), Dir("runner-2"), "--root", Dir("merged"));

        Assert.Equal((0, ""), (first.ExitCode, first.Stderr));
        var lines = first.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([Dir("runner-1"), Dir("runner-2")], lines.Select(l => l.GetProperty("source").GetString()));
        Assert.All(lines, l => Assert.Equal((1, 1, 1, 1, 0), (
            l.GetProperty("events_read").GetInt32(), l.GetProperty("events_added").GetInt32(),
            l.GetProperty("sessions_read").GetInt32(), l.GetProperty("sessions_added").GetInt32(), l.GetProperty("rows_skipped").GetInt32())));
        Assert.Equal(0, second.ExitCode);
        Assert.DoesNotContain("\"events_added\":1", second.Stdout, StringComparison.Ordinal);
        var sessions = CliRunner.Run("sessions", "--root", Dir("merged")).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, sessions.Length);
    }

    [Fact]
    public void Merge_MissingSource_ExitsThreeWithOneLineAndWritesNothing()
    {
        Session("runner-1", "a1", "claude-code");

        var r = CliRunner.Run("merge", Dir("runner-1"), Dir("no-such-runner"), "--root", Dir("merged"));

        Assert.Equal(3, r.ExitCode);
        Assert.Equal($"zos-telemetry: There is no store at {Dir("no-such-runner")}: the directory does not exist.\n", r.Stderr);
        Assert.False(Directory.Exists(Dir("merged")));
    }

    [Fact]
    public void Merge_NoSource_ExitsTwo()
    {
        var r = CliRunner.Run("merge", "--root", Dir("merged"));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("merge: expects at least 1 argument, got 0.", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_IntoItself_ExitsTwo()
    {
        Session("runner-1", "a1", "claude-code");

        var r = CliRunner.Run("merge", Dir("runner-1"), "--root", Dir("runner-1"));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("into itself", r.Stderr, StringComparison.Ordinal);
    }
}
