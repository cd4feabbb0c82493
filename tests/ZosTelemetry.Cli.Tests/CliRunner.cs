// Runs the real zos-telemetry as a separate process (dotnet zos-telemetry.dll), as hooks and scripts do; or, when
// ZOS_TEST_CLI names an executable, that one instead: .ci/run runs this suite again against the installed tool (the
// Native AOT executable of the platform's package), so its behaviour is proven by the same tests as the JIT build's.
using System.Diagnostics;
using System.Text;

namespace ZosTelemetry.Tests;

public sealed record CliResult(int ExitCode, string Stdout, string Stderr);

public static class CliRunner
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "zos-telemetry.dll");

    /// <summary>The executable ZOS_TEST_CLI names, or null for `dotnet zos-telemetry.dll`.</summary>
    public static string? Executable { get; } = Environment.GetEnvironmentVariable("ZOS_TEST_CLI") is { Length: > 0 } path ? path : null;

    /// <summary>How to start the CLI: the executable and the arguments that come before the command's own.</summary>
    public static (string File, string[] Prefix) Command => Executable is null ? ("dotnet", [Dll]) : (Executable, []);

    public static CliResult Run(IEnumerable<string> args, byte[]? stdin = null, IDictionary<string, string?>? environment = null)
    {
        var (file, prefix) = Command;
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (string a in prefix.Concat(args))
        {
            psi.ArgumentList.Add(a);
        }

        if (environment is not null)
        {
            foreach (var (k, v) in environment)
            {
                psi.Environment[k] = v;
            }
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            p.StandardInput.BaseStream.Write(stdin);
        }

        p.StandardInput.Close();
        if (!p.WaitForExit(60_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("zos-telemetry did not finish within 60 s: " + string.Join(' ', args));
        }

        return new CliResult(p.ExitCode, stdout.Result, stderr.Result);
    }

    public static CliResult Run(params string[] args) => Run(args, null, null);

    public static CliResult RunWithStdin(string stdin, params string[] args) => Run(args, Encoding.UTF8.GetBytes(stdin), null);
}

/// <summary>A private temporary store root, deleted afterwards.</summary>
public sealed class TempRoot : IDisposable
{
    public TempRoot()
    {
        Parent = Path.Combine(Path.GetTempPath(), "zos-cli-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Parent);
        Path_ = System.IO.Path.Combine(Parent, "store");
    }

    public string Parent { get; }

    public string Path_ { get; }

    /// <summary>Every byte of every file under the root, for proving what is and is not stored.</summary>
    public byte[] AllBytes() => Directory.Exists(Path_)
        ? Directory.EnumerateFiles(Path_, "*", SearchOption.AllDirectories).OrderBy(f => f).SelectMany(File.ReadAllBytes).ToArray()
        : Array.Empty<byte>();

    public string[] Lines(string pattern) => Directory.Exists(Path_)
        ? Directory.EnumerateFiles(Path_, pattern).OrderBy(f => f).SelectMany(File.ReadAllLines).Where(l => l.Length > 0).ToArray()
        : Array.Empty<string>();

    public void Dispose()
    {
        try
        {
            Directory.Delete(Parent, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
