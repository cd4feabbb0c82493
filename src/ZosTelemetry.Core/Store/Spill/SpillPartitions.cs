// Hash partitions of spilled records: every record of one key goes to the same partition file, in the order it was
// written, so a partition can later be aggregated on its own, with a table of its keys only. The number of partitions
// is chosen from an estimate of the keys, so that one partition holds about as many keys as the threshold that made
// the caller spill.
namespace ZosTelemetry.Store.Spill;

internal sealed class SpillPartitions : IDisposable
{
    private readonly SpillDirectory directory;
    private readonly string prefix;
    private readonly FileStream[] files;
    private readonly BinaryWriter[] writers;
    private bool closed;

    public SpillPartitions(SpillDirectory directory, string prefix, int count)
    {
        this.directory = directory;
        this.prefix = prefix;
        files = new FileStream[count];
        writers = new BinaryWriter[count];
        for (int p = 0; p < count; p++)
        {
            files[p] = directory.CreateFile(Name(p));
            writers[p] = new BinaryWriter(files[p], System.Text.Encoding.UTF8, leaveOpen: true);
        }
    }

    public int Count => files.Length;

    /// <summary>Partitions for about <paramref name="keys"/> keys at most <paramref name="perPartition"/> a partition (2 to 512).</summary>
    public static int CountFor(long keys, long perPartition) =>
        (int)Math.Clamp((keys / Math.Max(1, perPartition)) + 1, 2, 512);

    /// <summary>The partition of a 128-bit key hash: its top bits, which the hash spreads evenly.</summary>
    public int Of(UInt128 key) => (int)((ulong)(key >> 64) % (ulong)files.Length);

    public BinaryWriter Writer(int partition) => writers[partition];

    /// <summary>Ends the writing (closes the files); the partitions can then be read, each once or more.</summary>
    public void Complete() => Dispose();

    /// <summary>A reader of one partition from its start (after Complete); false from HasMore at its end.</summary>
    public BinaryReader Read(int partition)
    {
        var stream = directory.OpenRead(Name(partition));
        return new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: false);
    }

    private string Name(int p) => $"{prefix}-{p:D3}.bin";

    public void Dispose()
    {
        if (closed)
        {
            return;
        }

        closed = true;
        foreach (var w in writers)
        {
            w.Dispose();
        }

        foreach (var f in files)
        {
            f.Dispose();
        }
    }
}

internal static class SpillReading
{
    /// <summary>True while the reader's stream has bytes left.</summary>
    public static bool HasMore(this BinaryReader reader) => reader.BaseStream.Position < reader.BaseStream.Length;
}
