// Opens the store for a command that writes: --root as everywhere, plus how long to wait for the store's lock
// (--lock-timeout SECONDS, else $ZOS_LOCK_TIMEOUT, else 2 s). A bad value is refused before anything is read or written.
using ZosTelemetry.Store;

namespace ZosTelemetry.Cli;

internal static class WriterStore
{
    public const string LockTimeoutOption = "lock-timeout";

    public static TelemetryStore Open(CliContext cli, Arguments a)
    {
        TimeSpan lockTimeout = LockTimeout(a);
        return new TelemetryStore(StoreRoot.Resolve(a.Single("root")), cli.Warn)
        {
            LockTimeout = lockTimeout,
        };
    }

    public static TimeSpan LockTimeout(Arguments a) => LockTimeoutSetting.Resolve(a.Single(LockTimeoutOption));
}
