// Users' own short codes, x. and 1-16 characters of a-z 0-9 _ -: the one namespace users may fill with their own
// event kinds and markers (schemas/index.json: the custom family's kind_pattern and the x marker family's regex, which
// ContractTests keep equal to this). Written out rather than as a regular expression, because append checks it and a
// hook's append should not load System.Text.RegularExpressions.
namespace ZosTelemetry.Events;

public static class UserCodes
{
    public const string Prefix = "x.";
    public const int MaxCodeLength = 16;

    /// <summary>The rule as a regular expression, for the docs and the tests that compare it with the registry.</summary>
    public const string Expression = @"^x\.[a-z0-9_-]{1,16}$";

    public static bool IsUserCode(ReadOnlySpan<char> text)
    {
        if (text.Length <= Prefix.Length || text.Length > Prefix.Length + MaxCodeLength || !text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (char c in text[Prefix.Length..])
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>IsUserCode over the UTF-8 bytes of a stored row (the readers' fast path).</summary>
    public static bool IsUserCode(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length <= Prefix.Length || utf8.Length > Prefix.Length + MaxCodeLength || utf8[0] != (byte)'x' || utf8[1] != (byte)'.')
        {
            return false;
        }

        foreach (byte c in utf8[Prefix.Length..])
        {
            if (!(c is >= (byte)'a' and <= (byte)'z' || c is >= (byte)'0' and <= (byte)'9' || c is (byte)'_' or (byte)'-'))
            {
                return false;
            }
        }

        return true;
    }
}
