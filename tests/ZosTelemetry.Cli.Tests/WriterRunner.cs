// Starts this test assembly as a store-writer process (see WriterProcess) and reads what it acknowledges.
using System.Diagnostics;

namespace ZosTelemetry.Tests;

internal static class WriterRunner
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "ZosTelemetry.Cli.Tests.dll");

    public static Process Start(params string[] args) => StartProcess("dotnet", [Dll, .. args]);

    /// <summary>The real CLI (as CliRunner starts it), started without waiting, for tests that kill it or run it beside other writers.</summary>
    public static Process StartCli(params string[] args) => StartProcess(CliRunner.Command.File, [.. CliRunner.Command.Prefix, .. args]);

    private static Process StartProcess(string file, string[] args)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        return Process.Start(psi)!;
    }

    /// <summary>Waits for a process to finish and fails with its stderr when it did not exit 0.</summary>
    public static void WaitForSuccess(Process p, TimeSpan timeout)
    {
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"writer {p.Id} did not finish within {timeout}");
        }

        Assert.True(p.ExitCode == 0, $"writer exited {p.ExitCode}: {stderr.Result}{stdout.Result}");
    }
}
