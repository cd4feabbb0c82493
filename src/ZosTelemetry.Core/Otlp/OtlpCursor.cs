// otlp-cursor.json in the store: which sessions an OTLP export has sent, at which close (ts_closed), and when the
// last accepted request was sent (the start of the next request's delta interval). Written atomically (a temporary
// file renamed over it, 0600) after every accepted request, so a kill or a refused request never marks a session
// sent that the receiver did not accept. It records what the receiver holds, so a reset of the store leaves it.
using System.Globalization;
using System.Text.Json;
using ZosTelemetry.Store;

namespace ZosTelemetry.Otlp;

public sealed class OtlpCursor
{
    public const string FileName = "otlp-cursor.json";
    private const int Version = 1;

    private readonly Dictionary<string, DateTimeOffset> sent = new(StringComparer.Ordinal);

    /// <summary>The end of the last accepted request's interval, in Unix nanoseconds; 0 before the first.</summary>
    public ulong LastSentUnixNano { get; private set; }

    public int Count => sent.Count;

    /// <summary>The close (ts_closed) at which the session was sent, if it was.</summary>
    public DateTimeOffset? SentAt(string sessionId) => sent.TryGetValue(sessionId, out var closed) ? closed : null;

    /// <summary>Reads the store's cursor; an empty one when there is none. A damaged file stops the export rather than sending everything again.</summary>
    public static OtlpCursor Load(string root)
    {
        string path = Path.Combine(root, FileName);
        var cursor = new OtlpCursor();
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return cursor;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"Cannot read the OTLP cursor {path}: {ex.Message}", ex);
        }

        try
        {
            using var doc = JsonDocument.Parse(bytes);
            var top = doc.RootElement;
            if (top.GetProperty("version").GetInt32() != Version)
            {
                throw new FormatException("unknown version");
            }

            cursor.LastSentUnixNano = top.GetProperty("last_sent_unix_nano").GetUInt64();
            foreach (var p in top.GetProperty("sessions").EnumerateObject())
            {
                cursor.sent[p.Name] = DateTimeOffset.Parse(p.Value.GetString() ?? "", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            }
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            throw new StoreException($"The OTLP cursor {path} is damaged ({ex.Message}); nothing was sent. Move it aside to send every session again.", ex);
        }

        return cursor;
    }

    /// <summary>Marks sessions as sent at their close and moves the interval's end; Save writes it.</summary>
    public void MarkSent(IEnumerable<Sessions.SessionSummary> sessions, ulong timeUnixNano)
    {
        foreach (var s in sessions)
        {
            sent[s.SessionId] = s.ClosedAt;
        }

        LastSentUnixNano = timeUnixNano;
    }

    public void Save(string root) =>
        AtomicFile.Write(Path.Combine(root, FileName), stream =>
        {
            using var json = new Utf8JsonWriter(stream);
            json.WriteStartObject();
            json.WriteNumber("version", Version);
            json.WriteNumber("last_sent_unix_nano", LastSentUnixNano);
            json.WriteStartObject("sessions");
            foreach (var (id, closed) in sent)
            {
                json.WriteString(id, Iso8601.Format(closed));
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }, UnixFileMode.UserRead | UnixFileMode.UserWrite);
}
