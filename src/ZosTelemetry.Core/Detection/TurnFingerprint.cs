// What the repeat signal (corr.repeat) remembers of a user turn: the salted hashes of its shingles (each folded
// token and each pair of neighbouring tokens), cut to 16 bits each, at most MaxShingles of them (the smallest by
// full hash, so two turns keep comparable samples). 16 bits per shingle cannot be read back into words: every value
// stands for tens of thousands of possible word pairs; what it allows is to tell whether a new turn shares most of
// its shingles with the previous one. A turn repeats the previous one when it has at least MinTokens tokens and
// the shingle sets overlap by RepeatSimilarity or more (Jaccard).
using System.Buffers.Binary;

namespace ZosTelemetry.Detection;

public sealed class TurnFingerprint
{
    public const int MaxShingles = 64;

    /// <summary>Jaccard overlap of two turns' shingles from which the second restates the first.</summary>
    public const double RepeatSimilarity = 0.6;

    /// <summary>Shorter turns ("yes", "continue", "go on") are repeated on purpose and never count.</summary>
    public const int MinTokens = 4;

    private readonly ushort[] values;

    private TurnFingerprint(ushort[] values, int tokens, ulong salt)
    {
        this.values = values;
        Tokens = tokens;
        Salt = salt;
    }

    public int Tokens { get; }

    /// <summary>The key the shingles were hashed with; two fingerprints compare only under the same salt.</summary>
    public ulong Salt { get; }

    public ReadOnlySpan<ushort> Values => values;

    /// <summary>A fingerprint read back from its stored form.</summary>
    public static TurnFingerprint FromValues(ulong salt, int tokens, ReadOnlySpan<ushort> values)
    {
        var v = values[..Math.Min(values.Length, MaxShingles)].ToArray();
        Array.Sort(v);
        return new TurnFingerprint(v, tokens, salt);
    }

    /// <summary>The fingerprint of a message under a salt (folded and tokenised as the detector reads it).</summary>
    public static TurnFingerprint Of(string text, ulong salt)
    {
        var m = new AnalysedMessage();
        m.Load(text);
        return Of(m, salt);
    }

    internal static TurnFingerprint Of(AnalysedMessage m, ulong salt)
    {
        int n = m.TokenCount;
        Span<ulong> hashes = n * 2 <= 512 ? stackalloc ulong[n * 2] : new ulong[n * 2];
        int count = 0;
        ulong previous = 0;
        for (int i = 0; i < n; i++)
        {
            ulong h = Hash(m.TokenText(i), salt);
            hashes[count++] = h;
            if (i > 0 && m.SentenceOf(i - 1) == m.SentenceOf(i))
            {
                hashes[count++] = Mix(previous * 31 + h);
            }

            previous = h;
        }

        var used = hashes[..count];
        used.Sort();
        var values = new List<ushort>(Math.Min(count, MaxShingles));
        for (int i = 0; i < used.Length && values.Count < MaxShingles; i++)
        {
            if (i > 0 && used[i] == used[i - 1])
            {
                continue;
            }

            ushort v = (ushort)used[i]; // low bits: the sample is the smallest hashes, whose high bits are all near zero
            if (!values.Contains(v))
            {
                values.Add(v);
            }
        }

        var array = values.ToArray();
        Array.Sort(array);
        return new TurnFingerprint(array, n, salt);
    }

    /// <summary>Jaccard overlap of the two shingle sets.</summary>
    public double Similarity(TurnFingerprint other)
    {
        if (other.Salt != Salt || values.Length == 0 || other.values.Length == 0)
        {
            return 0;
        }

        int i = 0, j = 0, shared = 0;
        while (i < values.Length && j < other.values.Length)
        {
            int c = values[i].CompareTo(other.values[j]);
            if (c == 0)
            {
                shared++;
                i++;
                j++;
            }
            else if (c < 0)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return (double)shared / (values.Length + other.values.Length - shared);
    }

    /// <summary>Whether this turn restates the previous one.</summary>
    public bool Repeats(TurnFingerprint previous) =>
        Tokens >= MinTokens && previous.Tokens >= MinTokens && Similarity(previous) >= RepeatSimilarity;

    /// <summary>A fresh random salt for a new session.</summary>
    /// <remarks>
    /// From two guids, which draw from the operating system's secure random source without loading
    /// System.Security.Cryptography (its first use cost an import 11 ms of start-up; issue 15). A version-4 guid fixes
    /// 6 of its 128 bits, in bytes 7 and 8: the first guid's bytes 0-7 XOR the second's bytes 8-15 put random bytes over
    /// each fixed one, so the 64 bits are all random (as EventIds.New does for 128).
    /// </remarks>
    public static ulong NewSalt()
    {
        Span<byte> a = stackalloc byte[16];
        Span<byte> b = stackalloc byte[16];
        Guid.NewGuid().TryWriteBytes(a);
        Guid.NewGuid().TryWriteBytes(b);
        return BinaryPrimitives.ReadUInt64LittleEndian(a) ^ BinaryPrimitives.ReadUInt64LittleEndian(b[8..]);
    }

    private static ulong Hash(ReadOnlySpan<char> token, ulong salt)
    {
        ulong h = 14695981039346656037UL ^ salt;
        foreach (char c in token)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        return Mix(h ^ salt);
    }

    // splitmix64's finaliser: spreads the FNV state so the top 16 bits are as good as any.
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
