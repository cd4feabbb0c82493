// Seeded generator of store rows as other writers and accidents produce them: valid rows of every shape the format
// allows (escapes, floats, nulls, unknown nested fields, offsets, duplicates) and broken ones (cut, spliced, retyped).
// The fast scans are proven against RowCodec's complete parse on thousands of these.
using System.Buffers;
using System.Text;
using ZosTelemetry.Events;
using ZosTelemetry.Sessions;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

internal sealed class RowMutator(int seed)
{
    private static readonly string[] Systems = ["claude-code", "codex", "aider", "cursor-agent"];
    private static readonly string[] Kinds = ["user_message", "assistant_message", "cost_tick", "tool_call"];
    private static readonly string[] Models = ["claude-sonnet-4-5", "gpt-5", "openai/gpt-4o", "m+1"];
    private static readonly string[] Markers = ["corr.strong.1", "corr.weak.2", "x.note", "tool.error", "x.c"];

    private readonly Random rng = new(seed);

    public Random Random => rng;

    public TelemetryEvent Event(int sessions = 50)
    {
        var e = RawEvent(sessions);
        return e.Markers.Count == 0 ? e : new TelemetryEvent
        {
            Timestamp = e.Timestamp, SessionId = e.SessionId, System = e.System, Kind = e.Kind, Context = e.Context, Model = e.Model,
            TokensIn = e.TokensIn, TokensOut = e.TokensOut, CostUsd = e.CostUsd, CacheReadTokens = e.CacheReadTokens, CacheHit = e.CacheHit,
            Markers = Make.MarkersAllowed(e.Kind, e.Markers), // only what the kind's family carries (schemas/index.json)
        };
    }

    private TelemetryEvent RawEvent(int sessions) => new()
    {
        Timestamp = new DateTimeOffset(2026, 5 + rng.Next(2), 1 + rng.Next(28), rng.Next(24), rng.Next(60), rng.Next(60), TimeSpan.Zero).AddMilliseconds(rng.Next(3) == 0 ? rng.Next(1000) : 0),
        SessionId = "s-" + rng.Next(sessions) + (rng.Next(10) == 0 ? "+x" : ""),
        System = Pick(Systems),
        Kind = Pick(Kinds),
        Context = rng.Next(3) == 0 ? null : "work",
        Model = rng.Next(4) == 0 ? null : Pick(Models),
        TokensIn = rng.Next(5) == 0 ? 0 : rng.NextInt64(0, 2_000_000),
        TokensOut = rng.NextInt64(0, 50_000),
        CostUsd = rng.Next(6) == 0 ? null : Math.Round(rng.NextDouble() * 3, rng.Next(1, 9)),
        Markers = Enumerable.Range(0, rng.Next(3)).Select(_ => Pick(Markers)).Distinct().ToArray(),
        CacheReadTokens = rng.Next(3) == 0 ? rng.Next(10_000) : null,
        CacheHit = rng.Next(4) == 0 ? rng.Next(2) == 0 : null,
    };

    public SessionSummary Session(int sessions = 50)
    {
        var first = new DateTimeOffset(2026, 5, 1 + rng.Next(28), rng.Next(24), 0, 0, TimeSpan.Zero);
        var last = first.AddSeconds(rng.Next(10_000));
        return new SessionSummary
        {
            SessionId = "s-" + rng.Next(sessions) + (rng.Next(10) == 0 ? "+x" : ""),
            System = Pick(Systems),
            Context = rng.Next(3) == 0 ? null : "work",
            Model = rng.Next(4) == 0 ? null : Pick(Models),
            DetectorVersion = 1 + rng.Next(2),
            Turns = rng.Next(40),
            UserTurns = rng.Next(20),
            Corrections = rng.Next(5),
            Events = rng.Next(100),
            TokensIn = rng.NextInt64(0, 5_000_000),
            TokensOut = rng.NextInt64(0, 500_000),
            CostUsd = Math.Round(rng.NextDouble() * 5, rng.Next(1, 9)),
            FirstTimestamp = first,
            LastTimestamp = last,
            DurationSeconds = (last - first).TotalSeconds,
            ClosedAt = last.AddMinutes(rng.Next(1, 600)).AddMilliseconds(rng.Next(2) == 0 ? rng.Next(1000) : 0),
        };
    }

    public static string Write(TelemetryEvent e)
    {
        var buffer = new ArrayBufferWriter<byte>();
        RowCodec.WriteEvent(buffer, e);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static string Write(SessionSummary s)
    {
        var buffer = new ArrayBufferWriter<byte>();
        RowCodec.WriteSession(buffer, s);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A row as some writer or accident might leave it; about a third stay exactly as written.</summary>
    public string Mutate(string row)
    {
        int n = rng.Next(30);
        return n switch
        {
            < 10 => row,
            10 => row[..rng.Next(row.Length)],                                          // cut
            11 => row.Insert(rng.Next(row.Length), Pick(["\"", ",", "}", "x", " ", "\\", "\u00e9", "\t", "[", "\u0001"])),
            12 => row.Remove(rng.Next(row.Length), 1),                                  // a byte lost
            13 => row.Replace("\"schema\":1", Pick(["\"schema\":2", "\"schema\":1.0", "\"schema\":\"1\"", "\"schema\":01", "\"schema\":null"])),
            14 => row.Replace(":0,", Pick([":0.0,", ":-0,", ":1e2,", ":-1,", ":\"0\",", ":null,", ":00,", ":0.,", ":true,"])),
            15 => row.Replace("Z\"", Pick(["+02:00\"", "\"", ".1234567Z\"", ".12345678Z\"", "-05:30\"", "z\""])),
            16 => row.TrimEnd('}') + "," + Pick(Unknowns) + "}",
            17 => "{" + Pick(Unknowns) + "," + row[1..],
            18 => row.Replace("\"s-", "\"\\u0073-"),                                    // escaped id
            19 => row.Replace("claude-code", Pick(["claude\\u002Dcode", "", "claude-c\u00f6de"])),
            20 => row.Replace("\"markers\":[", Pick(["\"markers\":[\"corr.\\u0078\",", "\"markers\":[1,", "\"markers\":null,\"x\":[", "\"markers\":[null,"])),
            21 => row.Replace(",", Pick([", ", " ,", ",\t", ",\r\n"])),
            22 => row + Pick([" ", "\r", "x", "{}", " \t"]),
            23 => row.Replace("\"kind\":", "\"kind\":\"cost_tick\",\"kind\":"),       // duplicate key, last wins
            24 => row.Replace("\"cost_usd\":", Pick(["\"cost_usd\":1e-3,\"x\":", "\"cost_usd\":null,\"y\":", "\"cost_usd\":12345678901234567890,\"z\":", "\"cost_usd\":1e400,\"w\":"])),
            25 => row.Replace("\"session_id\"", Pick(["\"session\\u005fid\"", "\"Session_id\"", "\"session_id\":null,\"session_id\""])),
            26 => row.Replace("\"tokens_in\":", Pick(["\"tokens_in\":123456789012345678901,\"t\":", "\"tokens_in\":1.5,\"t\":", "\"tokens_in\":9007199254740993,\"t\":"])),
            27 => row.Replace("\"cache_hit\":", Pick(["\"cache_hit\":1,\"c\":", "\"cache_hit\":\"yes\",\"c\":"])).Replace("\"ts_closed\":", Pick(["\"ts_closed\":1,\"c\":", "\"ts_closed\":null,\"c\":"])),
            28 => row.Replace("\"system\":", "\"system\":\"\\ud800\",\"x\":"),           // a lone surrogate
            _ => new string(row.Select(c => rng.Next(200) == 0 ? (char)rng.Next(32, 127) : c).ToArray()),
        };
    }

    private static readonly string[] Unknowns =
    [
        "\"extra\":\"with \\\"escapes\\\" \\u00e9 \\n\"",
        "\"nested\":{\"a\":[1,2.5,-3e-2,{\"b\":null}],\"c\":true}",
        "\"flag\":false",
        "\"n\":-0.0",
        "\"bad\":tru",
        "\"bad\":01",
        "\"bad\":\"\\x\"",
        "\"deep\":" + new string('[', 40) + new string(']', 40),
        "\"deep\":" + new string('[', 70) + new string(']', 70),
        "\"empty\":{}",
        "\"u\":\"\\uD83D\\uDE00\"",
        "\"text\":\"caf\u00e9\"",
    ];

    private T Pick<T>(IReadOnlyList<T> items) => items[rng.Next(items.Count)];
}
