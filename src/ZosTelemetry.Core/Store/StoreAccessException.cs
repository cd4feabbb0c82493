// The store exists but this user may not write to it: it belongs to someone else, or the file system refuses.
// Kept apart from other store failures so that the module can say PermissionDenied rather than WriteError.
namespace ZosTelemetry.Store;

public sealed class StoreAccessException : StoreException
{
    public StoreAccessException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
