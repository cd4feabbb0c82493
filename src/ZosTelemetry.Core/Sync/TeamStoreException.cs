// A failure of the team database (cannot connect, refused credentials, no schema yet, a refused statement). A store
// error, so the CLI and the cmdlets report it as they report any store failure; its message never holds a password.
using ZosTelemetry.Store;

namespace ZosTelemetry.Sync;

public sealed class TeamStoreException : StoreException
{
    public TeamStoreException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
