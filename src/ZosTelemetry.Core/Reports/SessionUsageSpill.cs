// The spill path of the session report (UsageReport.StreamBySession): the sessions' partial rows in hash partitions
// of scratch files, each partition merged and sorted on its own into a run file, and the runs merged in the report's
// order (oldest last activity first, then by id) while the rows are enumerated. Memory holds one partition's sessions
// while the runs are made and one row per run while they are merged.
using ZosTelemetry.Pricing;
using ZosTelemetry.Store;
using ZosTelemetry.Store.Spill;

namespace ZosTelemetry.Reports;

internal sealed class SessionUsageSpill : IDisposable
{
    private readonly PriceTable prices;
    private readonly SpillDirectory directory = SpillDirectory.Create();
    private readonly SpillPartitions partitions;

    public SessionUsageSpill(PriceTable prices, int partitionCount)
    {
        this.prices = prices;
        try
        {
            partitions = new SpillPartitions(directory, "part", partitionCount);
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    public int Runs => partitions.Count;

    public string Directory => directory.Path;

    /// <summary>Adds one partial row of a session: its id and system, then the record written by <paramref name="write"/>.</summary>
    public void Add(string session, string system, Action<BinaryWriter> write)
    {
        var w = partitions.Writer(partitions.Of(KeyHash.Hash128(System.Text.Encoding.UTF8.GetBytes(session))));
        w.Write(session);
        w.Write(system);
        write(w);
    }

    /// <summary>Merges each partition (records in the order they were added) and writes it sorted as a run.</summary>
    public void Finish()
    {
        partitions.Complete();
        for (int p = 0; p < partitions.Count; p++)
        {
            var rows = new Dictionary<(string Key, string System), UsageReport.Accumulator>();
            using (var r = partitions.Read(p))
            {
                while (r.HasMore())
                {
                    var id = (r.ReadString(), r.ReadString());
                    if (!rows.TryGetValue(id, out var acc))
                    {
                        rows[id] = acc = new UsageReport.Accumulator(prices);
                    }

                    acc.ReadFrom(r);
                }
            }

            using var run = directory.CreateFile(RunName(p));
            using var w = new BinaryWriter(run);
            foreach (var s in UsageReport.Sorted(rows))
            {
                Write(w, s);
            }
        }

        partitions.Dispose();
    }

    /// <summary>Every session in the report's order: a k-way merge of the runs.</summary>
    public IEnumerable<SessionUsage> Rows()
    {
        var readers = new List<BinaryReader>();
        try
        {
            var queue = new PriorityQueue<(SessionUsage Row, int Run), SessionUsage>(Comparer<SessionUsage>.Create(Order));
            for (int p = 0; p < Runs; p++)
            {
                var r = new BinaryReader(directory.OpenRead(RunName(p)));
                readers.Add(r);
                if (r.HasMore())
                {
                    var row = Read(r);
                    queue.Enqueue((row, p), row);
                }
            }

            while (queue.TryDequeue(out var next, out _))
            {
                yield return next.Row;
                var r = readers[next.Run];
                if (r.HasMore())
                {
                    var row = Read(r);
                    queue.Enqueue((row, next.Run), row);
                }
            }
        }
        finally
        {
            foreach (var r in readers)
            {
                r.Dispose();
            }
        }
    }

    // The order of UsageReport.Sorted. Rows of one id (one per system) share a run and keep their order in it; the
    // queue breaks no tie between runs, since ids differ there.
    private static int Order(SessionUsage x, SessionUsage y)
    {
        int c = x.LastTimestamp.CompareTo(y.LastTimestamp);
        return c != 0 ? c : string.CompareOrdinal(x.SessionId, y.SessionId);
    }

    private static string RunName(int p) => $"run-{p:D3}.bin";

    private static void Write(BinaryWriter w, SessionUsage s)
    {
        w.Write(s.SessionId);
        w.Write(s.System);
        w.Write(s.FirstTimestamp.UtcTicks);
        w.Write(s.LastTimestamp.UtcTicks);
        w.Write(s.UserTurns);
        w.Write(s.Corrections);
        w.Write(s.ToolCalls);
        w.Write(s.ToolFailures);
        w.Write(s.ApiErrors);
        w.Write(s.Interrupts);
        w.Write(s.InputTokens);
        w.Write(s.OutputTokens);
        w.Write(s.CacheWriteTokens);
        w.Write(s.CacheReadTokens);
        w.Write(s.CostUsd);
        w.Write(s.UnpricedEvents);
        w.Write(s.Models.Count);
        foreach (string m in s.Models)
        {
            w.Write(m);
        }

        w.Write(s.Breakdown.Count);
        foreach (var m in s.Breakdown)
        {
            w.Write(m.Model);
            w.Write(m.Events);
            w.Write(m.InputTokens);
            w.Write(m.OutputTokens);
            w.Write(m.CacheWriteTokens);
            w.Write(m.CacheReadTokens);
            w.Write(m.CostUsd);
            w.Write(m.UnpricedEvents);
        }
    }

    private static SessionUsage Read(BinaryReader r)
    {
        string session = r.ReadString(), system = r.ReadString();
        var first = new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero);
        var last = new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero);
        long userTurns = r.ReadInt64(), corrections = r.ReadInt64(), toolCalls = r.ReadInt64(), toolFailures = r.ReadInt64();
        long apiErrors = r.ReadInt64(), interrupts = r.ReadInt64();
        long input = r.ReadInt64(), output = r.ReadInt64(), cacheWrite = r.ReadInt64(), cacheRead = r.ReadInt64();
        double cost = r.ReadDouble();
        long unpriced = r.ReadInt64();
        var models = new string[r.ReadInt32()];
        for (int i = 0; i < models.Length; i++)
        {
            models[i] = r.ReadString();
        }

        var breakdown = new ModelUsage[r.ReadInt32()];
        for (int i = 0; i < breakdown.Length; i++)
        {
            breakdown[i] = new ModelUsage
            {
                Period = session, System = system, Model = r.ReadString(), Events = r.ReadInt64(), InputTokens = r.ReadInt64(),
                OutputTokens = r.ReadInt64(), CacheWriteTokens = r.ReadInt64(), CacheReadTokens = r.ReadInt64(), CostUsd = r.ReadDouble(),
                UnpricedEvents = r.ReadInt64(),
            };
        }

        return new SessionUsage
        {
            SessionId = session, System = system, FirstTimestamp = first, LastTimestamp = last, UserTurns = userTurns,
            Corrections = corrections, ToolCalls = toolCalls, ToolFailures = toolFailures, ApiErrors = apiErrors, Interrupts = interrupts,
            InputTokens = input, OutputTokens = output, CacheWriteTokens = cacheWrite, CacheReadTokens = cacheRead, CostUsd = cost,
            UnpricedEvents = unpriced, Models = models, Breakdown = breakdown,
        };
    }

    public void Dispose()
    {
        partitions.Dispose();
        directory.Dispose();
    }
}

/// <summary>
/// The session report's rows in its order, from memory or from scratch files (UsageReport.StreamBySession); they can
/// be enumerated more than once. Dispose deletes the scratch files.
/// </summary>
public sealed class SessionUsageRows : IEnumerable<SessionUsage>, IDisposable
{
    private readonly IReadOnlyList<SessionUsage>? rows;
    private readonly SessionUsageSpill? spill;

    internal SessionUsageRows(IReadOnlyList<SessionUsage> rows)
    {
        this.rows = rows;
    }

    internal SessionUsageRows(SessionUsageSpill spill)
    {
        this.spill = spill;
    }

    /// <summary>True when the rows come from scratch files (the store had more sessions than the spill threshold).</summary>
    public bool Spilled => spill is not null;

    /// <summary>Where the scratch files are while the rows are alive (tests check its modes and its removal).</summary>
    internal string? ScratchDirectory => spill?.Directory;

    public IEnumerator<SessionUsage> GetEnumerator() => (rows ?? spill!.Rows()).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public void Dispose() => spill?.Dispose();
}
