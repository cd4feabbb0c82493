// Failures of the store itself (I/O, permissions, a lock that could not be had), as opposed to refused input.
namespace ZosTelemetry.Store;

public class StoreException : Exception
{
    public StoreException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}

/// <summary>Another writer held the store's lock for longer than the caller was willing to wait.</summary>
public sealed class StoreBusyException : StoreException
{
    public StoreBusyException(string message)
        : base(message)
    {
    }
}

/// <summary>A session was asked for that has no events in the store.</summary>
public sealed class SessionNotFoundException : StoreException
{
    public SessionNotFoundException(string sessionId)
        : base($"Session {Events.EventValidator.ShowSessionId(sessionId)} has no events in the store.")
    {
        SessionId = sessionId;
    }

    public string SessionId { get; }
}

/// <summary>A store was named (to merge from, for one) where there is no directory.</summary>
public sealed class StoreNotFoundException : StoreException
{
    public StoreNotFoundException(string path)
        : base($"There is no store at {path}: the directory does not exist.")
    {
        StorePath = path;
    }

    public string StorePath { get; }
}
