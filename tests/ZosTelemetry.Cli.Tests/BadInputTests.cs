// Promise 3: every bad input gets one clear message and an exit code, and leaves the store exactly as it was.
// The cases are the rows of docs/errors.md: each row's exit code and stderr line are what the CLI really prints
// (with $ROOT for the store's path), so the document cannot drift from the program. Cases that need root (a full
// tmpfs, a read-only mount, a directory owned by another user) run where the test can mount; the file-size limit runs
// on every Unix. ZOS_ERRORS_DOC_OUT=FILE writes the rows as they came out, to refresh the document.
using System.Diagnostics;
using System.Globalization;
using ZosTelemetry.Events;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed class BadInputTests : IDisposable
{
    private const string Ts = "2026-06-10T18:00:00Z";

    private readonly TempRoot temp = new();

    public void Dispose() => temp.Dispose();

    /// <summary>One row of docs/errors.md: an input, how to reproduce it, and what the CLI must answer.</summary>
    public sealed record BadInput(string Id, string Title, string[] Args, byte[]? Stdin = null, Dictionary<string, string?>? Environment = null)
    {
        public override string ToString() => Id;
    }

    private static string[] Append(params string[] extra) =>
        ["append", "--session-id", "s1", "--system", "claude-code", "--kind", "user_message", "--ts", Ts, .. extra];

    private static string[] AppendWith(string option, string value)
    {
        var args = Append().ToList();
        int at = args.IndexOf(option);
        if (at >= 0)
        {
            args[at + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        return [.. args];
    }

    public static readonly BadInput[] Cases =
    [
        new("tokens-negative", "negative token count", AppendWith("--tokens-in", "-5")),
        new("tokens-text", "non-numeric token count", AppendWith("--tokens-out", "lots")),
        new("tokens-huge", "token count over 10^12", AppendWith("--tokens-in", "1000000000001")),
        new("tokens-overflow", "token count beyond 64 bits", AppendWith("--tokens-in", "99999999999999999999")),
        new("cost-negative", "negative cost", AppendWith("--cost-usd", "-0.01")),
        new("cost-nan", "NaN cost", AppendWith("--cost-usd", "NaN")),
        new("cost-infinity", "infinite cost", AppendWith("--cost-usd", "Infinity")),
        new("cost-text", "cost with a decimal comma", AppendWith("--cost-usd", "1,50")),
        new("cost-huge", "cost over 1,000,000", AppendWith("--cost-usd", "1000001")),
        new("ts-unparsable", "timestamp that does not parse", AppendWith("--ts", "yesterday")),
        new("ts-future", "timestamp far in the future", AppendWith("--ts", "2999-01-01T00:00:00Z")),
        new("ts-ancient", "timestamp before 2000", AppendWith("--ts", "1999-12-31T23:59:59Z")),
        new("ts-no-zone-text", "timestamp in another format", AppendWith("--ts", "06/10/2026 18:00")),
        new("id-empty", "empty session id", AppendWith("--session-id", "")),
        new("id-long", "session id over 128 characters", AppendWith("--session-id", new string('a', 129))),
        new("id-path", "session id with path separators", AppendWith("--session-id", "../etc/passwd")),
        new("id-control", "session id with a control character", AppendWith("--session-id", "s1\u001b[31m")),
        new("id-email", "e-mail address as session id", AppendWith("--session-id", "alice@example.com")),
        new("system-empty", "empty system", AppendWith("--system", "")),
        new("system-email", "e-mail address as system", AppendWith("--system", "alice@example.com")),
        new("system-long", "system over 64 characters", AppendWith("--system", new string('x', 65))),
        new("context-prose", "prose as context", AppendWith("--context", "please fix the login bug")),
        new("context-spaces", "a name with a space", AppendWith("--context", "my pw")),
        new("id-prose", "session id that reads as a sentence", AppendWith("--session-id", "please-fix-the-login-bug-today")),
        new("marker-unknown", "marker in no vocabulary", AppendWith("--marker", "my.note")),
        new("marker-user-many", "more than 4 x. codes", [.. Append(), .. new[] { "x.my", "x.pw", "x.is", "x.hunter2", "x.ok" }.SelectMany(m => new[] { "--marker", m })]),
        new("context-url", "URL as context", AppendWith("--context", "https://example.com/?q=secret")),
        new("role-path", "path as role", AppendWith("--role", "/home/alice")),
        new("kind-form", "kind outside the allowed form", AppendWith("--kind", "User Message")),
        new("kind-unknown", "kind in no event family", AppendWith("--kind", "deploy")),
        new("marker-family", "marker of a family the kind does not carry", [.. AppendWith("--kind", "tool_result"), "--marker", "corr.strong.1"]),
        new("model-path", "absolute path as model", AppendWith("--model", "/home/alice/models/x")),
        new("model-url", "URL with a query as model", AppendWith("--model", "https://example.com/m?key=1")),
        new("model-email", "e-mail address as model", AppendWith("--model", "jane.doe@example.com")),
        new("marker-form", "marker outside the allowed form", AppendWith("--marker", "Not A Marker")),
        new("marker-many", "more than 32 markers", [.. Append(), .. Enumerable.Range(0, 33).SelectMany(i => new[] { "--marker", $"m{i}" })]),
        new("flag-unknown", "unknown flag", Append("--colour", "red")),
        new("flag-single-dash", "single-dash option", Append("-v")),
        new("flag-no-value", "option without its value", [.. Append(), "--model"]),
        new("flag-twice", "option given twice", Append("--system", "codex")),
        new("flag-value-on-switch", "value given to a switch", Append("--mark-stdin=yes")),
        new("required-missing", "required option missing", ["append", "--session-id", "s1", "--system", "claude-code"]),
        new("positional-extra", "unexpected argument", Append("extra")),
        new("command-unknown", "unknown command", ["apend", "--session-id", "s1"]),
        new("stdin-utf8", "invalid UTF-8 on stdin", Append("--mark-stdin"), [0x6e, 0x6f, 0x2c, 0xff, 0xfe, 0x20]),
        new("lock-timeout-bad", "bad --lock-timeout", Append("--lock-timeout", "forever")),
        new("lock-timeout-env", "bad $ZOS_LOCK_TIMEOUT", Append(), Environment: new() { ["ZOS_LOCK_TIMEOUT"] = "-1" }),
        new("file-locking-off", "file locking disabled in .NET", Append(), Environment: new() { ["DOTNET_SYSTEM_IO_DISABLEFILELOCKING"] = "1" }),
        new("close-unknown", "close of a session without events", ["close", "--session-id", "no-such-session"]),
        new("close-bad-id", "close of an id with a path", ["close", "--session-id", "../x"]),
        new("compare-same", "compare a system with itself", ["compare", "codex", "codex"]),
        new("compare-window", "negative window", ["compare", "a", "b", "--window", "-1"]),
        new("compare-formats", "two output formats", ["compare", "a", "b", "--json", "--markdown"]),
        new("doctor-yes-alone", "--yes without --repair", ["doctor", "--yes"]),
    ];

    public static TheoryData<string> CaseIds => new(Cases.Select(c => c.Id));

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void BadInput_GetsTheDocumentedMessageAndExitCode_StoreUnchanged(string id)
    {
        var c = Cases.Single(x => x.Id == id);
        SeedStore(temp.Path_);
        var before = Snapshot(temp.Path_);

        var r = CliRunner.Run([.. c.Args, "--root", temp.Path_], c.Stdin, c.Environment);

        Assert.Equal(before, Snapshot(temp.Path_));
        Check(c.Id, c.Title, Render(c.Args, c.Stdin, c.Environment), r, temp.Path_);
    }

    [Fact]
    public void BadInput_RootIsAFile_DocumentedMessage()
    {
        Directory.CreateDirectory(temp.Parent);
        File.WriteAllText(temp.Path_, "not a directory");

        var r = CliRunner.Run([.. Append(), "--root", temp.Path_]);

        Assert.Equal("not a directory", File.ReadAllText(temp.Path_));
        Check("root-is-file", "store root that is a file", "append … --root FILE", r, temp.Path_);
    }

    [Fact]
    public void BadInput_StoreBusy_DocumentedMessageAfterTheTimeoutGiven()
    {
        SeedStore(temp.Path_);
        var before = Snapshot(temp.Path_);
        using var held = new FileStream(Path.Combine(temp.Path_, ".lock"), FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        var clock = Stopwatch.StartNew();

        var r = CliRunner.Run([.. Append(), "--lock-timeout", "0.3", "--root", temp.Path_]);

        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.3));
        Assert.Equal(before, Snapshot(temp.Path_));
        Check("store-busy", "store locked by another writer", "append … --lock-timeout 0.3 (while another writer holds the lock)", r, temp.Path_);
    }

    [UnixFact]
    public void BadInput_FileSizeLimitReached_DocumentedMessageFileAsItWas()
    {
        // RLIMIT_FSIZE stands in for a full disk where no tmpfs can be mounted: the write stops part-way (EFBIG) and the
        // partial row must be taken back. SIGXFSZ is ignored, as a shell with `trap '' XFSZ` would, so the write fails
        // instead of killing the process; W^X double mapping is off because it needs files larger than the limit.
        SeedStore(temp.Path_, rows: 4);
        var before = Snapshot(temp.Path_);
        long size = new FileInfo(Path.Combine(temp.Path_, "events-2026-06.jsonl")).Length;
        Assert.InRange(size, 700, 1020); // under the 1 KiB limit, which the next row crosses

        var r = RunUnderShell($"trap '' XFSZ; ulimit -f 1; exec \"$0\" \"$@\"", [CliRunner.Command.File, .. CliRunner.Command.Prefix, .. Append(), "--root", temp.Path_],
            new() { ["DOTNET_EnableWriteXorExecute"] = "0" });

        Assert.Equal(before, Snapshot(temp.Path_));
        Check("file-too-large", "file-size limit reached mid-write", "append … (under ulimit -f 1, 1 KiB)", r, temp.Path_);
    }

    [LinuxRootFact]
    public void BadInput_DiskFull_DocumentedMessageStoreAsItWas()
    {
        using var disk = new TmpfsMount(64);
        string root = Path.Combine(disk.Path, "store");
        string events = Path.Combine(root, "events-2026-06.jsonl");
        for (int rows = 1; !File.Exists(events) || new FileInfo(events).Length % 4096 < 3000; rows++)
        {
            SeedStore(root); // until less than about 1 KB of the file's last 4 KB page is free
        }

        var before = Snapshot(root);
        disk.Fill();

        // A row of about 2 KB: its first part fits in the file's last page, the rest does not (a short write, then ENOSPC).
        var r = CliRunner.Run([.. Append("--model", new string('m', 128)), .. Enumerable.Range(0, 30).SelectMany(i => new[] { "--marker", "x" + new string('m', 60) + i.ToString("D2", CultureInfo.InvariantCulture) }), "--root", root]);

        Assert.Equal(before, Snapshot(root));
        Check("disk-full", "disk full", "append … (store on a full 64 KiB tmpfs)", r, root);
    }

    [LinuxRootFact]
    public void BadInput_ReadOnlyRoot_DocumentedMessageAtOnce()
    {
        using var disk = new TmpfsMount(64);
        string root = Path.Combine(disk.Path, "store");
        SeedStore(root);
        var before = Snapshot(root);
        disk.RemountReadOnly();
        var clock = Stopwatch.StartNew();

        var r = CliRunner.Run([.. Append(), "--lock-timeout", "30", "--root", root]);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "a read-only store must not be waited on as if it were busy");
        Assert.Equal(before, Snapshot(root));
        Check("root-read-only", "read-only store", "append … --lock-timeout 30 (store on a read-only mount)", r, root);
    }

    [LinuxRootFact]
    public void BadInput_RootOwnedByAnotherUser_DocumentedMessageNothingWritten()
    {
        Directory.CreateDirectory(temp.Path_);
        Shell.Check("chown", "65534:65534", temp.Path_);
        Shell.Check("chmod", "777", temp.Path_);

        var r = CliRunner.Run([.. Append(), "--root", temp.Path_]);

        Assert.Empty(Directory.GetFileSystemEntries(temp.Path_));
        Check("root-other-owner", "store directory owned by another user", "append … (root owned by uid 65534, mode 0777)", r, temp.Path_);
    }

    // ---- helpers

    private static void SeedStore(string root, int rows = 1)
    {
        var store = new TelemetryStore(root);
        for (int i = 0; i < rows; i++)
        {
            store.Append(new TelemetryEvent { Timestamp = DateTimeOffset.Parse(Ts, CultureInfo.InvariantCulture), SessionId = $"seed-{i}", System = "claude-code", Kind = EventKinds.UserMessage });
        }
    }


    // Every file's name and bytes; the lock file is always empty and may be held open exclusively, so only its name counts.
    private static SortedDictionary<string, string> Snapshot(string root) => Directory.Exists(root)
        ? new(Directory.GetFiles(root).ToDictionary(f => Path.GetFileName(f), f => Path.GetFileName(f) == ".lock" ? "" : Convert.ToHexString(File.ReadAllBytes(f))), StringComparer.Ordinal)
        : new(StringComparer.Ordinal);

    private static CliResult RunUnderShell(string script, string[] args, Dictionary<string, string?> environment)
    {
        var psi = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (k, v) in environment)
        {
            psi.Environment[k] = v;
        }

        using var p = Process.Start(psi)!;
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return new CliResult(p.ExitCode, stdout.Result, stderr);
    }

    private static string Render(string[] args, byte[]? stdin, Dictionary<string, string?>? environment)
    {
        string shown = string.Join(' ', args.Select(a => a.Length > 24 ? a[..12] + "…(" + a.Length.ToString(CultureInfo.InvariantCulture) + " chars)" : a.Length == 0 || a.Any(char.IsWhiteSpace) || a.Any(char.IsControl) ? "'" + a.Replace("\u001b", "\\e", StringComparison.Ordinal) + "'" : a));
        if (shown.Length > 110)
        {
            shown = shown[..70] + " … " + shown[^30..];
        }

        string env = environment is null ? "" : string.Join(' ', environment.Select(kv => $"{kv.Key}={kv.Value}")) + " ";
        return env + shown + (stdin is null ? "" : " < (" + Convert.ToHexString(stdin) + ")");
    }

    /// <summary>Asserts the result against docs/errors.md (or records it with ZOS_ERRORS_DOC_OUT): exit code and first stderr line.</summary>
    private static void Check(string id, string title, string how, CliResult r, string root)
    {
        string[] errorLines = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(errorLines);
        Assert.Empty(r.Stdout);
        string message = errorLines[0].Replace(root, "$ROOT", StringComparison.Ordinal);

        // One line, or a usage error's line plus the pointer to --help.
        Assert.True(errorLines.Length == 1 || (errorLines.Length == 2 && errorLines[1] == "Try 'zos-telemetry --help'."), r.Stderr);
        Assert.NotEqual(0, r.ExitCode);

        string row = $"| `{id}` | {title} | `{how.Replace("|", "\\|", StringComparison.Ordinal)}` | {r.ExitCode} | `{message}` |";
        if (Environment.GetEnvironmentVariable("ZOS_ERRORS_DOC_OUT") is { Length: > 0 } output)
        {
            lock (typeof(BadInputTests))
            {
                File.AppendAllText(output, row + "\n");
            }

            return;
        }

        var documented = ErrorsDocument.Row(id);
        Assert.True(documented is not null, $"docs/errors.md has no row for `{id}`; add:\n{row}");
        Assert.Equal(documented!.Value.ExitCode, r.ExitCode);
        Assert.Equal(documented.Value.Message, message);
        ReliabilityFigures.Record("bad-input", id);
    }
}

/// <summary>The table rows of docs/errors.md: | `id` | case | `command` | exit | `message` |.</summary>
internal static class ErrorsDocument
{
    private static readonly Lazy<Dictionary<string, (int ExitCode, string Message)>> Rows = new(Load);

    public static (int ExitCode, string Message)? Row(string id) => Rows.Value.TryGetValue(id, out var row) ? row : null;

    private static Dictionary<string, (int, string)> Load()
    {
        var rows = new Dictionary<string, (int, string)>(StringComparer.Ordinal);
        foreach (string line in File.ReadLines(Path.Combine(RepositoryRoot(), "docs", "errors.md")))
        {
            var m = System.Text.RegularExpressions.Regex.Match(line, @"^\| `(?<id>[a-z0-9-]+)` \|.*\| (?<exit>\d) \| `(?<message>.*)` \|$");
            if (m.Success)
            {
                rows[m.Groups["id"].Value] = (int.Parse(m.Groups["exit"].Value, CultureInfo.InvariantCulture), m.Groups["message"].Value);
            }
        }

        return rows;
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Telemetry.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("No folder above the test assembly contains Telemetry.sln.");
    }
}
