// Bad command-line arguments: reported as one line plus a pointer to --help, exit code 2.
namespace ZosTelemetry.Cli;

public sealed class UsageException(string message) : Exception(message);
