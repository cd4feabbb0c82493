// A row the reader could not use: it is skipped, counted and reported, never fatal.
namespace ZosTelemetry.Store;

public sealed record StoreWarning(string Path, long Line, string Reason)
{
    public override string ToString() => $"{Path}:{Line}: skipped: {Reason}";
}
