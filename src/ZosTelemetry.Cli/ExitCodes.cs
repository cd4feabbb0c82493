// The exit codes a hook can rely on (documented in the README): a hook that must never fail its host
// can ignore all of them deliberately, e.g. `zos-telemetry append ... || true`.
namespace ZosTelemetry.Cli;

public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Nothing to act on: close of a session without events; detect with unusable input lines.</summary>
    public const int NotFound = 1;

    /// <summary>Bad arguments or a refused value: nothing was written.</summary>
    public const int Usage = 2;

    /// <summary>The store could not be read or written (I/O, permissions, root is a file).</summary>
    public const int StoreError = 3;

    /// <summary>Another writer held the store's lock past the wait limit: nothing was written.</summary>
    public const int Busy = 4;

    /// <summary>export --otlp: the receiver refused the export or could not be reached; unsent sessions stay unsent.</summary>
    public const int Receiver = 5;
}
