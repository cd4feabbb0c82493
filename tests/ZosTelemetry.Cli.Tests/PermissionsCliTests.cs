// Promise 6: the store is private to its user from the moment each directory and file exists: modes are given to
// mkdir(2) and open(2) themselves (never a chmod after), so even a process whose umask is 000 creates 0700 and 0600.
using System.Diagnostics;
using System.Runtime.Versioning;

namespace ZosTelemetry.Tests;

[UnsupportedOSPlatform("windows")]
public sealed class PermissionsCliTests : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateDirectory = Private | UnixFileMode.UserExecute;

    private readonly TempRoot temp = new();

    public void Dispose() => temp.Dispose();

    private static CliResult UnderUmaskZero(params string[] args)
    {
        var psi = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("umask 000; exec \"$0\" \"$@\"");
        foreach (string a in (string[])[CliRunner.Command.File, .. CliRunner.Command.Prefix, .. args])
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return new CliResult(p.ExitCode, stdout.Result, stderr);
    }

    [UnixFact]
    public void EveryWrite_UnderUmaskZero_CreatesPrivateDirectoriesAndFiles()
    {
        // Two levels that do not exist yet: every directory created on the way is private too.
        string root = Path.Combine(temp.Parent, "zos-home", "telemetry");
        Assert.Equal(0, UnderUmaskZero("append", "--root", root, "--session-id", "s1", "--system", "a", "--kind", "user_message").ExitCode);
        Assert.Equal(0, UnderUmaskZero("close", "--root", root, "--session-id", "s1").ExitCode);
        File.AppendAllText(Directory.GetFiles(root, "events-*.jsonl").Single(), "garbage\n");
        File.SetUnixFileMode(Directory.GetFiles(root, "events-*.jsonl").Single(), Private);
        Assert.Equal(0, UnderUmaskZero("doctor", "--root", root, "--repair", "--yes").ExitCode); // the rewrite is a new file

        Assert.Equal(PrivateDirectory, File.GetUnixFileMode(Path.Combine(temp.Parent, "zos-home")));
        Assert.Equal(PrivateDirectory, File.GetUnixFileMode(root));
        string[] files = Directory.GetFiles(root);
        Assert.Equal(3, files.Length); // .lock, events, sessions
        Assert.All(files, f => Assert.Equal(Private, File.GetUnixFileMode(f)));
    }

    [UnixFact]
    public void Doctor_FileOpenToOthers_ReportedAndRepairedToPrivate()
    {
        string root = temp.Path_;
        Assert.Equal(0, CliRunner.Run("append", "--root", root, "--session-id", "s1", "--system", "a", "--kind", "user_message").ExitCode);
        string events = Directory.GetFiles(root, "events-*.jsonl").Single();
        File.SetUnixFileMode(events, Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var report = CliRunner.Run("doctor", "--root", root);
        var repair = CliRunner.Run("doctor", "--root", root, "--repair", "--yes");

        Assert.Equal(1, report.ExitCode);
        Assert.Matches(@"0644\s+repairable", report.Stdout);
        Assert.Equal(0, repair.ExitCode);
        Assert.Contains("permissions set to 0600", repair.Stderr, StringComparison.Ordinal);
        Assert.Equal(Private, File.GetUnixFileMode(events));
    }
}
