// The entry point of this test assembly when it is started as a process (dotnet ZosTelemetry.Cli.Tests.dll ...):
// a store writer for the concurrency and crash tests, which need thousands of appends from each of several real
// processes (one zos-telemetry process per event would take minutes). It appends through the same core call as the
// CLI and the module (TelemetryStore.Append, one lock per call). The test runner never calls Main; it loads the
// assembly as a library.
//
//   append ROOT WRITER COUNT   appends COUNT events, one call each (session ids WRITER-0 .. WRITER-{COUNT-1})
//   loop ROOT WRITER SEED      appends batches of 1-300 events (up to about 80 KB in one write) until killed;
//                              prints "begin N" before and "ack N" after each batch, N being the batch's last index
using System.Globalization;
using ZosTelemetry.Events;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public static class WriterProcess
{
    public static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(120);

    public static int Main(string[] args)
    {
        string root = args[1], writer = args[2];
        var store = new TelemetryStore(root) { LockTimeout = LockTimeout };
        switch (args[0])
        {
            case "append":
                int count = int.Parse(args[3], CultureInfo.InvariantCulture);
                for (int i = 0; i < count; i++)
                {
                    store.Append(Event(writer, i));
                }

                return 0;

            case "loop":
                var random = new Random(int.Parse(args[3], CultureInfo.InvariantCulture));
                var stdout = Console.Out;
                for (int next = 0; ; )
                {
                    int size = 1 + random.Next(300);
                    int last = next + size - 1;
                    stdout.WriteLine($"begin {last}");
                    stdout.Flush();
                    store.Append(Enumerable.Range(next, size).Select(i => Event(writer, i)).ToList());
                    stdout.WriteLine($"ack {last}");
                    stdout.Flush();
                    next = last + 1;
                }

            default:
                Console.Error.WriteLine("usage: append ROOT WRITER COUNT | loop ROOT WRITER SEED");
                return 2;
        }
    }

    /// <summary>A realistic row (about 260 bytes) whose session id says who wrote it and in which order.</summary>
    public static TelemetryEvent Event(string writer, int index) => new()
    {
        Timestamp = DateTimeOffset.UtcNow,
        SessionId = $"{writer}-{index}",
        System = "claude-code",
        Context = "work",
        Role = "assistant",
        Kind = EventKinds.AssistantMessage,
        Model = "claude-sonnet-4-5-20250929",
        TokensIn = 1200 + index,
        TokensOut = 300,
        CostUsd = 0.0081,
        Markers = index % 7 == 0 ? ["corr.strong.1"] : [],
    };
}
