// Reads and writes the three row types of schema 1 (events, session summaries, alerts). Readers are lenient about what other schema-1 writers add
// (unknown fields are skipped, integral floats are accepted as counts) and strict about what makes a row unusable.
using System.Buffers;
using System.Text.Json;
using ZosTelemetry.Alerts;
using ZosTelemetry.Events;
using ZosTelemetry.Sessions;

namespace ZosTelemetry.Store;

public static class RowCodec
{
    // A property, not a static field: a field of a System.Text.Json type would load that assembly with RowCodec itself.
    private static JsonWriterOptions WriterOptions => new() { Indented = false, SkipValidation = true };

    public static void WriteEvent(IBufferWriter<byte> output, TelemetryEvent e)
    {
        if (!PlainRowWriter.TryWriteEvent(output, e))
        {
            WriteEventJson(output, e);
        }
    }

    /// <summary>One event row and its newline, the bytes WriteEvent writes, without a buffer writer to grow.</summary>
    internal static ReadOnlySpan<byte> EventLine(TelemetryEvent e)
    {
        int bound = PlainRowWriter.Bound(e);
        if (bound < 0)
        {
            return JsonEventLine(e);
        }

        var line = new byte[bound + 1];
        int length = PlainRowWriter.Write(line, e);
        line[length] = (byte)'\n';
        return line.AsSpan(0, length + 1);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static byte[] JsonEventLine(TelemetryEvent e)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        WriteEventJson(buffer, e);
        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// The event row through Utf8JsonWriter, for any event: the reference that PlainRowWriter's bytes must equal. Kept
    /// out of WriteEvent so that a plain row does not load System.Text.Json even to compile the call.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    internal static void WriteEventJson(IBufferWriter<byte> output, TelemetryEvent e)
    {
        using var w = new Utf8JsonWriter(output, WriterOptions);
        w.WriteStartObject();
        w.WriteNumber("schema", e.Schema);
        w.WriteString("ts", Iso8601.Format(e.Timestamp));
        w.WriteString("session_id", e.SessionId);
        w.WriteString("system", e.System);
        WriteNullable(w, "context", e.Context);
        WriteNullable(w, "role", e.Role);
        w.WriteString("kind", e.Kind);
        WriteNullable(w, "model", e.Model);
        w.WriteNumber("tokens_in", e.TokensIn);
        w.WriteNumber("tokens_out", e.TokensOut);
        if (e.CostUsd is double cost)
        {
            w.WriteNumber("cost_usd", cost);
        }
        else
        {
            w.WriteNull("cost_usd");
        }

        w.WriteStartArray("markers");
        foreach (string m in e.Markers)
        {
            w.WriteStringValue(m);
        }

        w.WriteEndArray();

        // Optional fields: written only when given, so rows without them stay byte-for-byte what other schema-1 writers produce.
        WriteOptional(w, "cache_read_tokens", e.CacheReadTokens);
        WriteOptional(w, "cache_write_tokens", e.CacheWriteTokens);
        WriteOptional(w, "provider", e.Provider);
        WriteOptional(w, "tier", e.Tier);
        WriteOptional(w, "duration_ms", e.DurationMs);
        if (e.CacheHit is bool hit)
        {
            w.WriteBoolean("cache_hit", hit);
        }

        WriteOptional(w, "user", e.User);
        WriteOptional(w, "event_id", e.EventId);
        WriteOptional(w, "cache_write_1h_tokens", e.CacheWrite1hTokens);
        WriteOptional(w, "tool", e.Tool);
        if (e.Ok is bool ok)
        {
            w.WriteBoolean("ok", ok);
        }

        WriteOptional(w, "error_category", e.ErrorCategory);
        WriteOptional(w, "error_fingerprint", e.ErrorFingerprint);
        WriteOptional(w, "outcome", e.Outcome);
        WriteOptional(w, "attempt", e.Attempt);
        WriteOptional(w, "task_id", e.TaskId);
        WriteOptional(w, "attempt_id", e.AttemptId);
        WriteOptional(w, "variant", e.Variant);
        w.WriteEndObject();
    }

    public static void WriteSession(IBufferWriter<byte> output, SessionSummary s)
    {
        using var w = new Utf8JsonWriter(output, WriterOptions);
        w.WriteStartObject();
        w.WriteNumber("schema", s.Schema);
        w.WriteString("ts_closed", Iso8601.Format(s.ClosedAt));
        w.WriteString("session_id", s.SessionId);
        w.WriteString("system", s.System);
        WriteNullable(w, "context", s.Context);
        WriteNullable(w, "model", s.Model);
        w.WriteNumber("detector_version", s.DetectorVersion);
        w.WriteNumber("turns", s.Turns);
        w.WriteNumber("user_turns", s.UserTurns);
        w.WriteNumber("corrections", s.Corrections);
        w.WriteNumber("events", s.Events);
        w.WriteNumber("tokens_in", s.TokensIn);
        w.WriteNumber("tokens_out", s.TokensOut);
        w.WriteNumber("cost_usd", s.CostUsd);
        if (s.UnpricedEvents > 0)
        {
            w.WriteNumber("unpriced_events", s.UnpricedEvents); // optional: written only when some cost is unknown
        }
        w.WriteString("first_ts", Iso8601.Format(s.FirstTimestamp));
        w.WriteString("last_ts", Iso8601.Format(s.LastTimestamp));
        w.WriteNumber("duration_s", s.DurationSeconds);

        // Agent-run fields, after the original ones so that older readers' fast paths meet what they know first.
        WriteOptional(w, "tool_calls", s.ToolCalls);
        WriteOptional(w, "tool_failures", s.ToolFailures);
        if (s.ErrorsByCategory is not null)
        {
            w.WriteStartObject("errors");
            foreach (var (category, count) in s.ErrorsByCategory)
            {
                w.WriteNumber(category, count);
            }

            w.WriteEndObject();
        }

        if (s.ToolCalls is not null)
        {
            // Written as null when unknown, so a reader tells "not known" from "not recorded by this version".
            WriteNullable(w, "outcome", s.Outcome);
            if (s.FirstShotSuccess is bool first)
            {
                w.WriteBoolean("first_shot_success", first);
            }
            else
            {
                w.WriteNull("first_shot_success");
            }

            if (s.Attempts is long attempts)
            {
                w.WriteNumber("attempts", attempts);
            }
            else
            {
                w.WriteNull("attempts");
            }
        }

        WriteOptional(w, "alerts", s.Alerts);
        WriteOptional(w, "variant", s.Variant);
        w.WriteEndObject();
    }

    public static void WriteAlert(IBufferWriter<byte> output, TelemetryAlert a)
    {
        using var w = new Utf8JsonWriter(output, WriterOptions);
        w.WriteStartObject();
        w.WriteNumber("schema", a.Schema);
        w.WriteString("ts", Iso8601.Format(a.Timestamp));
        w.WriteString("session_id", a.SessionId);
        w.WriteString("system", a.System);
        w.WriteString("type", a.Type);
        w.WriteString("severity", a.Severity);
        WriteOptional(w, "count", a.Count);
        WriteOptional(w, "gap_s", a.GapSeconds);
        WriteOptional(w, "cost_usd", a.CostUsd);
        WriteOptional(w, "median_cost_usd", a.MedianCostUsd);
        WriteOptional(w, "z", a.Z);
        WriteOptional(w, "tool", a.Tool);
        w.WriteNumber("threshold", a.Threshold);
        if (a.ClosedAt is DateTimeOffset closed)
        {
            w.WriteString("ts_closed", Iso8601.Format(closed));
        }

        w.WriteEndObject();
    }

    /// <summary>Parses an alert row. Returns false with a reason when the row cannot be used.</summary>
    public static bool TryParseAlert(ReadOnlySpan<byte> line, out TelemetryAlert? row, out string? reason)
    {
        row = null;
        int schema = 1;
        string? sessionId = null, system = null, type = null, severity = null, tool = null;
        DateTimeOffset? ts = null, closed = null;
        long? count = null;
        double? gap = null, cost = null, median = null, z = null;
        double threshold = 0;
        try
        {
            var r = new Utf8JsonReader(line);
            if (!r.Read() || r.TokenType != JsonTokenType.StartObject)
            {
                reason = "not a JSON object";
                return false;
            }

            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("schema"u8)) { r.Read(); schema = ReadInt(ref r, "schema"); }
                else if (r.ValueTextEquals("ts"u8)) { r.Read(); ts = ReadTimestamp(ref r, "ts"); }
                else if (r.ValueTextEquals("ts_closed"u8)) { r.Read(); closed = r.TokenType == JsonTokenType.Null ? null : ReadTimestamp(ref r, "ts_closed"); }
                else if (r.ValueTextEquals("session_id"u8)) { r.Read(); sessionId = ReadString(ref r, "session_id"); }
                else if (r.ValueTextEquals("system"u8)) { r.Read(); system = ReadString(ref r, "system"); }
                else if (r.ValueTextEquals("type"u8)) { r.Read(); type = ReadString(ref r, "type"); }
                else if (r.ValueTextEquals("severity"u8)) { r.Read(); severity = ReadString(ref r, "severity"); }
                else if (r.ValueTextEquals("tool"u8)) { r.Read(); tool = ReadString(ref r, "tool"); }
                else if (r.ValueTextEquals("count"u8)) { r.Read(); count = ReadOptionalCount(ref r, "count"); }
                else if (r.ValueTextEquals("gap_s"u8)) { r.Read(); gap = ReadOptionalNumber(ref r, "gap_s"); }
                else if (r.ValueTextEquals("cost_usd"u8)) { r.Read(); cost = ReadOptionalNumber(ref r, "cost_usd"); }
                else if (r.ValueTextEquals("median_cost_usd"u8)) { r.Read(); median = ReadOptionalNumber(ref r, "median_cost_usd"); }
                else if (r.ValueTextEquals("z"u8)) { r.Read(); z = ReadOptionalNumber(ref r, "z"); }
                else if (r.ValueTextEquals("threshold"u8)) { r.Read(); threshold = ReadNumber(ref r, "threshold"); }
                else { r.Read(); r.Skip(); }
            }

            if (r.TokenType != JsonTokenType.EndObject || r.Read())
            {
                reason = "trailing data after the JSON object";
                return false;
            }
        }
        catch (JsonException ex)
        {
            reason = "malformed JSON (" + FirstSentence(ex.Message) + ")";
            return false;
        }
        catch (RowFormatException ex)
        {
            reason = ex.Message;
            return false;
        }
        catch (InvalidOperationException ex)
        {
            reason = "a string is not valid UTF-8 text (" + FirstSentence(ex.Message) + ")";
            return false;
        }

        if (schema != 1)
        {
            reason = $"schema {schema} is newer than this version reads (schema 1)";
            return false;
        }

        if (ts is null || string.IsNullOrEmpty(sessionId) || string.IsNullOrEmpty(system) || string.IsNullOrEmpty(type) || string.IsNullOrEmpty(severity))
        {
            reason = "missing one of the required fields ts, session_id, system, type, severity";
            return false;
        }

        row = new TelemetryAlert
        {
            Schema = schema, Timestamp = ts.Value, SessionId = sessionId, System = system, Type = type, Severity = severity,
            Count = count, GapSeconds = gap, CostUsd = cost, MedianCostUsd = median, Z = z, Tool = tool, Threshold = threshold, ClosedAt = closed,
        };
        reason = null;
        return true;
    }

    /// <summary>Parses an event row. Returns false with a reason when the row cannot be used.</summary>
    public static bool TryParseEvent(ReadOnlySpan<byte> line, out TelemetryEvent? row, out string? reason)
    {
        row = null;
        int schema = TelemetryEvent.CurrentSchema;
        DateTimeOffset? ts = null;
        string? sessionId = null, system = null, context = null, role = null, kind = null, model = null;
        long tokensIn = 0, tokensOut = 0;
        long? cacheRead = null, cacheWrite = null, durationMs = null, cacheWrite1h = null;
        double? cost = null;
        bool? cacheHit = null;
        string? provider = null, tier = null, user = null, eventId = null;
        string? tool = null, errorCategory = null, errorFingerprint = null, outcome = null, taskId = null, attemptId = null, variant = null;
        bool? ok = null;
        long? attempt = null;
        List<string>? markers = null;

        try
        {
            var r = new Utf8JsonReader(line);
            if (!r.Read() || r.TokenType != JsonTokenType.StartObject)
            {
                reason = "not a JSON object";
                return false;
            }

            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("schema"u8)) { r.Read(); schema = ReadInt(ref r, "schema"); }
                else if (r.ValueTextEquals("ts"u8)) { r.Read(); ts = ReadTimestamp(ref r, "ts"); }
                else if (r.ValueTextEquals("session_id"u8)) { r.Read(); sessionId = ReadString(ref r, "session_id"); }
                else if (r.ValueTextEquals("system"u8)) { r.Read(); system = ReadString(ref r, "system"); }
                else if (r.ValueTextEquals("context"u8)) { r.Read(); context = ReadString(ref r, "context"); }
                else if (r.ValueTextEquals("role"u8)) { r.Read(); role = ReadString(ref r, "role"); }
                else if (r.ValueTextEquals("kind"u8)) { r.Read(); kind = ReadString(ref r, "kind"); }
                else if (r.ValueTextEquals("model"u8)) { r.Read(); model = ReadString(ref r, "model"); }
                else if (r.ValueTextEquals("tokens_in"u8)) { r.Read(); tokensIn = ReadCount(ref r, "tokens_in"); }
                else if (r.ValueTextEquals("tokens_out"u8)) { r.Read(); tokensOut = ReadCount(ref r, "tokens_out"); }
                else if (r.ValueTextEquals("cost_usd"u8)) { r.Read(); cost = r.TokenType == JsonTokenType.Null ? null : ReadCost(ref r); }
                else if (r.ValueTextEquals("markers"u8)) { r.Read(); markers = ReadMarkers(ref r); }
                else if (r.ValueTextEquals("cache_read_tokens"u8)) { r.Read(); cacheRead = ReadOptionalCount(ref r, "cache_read_tokens"); }
                else if (r.ValueTextEquals("cache_write_tokens"u8)) { r.Read(); cacheWrite = ReadOptionalCount(ref r, "cache_write_tokens"); }
                else if (r.ValueTextEquals("duration_ms"u8)) { r.Read(); durationMs = ReadOptionalCount(ref r, "duration_ms"); }
                else if (r.ValueTextEquals("provider"u8)) { r.Read(); provider = ReadString(ref r, "provider"); }
                else if (r.ValueTextEquals("tier"u8)) { r.Read(); tier = ReadString(ref r, "tier"); }
                else if (r.ValueTextEquals("user"u8)) { r.Read(); user = ReadString(ref r, "user"); }
                else if (r.ValueTextEquals("event_id"u8)) { r.Read(); eventId = ReadString(ref r, "event_id"); }
                else if (r.ValueTextEquals("cache_hit"u8)) { r.Read(); cacheHit = ReadOptionalBool(ref r, "cache_hit"); }
                else if (r.ValueTextEquals("cache_write_1h_tokens"u8)) { r.Read(); cacheWrite1h = ReadOptionalCount(ref r, "cache_write_1h_tokens"); }
                else if (r.ValueTextEquals("tool"u8)) { r.Read(); tool = ReadString(ref r, "tool"); }
                else if (r.ValueTextEquals("ok"u8)) { r.Read(); ok = ReadOptionalBool(ref r, "ok"); }
                else if (r.ValueTextEquals("error_category"u8)) { r.Read(); errorCategory = ReadString(ref r, "error_category"); }
                else if (r.ValueTextEquals("error_fingerprint"u8)) { r.Read(); errorFingerprint = ReadString(ref r, "error_fingerprint"); }
                else if (r.ValueTextEquals("outcome"u8)) { r.Read(); outcome = ReadString(ref r, "outcome"); }
                else if (r.ValueTextEquals("attempt"u8)) { r.Read(); attempt = ReadOptionalCount(ref r, "attempt"); }
                else if (r.ValueTextEquals("task_id"u8)) { r.Read(); taskId = ReadString(ref r, "task_id"); }
                else if (r.ValueTextEquals("attempt_id"u8)) { r.Read(); attemptId = ReadString(ref r, "attempt_id"); }
                else if (r.ValueTextEquals("variant"u8)) { r.Read(); variant = ReadString(ref r, "variant"); }
                else { r.Read(); r.Skip(); }
            }

            if (r.TokenType != JsonTokenType.EndObject || r.Read())
            {
                reason = "trailing data after the JSON object";
                return false;
            }
        }
        catch (JsonException ex)
        {
            reason = "malformed JSON (" + FirstSentence(ex.Message) + ")";
            return false;
        }
        catch (RowFormatException ex)
        {
            reason = ex.Message;
            return false;
        }
        catch (InvalidOperationException ex)
        {
            // GetString on a string that is not valid text (bytes that are not UTF-8, a lone surrogate escape).
            reason = "a string is not valid UTF-8 text (" + FirstSentence(ex.Message) + ")";
            return false;
        }

        if (schema != TelemetryEvent.CurrentSchema)
        {
            reason = $"schema {schema} is newer than this version reads (schema {TelemetryEvent.CurrentSchema})";
            return false;
        }

        if (ts is null || string.IsNullOrEmpty(sessionId) || string.IsNullOrEmpty(system) || string.IsNullOrEmpty(kind))
        {
            reason = "missing one of the required fields ts, session_id, system, kind";
            return false;
        }

        if (!EventValidator.IsKnownKind(kind))
        {
            // Readers are as strict as writers: a kind no family of the registry lists (nor a user's x. code) could
            // carry text, so the row is skipped, the doctor reports it and its repair removes it.
            reason = $"kind {EventValidator.Show(kind)} belongs to no event family of schemas/index.json";
            return false;
        }

        reason = RowRules.EventReason(ts.Value.UtcTicks, tokensIn, tokensOut, cacheRead, cacheWrite, cacheWrite1h, durationMs, cost);
        if (reason is not null)
        {
            return false;
        }

        row = new TelemetryEvent
        {
            Schema = schema,
            Timestamp = ts.Value,
            SessionId = sessionId,
            System = system,
            Context = context,
            Role = role,
            Kind = kind,
            Model = model,
            TokensIn = tokensIn,
            TokensOut = tokensOut,
            CostUsd = cost,
            Markers = markers is null ? Array.Empty<string>() : markers.ToArray(),
            CacheReadTokens = cacheRead,
            CacheWriteTokens = cacheWrite,
            Provider = provider,
            Tier = tier,
            DurationMs = durationMs,
            CacheHit = cacheHit,
            User = user,
            EventId = eventId,
            CacheWrite1hTokens = cacheWrite1h,
            Tool = tool,
            Ok = ok,
            ErrorCategory = errorCategory,
            ErrorFingerprint = errorFingerprint,
            Outcome = outcome,
            Attempt = attempt,
            TaskId = taskId,
            AttemptId = attemptId,
            Variant = variant,
        };
        reason = null;
        return true;
    }

    /// <summary>Parses a session summary row. Returns false with a reason when the row cannot be used.</summary>
    public static bool TryParseSession(ReadOnlySpan<byte> line, out SessionSummary? row, out string? reason)
    {
        row = null;
        int schema = 1, detectorVersion = 0;
        string? sessionId = null, system = null, context = null, model = null;
        long turns = 0, userTurns = 0, corrections = 0, events = 0, tokensIn = 0, tokensOut = 0, unpriced = 0;
        double cost = 0, duration = 0;
        DateTimeOffset? first = null, last = null, closed = null;
        long? toolCalls = null, toolFailures = null, attempts = null, alerts = null;
        Dictionary<string, long>? errors = null;
        string? outcome = null, variant = null;
        bool? firstShot = null;

        try
        {
            var r = new Utf8JsonReader(line);
            if (!r.Read() || r.TokenType != JsonTokenType.StartObject)
            {
                reason = "not a JSON object";
                return false;
            }

            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("schema"u8)) { r.Read(); schema = ReadInt(ref r, "schema"); }
                else if (r.ValueTextEquals("session_id"u8)) { r.Read(); sessionId = ReadString(ref r, "session_id"); }
                else if (r.ValueTextEquals("system"u8)) { r.Read(); system = ReadString(ref r, "system"); }
                else if (r.ValueTextEquals("context"u8)) { r.Read(); context = ReadString(ref r, "context"); }
                else if (r.ValueTextEquals("model"u8)) { r.Read(); model = ReadString(ref r, "model"); }
                else if (r.ValueTextEquals("detector_version"u8)) { r.Read(); detectorVersion = ReadInt(ref r, "detector_version"); }
                else if (r.ValueTextEquals("turns"u8)) { r.Read(); turns = ReadCount(ref r, "turns"); }
                else if (r.ValueTextEquals("user_turns"u8)) { r.Read(); userTurns = ReadCount(ref r, "user_turns"); }
                else if (r.ValueTextEquals("corrections"u8)) { r.Read(); corrections = ReadCount(ref r, "corrections"); }
                else if (r.ValueTextEquals("events"u8)) { r.Read(); events = ReadCount(ref r, "events"); }
                else if (r.ValueTextEquals("tokens_in"u8)) { r.Read(); tokensIn = ReadCount(ref r, "tokens_in"); }
                else if (r.ValueTextEquals("tokens_out"u8)) { r.Read(); tokensOut = ReadCount(ref r, "tokens_out"); }
                else if (r.ValueTextEquals("cost_usd"u8)) { r.Read(); cost = ReadCost(ref r); }
                else if (r.ValueTextEquals("unpriced_events"u8)) { r.Read(); unpriced = ReadCount(ref r, "unpriced_events"); }
                else if (r.ValueTextEquals("duration_s"u8)) { r.Read(); duration = ReadNumber(ref r, "duration_s"); }
                else if (r.ValueTextEquals("first_ts"u8)) { r.Read(); first = ReadTimestamp(ref r, "first_ts"); }
                else if (r.ValueTextEquals("last_ts"u8)) { r.Read(); last = ReadTimestamp(ref r, "last_ts"); }
                else if (r.ValueTextEquals("ts_closed"u8)) { r.Read(); closed = ReadTimestamp(ref r, "ts_closed"); }
                else if (r.ValueTextEquals("tool_calls"u8)) { r.Read(); toolCalls = ReadOptionalCount(ref r, "tool_calls"); }
                else if (r.ValueTextEquals("tool_failures"u8)) { r.Read(); toolFailures = ReadOptionalCount(ref r, "tool_failures"); }
                else if (r.ValueTextEquals("errors"u8)) { r.Read(); errors = ReadCounts(ref r, "errors"); }
                else if (r.ValueTextEquals("outcome"u8)) { r.Read(); outcome = ReadString(ref r, "outcome"); }
                else if (r.ValueTextEquals("first_shot_success"u8)) { r.Read(); firstShot = ReadOptionalBool(ref r, "first_shot_success"); }
                else if (r.ValueTextEquals("attempts"u8)) { r.Read(); attempts = ReadOptionalCount(ref r, "attempts"); }
                else if (r.ValueTextEquals("alerts"u8)) { r.Read(); alerts = ReadOptionalCount(ref r, "alerts"); }
                else if (r.ValueTextEquals("variant"u8)) { r.Read(); variant = ReadString(ref r, "variant"); }
                else { r.Read(); r.Skip(); }
            }

            if (r.TokenType != JsonTokenType.EndObject || r.Read())
            {
                reason = "trailing data after the JSON object";
                return false;
            }
        }
        catch (JsonException ex)
        {
            reason = "malformed JSON (" + FirstSentence(ex.Message) + ")";
            return false;
        }
        catch (RowFormatException ex)
        {
            reason = ex.Message;
            return false;
        }
        catch (InvalidOperationException ex)
        {
            // GetString on a string that is not valid text (bytes that are not UTF-8, a lone surrogate escape).
            reason = "a string is not valid UTF-8 text (" + FirstSentence(ex.Message) + ")";
            return false;
        }

        if (schema != 1)
        {
            reason = $"schema {schema} is newer than this version reads (schema 1)";
            return false;
        }

        if (string.IsNullOrEmpty(sessionId) || string.IsNullOrEmpty(system) || closed is null || first is null || last is null)
        {
            reason = "missing one of the required fields session_id, system, first_ts, last_ts, ts_closed";
            return false;
        }

        reason = RowRules.SessionReason(closed.Value.UtcTicks, first.Value.UtcTicks, last.Value.UtcTicks, detectorVersion, turns, userTurns, corrections, events, tokensIn, tokensOut, cost, unpriced, duration);
        if (reason is not null)
        {
            return false;
        }

        row = new SessionSummary
        {
            Schema = schema,
            SessionId = sessionId,
            System = system,
            Context = context,
            Model = model,
            DetectorVersion = detectorVersion,
            Turns = turns,
            UserTurns = userTurns,
            Corrections = corrections,
            Events = events,
            TokensIn = tokensIn,
            TokensOut = tokensOut,
            CostUsd = cost,
            UnpricedEvents = unpriced,
            FirstTimestamp = first.Value,
            LastTimestamp = last.Value,
            DurationSeconds = duration,
            ClosedAt = closed.Value,
            ToolCalls = toolCalls,
            ToolFailures = toolFailures,
            ErrorsByCategory = errors,
            Outcome = outcome,
            FirstShotSuccess = firstShot,
            Attempts = attempts,
            Alerts = alerts,
            Variant = variant,
        };
        reason = null;
        return true;
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, long? value)
    {
        if (value is long v)
        {
            w.WriteNumber(name, v);
        }
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, double? value)
    {
        if (value is double v)
        {
            w.WriteNumber(name, v);
        }
    }

    private static double? ReadOptionalNumber(ref Utf8JsonReader r, string field) =>
        r.TokenType == JsonTokenType.Null ? null : ReadNumber(ref r, field);

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static string? ReadString(ref Utf8JsonReader r, string field) => r.TokenType switch
    {
        JsonTokenType.String => r.GetString(),
        JsonTokenType.Null => null,
        _ => throw new RowFormatException($"{field} is a {Describe(r.TokenType)}, not a string"),
    };

    private static int ReadInt(ref Utf8JsonReader r, string field) =>
        r.TokenType == JsonTokenType.Number && r.TryGetInt32(out int v)
            ? v
            : throw new RowFormatException($"{field} is a {Describe(r.TokenType)}, not a whole number");

    /// <summary>A non-negative count; Python writers may emit 1200.0, which is accepted.</summary>
    private static long ReadCount(ref Utf8JsonReader r, string field)
    {
        if (r.TokenType == JsonTokenType.Null)
        {
            return 0;
        }

        if (r.TokenType == JsonTokenType.Number)
        {
            if (r.TryGetInt64(out long v) && v >= 0)
            {
                return v;
            }

            if (r.TryGetDouble(out double d) && d >= 0 && d <= long.MaxValue && Math.Floor(d) == d)
            {
                return (long)d;
            }
        }

        throw new RowFormatException($"{field} is not a non-negative whole number");
    }

    private static long? ReadOptionalCount(ref Utf8JsonReader r, string field) =>
        r.TokenType == JsonTokenType.Null ? null : ReadCount(ref r, field);

    /// <summary>An object of non-negative counts (errors by category); null stays null.</summary>
    private static Dictionary<string, long>? ReadCounts(ref Utf8JsonReader r, string field)
    {
        if (r.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (r.TokenType != JsonTokenType.StartObject)
        {
            throw new RowFormatException($"{field} is a {Describe(r.TokenType)}, not an object");
        }

        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            string name = r.GetString()!;
            r.Read();
            counts[name] = ReadCount(ref r, field);
        }

        return counts;
    }

    private static bool? ReadOptionalBool(ref Utf8JsonReader r, string field) => r.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.Null => null,
        _ => throw new RowFormatException($"{field} is a {Describe(r.TokenType)}, not a boolean"),
    };

    private static double ReadNumber(ref Utf8JsonReader r, string field)
    {
        if (r.TokenType == JsonTokenType.Null)
        {
            return 0;
        }

        if (r.TokenType == JsonTokenType.Number && r.TryGetDouble(out double d) && double.IsFinite(d) && d >= 0)
        {
            return d;
        }

        throw new RowFormatException($"{field} is not a non-negative number");
    }

    private static double ReadCost(ref Utf8JsonReader r) => ReadNumber(ref r, "cost_usd");

    private static DateTimeOffset ReadTimestamp(ref Utf8JsonReader r, string field)
    {
        if (r.TokenType == JsonTokenType.String)
        {
            // Python's isoformat() without an offset is naive; the store's convention is UTC, never the reader's zone.
            if (r.TryGetDateTime(out var dt) && dt.Kind == DateTimeKind.Unspecified)
            {
                return new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc));
            }

            if (r.TryGetDateTimeOffset(out var ts))
            {
                return ts.ToUniversalTime();
            }
        }

        throw new RowFormatException($"{field} is not an ISO-8601 timestamp");
    }

    private static List<string>? ReadMarkers(ref Utf8JsonReader r)
    {
        if (r.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (r.TokenType != JsonTokenType.StartArray)
        {
            throw new RowFormatException($"markers is a {Describe(r.TokenType)}, not a list");
        }

        var list = new List<string>();
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.String)
            {
                throw new RowFormatException("markers holds a value that is not a string");
            }

            list.Add(r.GetString()!);
        }

        return list;
    }

    private static string Describe(JsonTokenType t) => t switch
    {
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartArray => "list",
        JsonTokenType.StartObject => "object",
        _ => t.ToString(),
    };

    private static string FirstSentence(string message)
    {
        int dot = message.IndexOf(". ", StringComparison.Ordinal);
        return dot > 0 ? message[..dot] : message.TrimEnd('.');
    }

    private sealed class RowFormatException(string message) : Exception(message);
}
