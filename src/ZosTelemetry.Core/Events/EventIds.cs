// Event ids: every event the store appends gets one unless its writer gave one, so that merging stores can tell
// "the same event seen twice" from "two events that happen to look alike". The id is random (128 bits, 32 lower-case
// hex digits): it says nothing about the event, the user or the machine, so it keeps the store content-free.
namespace ZosTelemetry.Events;

public static class EventIds
{
    public const int Length = 32;

    /// <summary>A new random id: 32 lower-case hex digits.</summary>
    /// <remarks>
    /// Guid.NewGuid draws from the operating system's secure random source (CoCreateGuid on Windows, the runtime's
    /// CSPRNG elsewhere) without loading System.Security.Cryptography, which cost a single append about 7 ms of start-up.
    /// A version-4 guid fixes 6 of its 128 bits (version in byte 7, variant in byte 8 of ToByteArray's layout), so two
    /// are combined: the second, its halves swapped, puts random bytes over the first one's fixed ones and its own fixed
    /// bytes over random ones (0 and 15), and the XOR of the two is 128 random bits.
    /// </remarks>
    public static string New()
    {
        Span<byte> a = stackalloc byte[16];
        Span<byte> b = stackalloc byte[16];
        Guid.NewGuid().TryWriteBytes(a); // the layout of ToByteArray
        Guid.NewGuid().TryWriteBytes(b);
        Span<char> hex = stackalloc char[Length];
        for (int i = 0; i < 16; i++)
        {
            int x = a[i] ^ b[(i + 8) & 15];
            hex[2 * i] = HexDigit(x >> 4);
            hex[(2 * i) + 1] = HexDigit(x & 15);
        }

        return new string(hex);
    }

    /// <summary>
    /// Ids for a batch. Each guid is one read of the operating system's random source (a system call), which cost a
    /// batch append of a million events two million calls; a batch draws all its bytes in one call instead, through
    /// System.Security.Cryptography, which a batch's process can afford to load and a single append (one id) does not.
    /// </summary>
    public static string[] New(int count) => count switch
    {
        <= 0 => Array.Empty<string>(),
        1 => new[] { New() },
        _ => FromSecureBytes(count),
    };

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static string[] FromSecureBytes(int count)
    {
        byte[] random = System.Security.Cryptography.RandomNumberGenerator.GetBytes(16 * count);
        var ids = new string[count];
        var hex = new char[Length];
        for (int k = 0; k < count; k++)
        {
            for (int i = 0; i < 16; i++)
            {
                int x = random[(16 * k) + i];
                hex[2 * i] = HexDigit(x >> 4);
                hex[(2 * i) + 1] = HexDigit(x & 15);
            }

            ids[k] = new string(hex);
        }

        return ids;
    }

    private static char HexDigit(int v) => (char)(v < 10 ? '0' + v : 'a' + v - 10);
}
