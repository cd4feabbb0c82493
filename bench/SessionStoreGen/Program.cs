// session-store-gen ROOT COUNT [MONTHS]: writes COUNT sessions of one assistant event and one summary row each, the
// store issue 11.3 measured memory on (1M such sessions: about 541 MB). Sessions alternate between claude-code and
// codex, so `compare claude-code codex` compares all of them. Rows are streamed month by month in time order through
// RowCodec (byte for byte what the CLI writes), so the generator itself holds one buffer, not the sessions.
using System.Buffers;
using System.Globalization;
using ZosTelemetry.Events;
using ZosTelemetry.Sessions;
using ZosTelemetry.Store;

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: session-store-gen ROOT COUNT [MONTHS]");
    return 2;
}

string root = args[0];
long count = long.Parse(args[1], CultureInfo.InvariantCulture);
int months = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 12;
Directory.CreateDirectory(root);
var first = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
string[] systems = ["claude-code", "codex"];
string[] models = ["claude-sonnet-4-5", "gpt-5"];
var clock = System.Diagnostics.Stopwatch.StartNew();
long written = 0;
for (int m = 0; m < months; m++)
{
    var start = first.AddMonths(m);
    long n = (count - written) / (months - m);
    long spanTicks = (start.AddMonths(1) - start).Ticks - TimeSpan.FromHours(1).Ticks;
    using var events = new Sink(Path.Combine(root, SinkFiles.FileName(SinkKind.Events, start)));
    using var sessions = new Sink(Path.Combine(root, SinkFiles.FileName(SinkKind.Sessions, start)));
    for (long i = 0; i < n; i++)
    {
        long k = written + i;
        int side = (int)(k % 2);
        string id = "s" + k.ToString("D9", CultureInfo.InvariantCulture);
        var ts = start.AddTicks(spanTicks / n * i);
        ts = new DateTimeOffset(ts.UtcTicks - (ts.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        long tokensIn = 500 + (k * 7919 % 40_000), tokensOut = 50 + (k * 104729 % 2_500);
        double cost = Math.Round(((tokensIn * 3.0) + (tokensOut * 15.0)) / 1e6, 6);
        var e = new TelemetryEvent
        {
            EventId = "e" + k.ToString("D12", CultureInfo.InvariantCulture),
            SessionId = id, System = systems[side], Context = "repo-" + (k % 40).ToString("D2", CultureInfo.InvariantCulture),
            Role = "assistant", Kind = EventKinds.AssistantMessage, Model = models[side], Timestamp = ts,
            TokensIn = tokensIn, TokensOut = tokensOut, CostUsd = cost, Markers = [],
        };
        RowCodec.WriteEvent(events.Buffer, e);
        events.EndRow();
        var s = new SessionSummary
        {
            SessionId = id, System = systems[side], Context = e.Context, Model = models[side], DetectorVersion = 1,
            Turns = 1, UserTurns = 0, Corrections = 0, Events = 1, TokensIn = tokensIn, TokensOut = tokensOut, CostUsd = cost,
            FirstTimestamp = ts, LastTimestamp = ts, DurationSeconds = 0, ClosedAt = ts.AddSeconds(60),
        };
        RowCodec.WriteSession(sessions.Buffer, s);
        sessions.EndRow();
    }

    written += n;
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generated {written} one-event sessions in {clock.Elapsed.TotalSeconds:0.0} s"));
return 0;

/// <summary>A month file written in 1 MiB blocks.</summary>
internal sealed class Sink(string path) : IDisposable
{
    private readonly FileStream file = new(path, FileMode.Create, FileAccess.Write, FileShare.Read, 0);

    public ArrayBufferWriter<byte> Buffer { get; } = new(2 << 20);

    public void EndRow()
    {
        Buffer.Write("\n"u8);
        if (Buffer.WrittenCount > 1 << 20)
        {
            file.Write(Buffer.WrittenSpan);
            Buffer.ResetWrittenCount();
        }
    }

    public void Dispose()
    {
        file.Write(Buffer.WrittenSpan);
        file.Dispose();
    }
}
