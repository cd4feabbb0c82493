// The one rule for a window of instants (since inclusive, until exclusive), shared by the CLI, the cmdlets and the
// savings report: either end may be open, and when both are given since must come before until, because a window
// that ends before it starts is a mistake in the arguments, never a request for nothing.
namespace ZosTelemetry.Store;

public static class TimeWindow
{
    public static void Check(DateTimeOffset? since, DateTimeOffset? until)
    {
        if (since is DateTimeOffset s && until is DateTimeOffset u && s >= u)
        {
            throw new ArgumentException($"Since ({Iso8601.Format(s)}) must be before Until ({Iso8601.Format(u)}).");
        }
    }
}
