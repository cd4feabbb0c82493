// A seeded generator of events (valid, boundary and hostile field values) and of mutated store lines, for the
// randomised tests of the validator, the row codec and the readers.
using System.Buffers;
using System.Text;
using ZosTelemetry.Events;
using ZosTelemetry.Sessions;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

internal sealed class RandomRows(int seed)
{
    private static readonly string[] Names =
        ["claude-code", "codex", "a", "big-repo", "big repo", "x y z", "w x y z", "", " lead", "trail ", "two  spaces", "ünï", "tab\tname", "e@x.io", "a/b", "claude.ai",
         "CON", "..", "-", "_", "::", "a+b", "name\u0000", "line\nbreak", "\u202Eevil", "😀", new string('n', 64), new string('n', 65)];

    private static readonly string[] SessionIds =
        ["s1", "0b5e7a2c-6f0d-4a8e-9d63-1c2b3a4d5e6f", "sess_2026.06.10:run+1", "", "-lead", "../x", "a\\b", "a b", "a\u0007", new string('s', 128), new string('s', 129), "ünï", "x@y.z"];

    private static readonly string[] Kinds = ["user_message", "assistant_message", "cost_tick", "x.call_end-2", "", "User_message", "1x", "a b", "x/y", new string('k', 64), new string('k', 65)];

    private static readonly string[] Models =
        ["claude-sonnet-4-5", "openai/gpt-4o", "claude-3-5-sonnet@20240620", "/usr/models/x", "../x", "a//b", "https://e.com/m", "www.e.com/m", "a@b.com", "a b", "m?", new string('m', 128), new string('m', 129), ""];

    private static readonly string[] Markers = ["corr.strong.1", "tool.error", "x.ok", "corr.weak.2", "tool.fail", "a", "", "Corr", "a b", "x/y", new string('m', 64), new string('m', 65), "ü"];

    private static readonly string[] ValueTokens =
        ["1e999", "-1", "-0", "0.5", "\"x\"", "null", "[]", "{}", "NaN", "\"NaN\"", "99999999999999999999999", "1.0e2", "true", "\"\"",
         "\"2026-13-01T00:00:00Z\"", "\"0001-01-01T00:00:00+14:00\"", "\"9999-12-31T23:59:59-14:00\"", "\"2026-06-10\"", "\"2026-06-10T12:00:00\"",
         "\"\\u0000\"", "\"\\ud800\"", "[\"corr.x\",1]", "{\"a\":[[[[]]]]}", "2147483648", "-2147483649"];

    private readonly Random random = new(seed);

    public int Next(int max) => random.Next(max);

    /// <summary>A valid event with none, one or a few of its fields replaced by hostile values.</summary>
    public TelemetryEvent Event(DateTimeOffset now)
    {
        var e = new TelemetryEvent
        {
            Timestamp = now.AddSeconds(-random.NextInt64(0, 86_400L * 365 * 5)).ToOffset(TimeSpan.FromMinutes(random.Next(-14 * 60, 14 * 60 + 1))),
            SessionId = SessionIds[random.Next(3)],
            System = Names[random.Next(2)],
            Context = Pick(2) ? null : "big repo",
            Role = Pick(2) ? null : "user",
            Kind = Kinds[random.Next(4)],
            Model = Pick(2) ? null : Models[random.Next(3)],
            TokensIn = random.Next(1_000_000),
            TokensOut = random.Next(1_000_000),
            CostUsd = Pick(3) ? null : random.NextDouble(),
            Markers = Pick(2) ? [] : [Markers[random.Next(2)]],
        };
        e = With(e, markers: Make.MarkersAllowed(e.Kind, e.Markers)); // a valid base carries only its family's markers

        int broken = random.Next(10) < 3 ? 0 : 1 + random.Next(3);
        for (int i = 0; i < broken; i++)
        {
            e = Break(e, now);
        }

        return e;
    }

    private TelemetryEvent Break(TelemetryEvent e, DateTimeOffset now) => random.Next(19) switch
    {
        0 => With(e, schema: random.Next(-1, 3)),
        1 => With(e, ts: Timestamp(now)),
        2 => With(e, sessionId: Pick(3) ? RandomText() : One(SessionIds)),
        3 => With(e, system: Pick(3) ? RandomText() : One(Names)),
        4 => With(e, context: Pick(3) ? RandomText() : One(Names)),
        5 => With(e, role: One(Names)),
        6 => With(e, kind: Pick(3) ? RandomText() : One(Kinds)),
        7 => With(e, model: Pick(3) ? RandomText() : One(Models)),
        8 => With(e, tokensIn: Count()),
        9 => With(e, tokensOut: Count()),
        10 => With(e, cost: Cost()),
        11 => With(e, markers: Enumerable.Range(0, Pick(4) ? random.Next(30, 40) : random.Next(1, 4)).Select(_ => Pick(3) ? RandomText() : One(Markers)).ToArray()),
        12 => With(e, cacheRead: Count()),
        13 => With(e, cacheWrite: Count()),
        14 => With(e, provider: One(Names)),
        15 => With(e, tier: One(Names)),
        16 => With(e, durationMs: Count()),
        17 => With(e, user: Pick(2) ? "0123456789abcdef" : RandomText()),
        _ => With(e, eventId: Pick(2) ? "ev-" + random.Next() : RandomText()),
    };

    private static TelemetryEvent With(
        TelemetryEvent e, int? schema = null, DateTimeOffset? ts = null, string? sessionId = null, string? system = null, string? context = null,
        string? role = null, string? kind = null, string? model = null, long? tokensIn = null, long? tokensOut = null, double? cost = null,
        string[]? markers = null, long? cacheRead = null, long? cacheWrite = null, string? provider = null, string? tier = null, long? durationMs = null,
        string? user = null, string? eventId = null) => new()
        {
            Schema = schema ?? e.Schema,
            Timestamp = ts ?? e.Timestamp,
            SessionId = sessionId ?? e.SessionId,
            System = system ?? e.System,
            Context = context ?? e.Context,
            Role = role ?? e.Role,
            Kind = kind ?? e.Kind,
            Model = model ?? e.Model,
            TokensIn = tokensIn ?? e.TokensIn,
            TokensOut = tokensOut ?? e.TokensOut,
            CostUsd = cost ?? e.CostUsd,
            Markers = markers ?? e.Markers,
            CacheReadTokens = cacheRead ?? e.CacheReadTokens,
            CacheWriteTokens = cacheWrite ?? e.CacheWriteTokens,
            Provider = provider ?? e.Provider,
            Tier = tier ?? e.Tier,
            DurationMs = durationMs ?? e.DurationMs,
            CacheHit = e.CacheHit,
            User = user ?? e.User,
            EventId = eventId ?? e.EventId,
        };

    /// <summary>A valid event row or summary row, serialised by the store's own codec.</summary>
    public string ValidLine(bool session)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        var ts = new DateTimeOffset(2026, 6, 1 + random.Next(28), random.Next(24), random.Next(60), random.Next(60), TimeSpan.Zero);
        if (session)
        {
            RowCodec.WriteSession(buffer, new SessionSummary
            {
                SessionId = "s" + random.Next(1000), System = "codex", Context = Pick(2) ? null : "work", Model = "m-1", DetectorVersion = 1,
                Turns = random.Next(50), UserTurns = random.Next(25), Corrections = random.Next(5), Events = random.Next(60), TokensIn = random.Next(),
                TokensOut = random.Next(), CostUsd = random.NextDouble(), FirstTimestamp = ts, LastTimestamp = ts.AddMinutes(5), DurationSeconds = 300, ClosedAt = ts.AddMinutes(6),
            });
        }
        else
        {
            RowCodec.WriteEvent(buffer, new TelemetryEvent
            {
                Timestamp = ts, SessionId = "s" + random.Next(1000), System = "claude-code", Kind = "user_message", Model = "m-1",
                TokensIn = random.Next(), TokensOut = random.Next(), CostUsd = random.NextDouble(), Markers = Pick(2) ? ["corr.strong.1"] : [],
            });
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A valid line with one to four random mutations: cuts, insertions, flips, duplications, swapped values, deep nesting.</summary>
    public byte[] MutatedLine(bool session)
    {
        var bytes = new List<byte>(Encoding.UTF8.GetBytes(ValidLine(session)));
        int mutations = 1 + random.Next(4);
        for (int m = 0; m < mutations && bytes.Count > 0; m++)
        {
            int at = random.Next(bytes.Count);
            switch (random.Next(8))
            {
                case 0: bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + random.Next(20))); break;
                case 1: bytes.InsertRange(at, RandomBytes(1 + random.Next(8))); break;
                case 2: bytes[at] = (byte)random.Next(256); break;
                case 3: bytes.InsertRange(at, bytes.GetRange(at, Math.Min(bytes.Count - at, 1 + random.Next(40)))); break;
                case 4: bytes.RemoveRange(at, bytes.Count - at); break;
                case 5: SwapValue(bytes); break;
                case 6: bytes.InsertRange(0, Encoding.UTF8.GetBytes(new string('[', 1 + random.Next(300)))); break;
                default: bytes.InsertRange(at, "\uFEFF\r"u8.ToArray()); break;
            }
        }

        bytes.RemoveAll(b => b == (byte)'\n');
        return bytes.ToArray();
    }

    private void SwapValue(List<byte> bytes)
    {
        string line = Encoding.UTF8.GetString(bytes.ToArray());
        int colon = line.IndexOf(':', random.Next(Math.Max(1, line.Length)));
        if (colon < 0)
        {
            return;
        }

        int end = colon + 1;
        while (end < line.Length && line[end] != ',' && line[end] != '}')
        {
            end++;
        }

        string swapped = line[..(colon + 1)] + One(ValueTokens) + line[end..];
        bytes.Clear();
        bytes.AddRange(Encoding.UTF8.GetBytes(swapped));
    }

    private bool Pick(int oneIn) => random.Next(oneIn) == 0;

    private string One(string[] pool) => pool[random.Next(pool.Length)];

    private long Count() => random.Next(12) switch
    {
        0 => -random.NextInt64(1, long.MaxValue),
        1 => EventValidator.MaxTokens + random.NextInt64(0, 3) - 1,
        2 => long.MaxValue,
        _ => random.NextInt64(0, 1_000_000),
    };

    private double Cost() => random.Next(10) switch
    {
        0 => double.NaN,
        1 => random.Next(2) == 0 ? double.PositiveInfinity : double.NegativeInfinity,
        2 => -random.NextDouble(),
        3 => EventValidator.MaxCostUsd * (0.5 + random.NextDouble()),
        4 => double.Epsilon * random.Next(1, 100),
        _ => random.NextDouble() * 10,
    };

    private DateTimeOffset Timestamp(DateTimeOffset now)
    {
        var offset = TimeSpan.FromMinutes(random.Next(-14 * 60, 14 * 60 + 1));
        return random.Next(6) switch
        {
            0 => new DateTimeOffset(DateTime.SpecifyKind(new DateTime(random.NextInt64(DateTime.MinValue.Ticks + TimeSpan.TicksPerDay, DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay)), DateTimeKind.Unspecified), offset),
            1 => now.AddDays(1).AddSeconds(random.Next(-5, 5)),
            2 => EventValidator.EarliestTimestamp.AddSeconds(random.Next(-5, 5)),
            _ => now.AddSeconds(-random.NextInt64(0, 86_400L * 365 * 5)).ToOffset(offset),
        };
    }

    private string RandomText()
    {
        const string pool = "abcXYZ019 ._-:+@/\\?#%&\"'\t\n\r\u0000\u0085\u00A0\u2028üß日本😀\uFFFD";
        int length = random.Next(12) == 0 ? random.Next(100, 300) : random.Next(0, 20);
        var sb = new StringBuilder(length);
        for (int i = 0; i < length; i++)
        {
            sb.Append(pool[random.Next(pool.Length)]);
        }

        // Occasionally a lone surrogate: what a broken pipe or a bad binding could hand over.
        if (random.Next(20) == 0)
        {
            sb.Insert(random.Next(sb.Length + 1), '\uD800');
        }

        return sb.ToString();
    }

    private byte[] RandomBytes(int n)
    {
        var bytes = new byte[n];
        random.NextBytes(bytes);
        return bytes;
    }
}
