// Entry point of the zos-telemetry command. Everything happens in CliApp so tests and hooks see one behaviour.
namespace ZosTelemetry.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        using var stdin = Console.OpenStandardInput();
        using var stdout = Console.OpenStandardOutput();
        using var stderr = Console.OpenStandardError();
        return CliApp.Run(args, stdin, stdout, stderr);
    }
}
