// Turns the few distinct names of a scan (systems, models, contexts) into strings once each, not once per row.
using System.Text;

namespace ZosTelemetry.Store;

internal sealed class Utf8Names
{
    private readonly List<(byte[] Bytes, string Name)> names = new();
    private int last = -1;

    /// <summary>The index of the name, adding it the first time it is seen.</summary>
    public int IndexOf(ReadOnlySpan<byte> utf8)
    {
        if (last >= 0 && names[last].Bytes.AsSpan().SequenceEqual(utf8))
        {
            return last;
        }

        for (int i = 0; i < names.Count; i++)
        {
            if (names[i].Bytes.AsSpan().SequenceEqual(utf8))
            {
                return last = i;
            }
        }

        names.Add((utf8.ToArray(), Encoding.UTF8.GetString(utf8)));
        return last = names.Count - 1;
    }

    public string this[int index] => names[index].Name;

    public int Count => names.Count;
}
