// What the importer has already stored: the 64-bit keys of every imported event (and of replay and session markers),
// kept in memory as a hash set and on disk as an append-only file of 8-byte values (import-seen.bin beside the sinks).
// Keys are appended only after the events they stand for are in the store, so the file never claims an event that
// is missing; events stored but not yet recorded here (a killed import) are recovered from the store itself.
using System.Buffers.Binary;

namespace ZosTelemetry.Import;

public sealed class ImportSeenSet
{
    public const string FileName = "import-seen.bin";

    private readonly HashSet<ulong> keys;
    private readonly List<ulong> pending = new();

    private ImportSeenSet(HashSet<ulong> keys)
    {
        this.keys = keys;
    }

    public int Count => keys.Count;

    public static ImportSeenSet Load(string root)
    {
        string path = Path.Combine(root, FileName);
        if (!File.Exists(path))
        {
            return new ImportSeenSet(new HashSet<ulong>());
        }

        byte[] bytes = File.ReadAllBytes(path);
        var set = new HashSet<ulong>(bytes.Length / 8);
        for (int i = 0; i + 8 <= bytes.Length; i += 8)
        {
            set.Add(BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(i, 8)));
        }

        return new ImportSeenSet(set);
    }

    public bool Contains(ImportKey key) => keys.Contains(key.Value);

    /// <summary>Adds a key; true when it was new. New keys are written by the next Flush.</summary>
    public bool Add(ImportKey key)
    {
        if (!keys.Add(key.Value))
        {
            return false;
        }

        pending.Add(key.Value);
        return true;
    }

    /// <summary>Appends the keys added since the last flush. A torn last value (a killed writer) is ignored by Load.</summary>
    public void Flush(string root)
    {
        if (pending.Count == 0)
        {
            return;
        }

        byte[] bytes = new byte[pending.Count * 8];
        for (int i = 0; i < pending.Count; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(i * 8, 8), pending[i]);
        }

        string path = Path.Combine(root, FileName);
        var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.Read };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, options))
        {
            // A previous writer killed mid-value left a length that is not a multiple of 8: realign first.
            long torn = stream.Length % 8;
            if (torn != 0)
            {
                stream.Write(new byte[8 - torn]);
            }

            stream.Write(bytes);
        }

        pending.Clear();
    }
}
