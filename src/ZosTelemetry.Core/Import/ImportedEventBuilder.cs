// Turns a log record into the TelemetryEvent that is stored: kind, role and markers by what the record is, tokens as
// the store counts them (tokens_in billed at the full input price, cache reads and writes apart), and the cost by the
// cost mode. Kinds written: user_message, assistant_message (a turn each); subagent_message, tool_result,
// api_error and user_interrupt (not turns: they add tokens, cost and friction counts). Markers: the detector's corr.*
// on user turns, tool.error, api.error, user.interrupt, usage.missing, model.refused. A tool call is stored once, as
// its result (tool_result): the calls of a session are its tool_result events, with the tool's name and ok (false for
// a failed call); API errors carry the category and fingerprint of their message. The outcome of a run is not in the
// logs, so imported sessions have none (null), never a guess.
using ZosTelemetry.Events;
using ZosTelemetry.Pricing;

namespace ZosTelemetry.Import;

public static class ImportedKinds
{
    public const string SubagentMessage = "subagent_message";
    public const string ToolResult = "tool_result";
    public const string ApiError = "api_error";
    public const string UserInterrupt = "user_interrupt";
}

public static class ImportedMarkers
{
    public const string ToolError = "tool.error";
    public const string ApiError = "api.error";
    public const string UserInterrupt = "user.interrupt";
    public const string UsageMissing = "usage.missing";
    public const string ModelRefused = "model.refused";
}

/// <summary>
/// One per parse worker (its caches are not shared between threads). It counts nothing itself: an event built for a
/// record that turns out to be a duplicate must not count, so what it found (an unpriced model, a refused event) goes
/// back with the event, and the committing thread counts the events it keeps.
/// </summary>
internal sealed class ImportedEventBuilder(string system, CostMode costMode, PriceTable prices)
{
    private readonly Dictionary<string, string> sessionIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ModelPrice?> priceOf = new(StringComparer.Ordinal);

    /// <summary>
    /// The event for a record, not yet validated (see Validated); unpriced names the model (its digest when refused,
    /// "(no model)" when none) of an event with tokens but no price, else null.
    /// </summary>
    public TelemetryEvent Build(LogRecord r, out string? unpriced)
    {
        var markers = new List<string>(2);
        string kind;
        string role;
        switch (r.Kind)
        {
            case LogRecordKind.Assistant:
                kind = r.Sidechain ? ImportedKinds.SubagentMessage : EventKinds.AssistantMessage;
                role = r.Sidechain ? "subagent" : "assistant";
                if (!r.HasUsage)
                {
                    markers.Add(ImportedMarkers.UsageMissing);
                }

                break;
            case LogRecordKind.ApiError:
                kind = ImportedKinds.ApiError;
                role = "assistant";
                markers.Add(ImportedMarkers.ApiError);
                break;
            case LogRecordKind.ToolResult:
                kind = ImportedKinds.ToolResult;
                role = "tool";
                if (r.IsError)
                {
                    markers.Add(ImportedMarkers.ToolError);
                }

                break;
            case LogRecordKind.Interrupt:
                kind = ImportedKinds.UserInterrupt;
                role = "user";
                markers.Add(ImportedMarkers.UserInterrupt);
                break;
            default:
                kind = EventKinds.UserMessage;
                role = "user";
                markers.AddRange(r.Markers);
                break;
        }

        // A model id the store would refuse arrives as its digest (RefusedValues): the event drops it and says so.
        string? model = RefusedValues.Model(r.Model);
        bool refusedModel = RefusedValues.IsRefusedModel(model);
        if (refusedModel)
        {
            markers.Add(ImportedMarkers.ModelRefused);
        }

        ModelPrice? price = model is null || refusedModel ? null : Price(model);
        bool usage = r.HasUsage && r.Kind == LogRecordKind.Assistant;
        long tokensIn = usage ? r.TokensIn : 0, tokensOut = usage ? r.TokensOut : 0;
        long? cacheRead = usage ? r.CacheRead : null, cacheWrite = usage ? r.CacheWrite : null;
        long? cacheWrite1h = usage && r.CacheWrite1h is long h && h > 0 ? Math.Min(h, r.CacheWrite) : null;
        var e = new TelemetryEvent
        {
            Timestamp = r.Timestamp,
            SessionId = SessionId(r.SessionId),
            System = system,
            Role = role,
            Kind = kind,
            Model = refusedModel ? null : model,
            TokensIn = tokensIn,
            TokensOut = tokensOut,
            CacheReadTokens = cacheRead,
            CacheWriteTokens = cacheWrite,
            CacheWrite1hTokens = cacheWrite1h,
            Provider = price?.Provider,
            Tier = price?.Tier,
            EventId = r.EventId,
            Markers = markers,
            CostUsd = Cost(r, price, model, out unpriced, tokensIn, tokensOut, cacheRead ?? 0, cacheWrite ?? 0, cacheWrite1h),
            Tool = r.Kind == LogRecordKind.ToolResult ? ToolName(r.Tool) : null,
            Ok = r.Kind == LogRecordKind.ToolResult ? !r.IsError : null,
            ErrorCategory = r.Kind == LogRecordKind.ApiError ? r.ErrorCategory ?? ErrorCategories.ApiError : null,
            ErrorFingerprint = r.Kind == LogRecordKind.ApiError ? r.ErrorFingerprint : null,
        };

        return e;
    }

    /// <summary>
    /// The event as the store will take it at <paramref name="now"/> (EventValidator.Validate's result), with a model
    /// id the store refuses dropped and marked; null when the store would refuse it even so (a timestamp far in the
    /// future, say).
    /// </summary>
    public static TelemetryEvent? Validated(TelemetryEvent e, DateTimeOffset now)
    {
        try
        {
            return EventValidator.Validate(e, now);
        }
        catch (TelemetryValidationException ex) when (ex.Field == "model")
        {
            // A model id the store refuses (it looks like a path, say) is dropped, its cost already computed.
            return TryValidate(now, new TelemetryEvent
            {
                Timestamp = e.Timestamp, SessionId = e.SessionId, System = e.System, Role = e.Role, Kind = e.Kind,
                TokensIn = e.TokensIn, TokensOut = e.TokensOut, CacheReadTokens = e.CacheReadTokens, CacheWriteTokens = e.CacheWriteTokens,
                CacheWrite1hTokens = e.CacheWrite1hTokens, Provider = e.Provider, Tier = e.Tier, EventId = e.EventId,
                Markers = [.. e.Markers, ImportedMarkers.ModelRefused], CostUsd = e.CostUsd,
                Tool = e.Tool, Ok = e.Ok, ErrorCategory = e.ErrorCategory, ErrorFingerprint = e.ErrorFingerprint,
            });
        }
        catch (TelemetryValidationException)
        {
            return null;
        }
    }

    /// <summary>A tool name the store takes, else none: a name that looks like a path or text is not kept.</summary>
    private readonly Dictionary<string, string?> toolNames = new(StringComparer.Ordinal);

    private string? ToolName(string? name)
    {
        if (name is null)
        {
            return null;
        }

        if (!toolNames.TryGetValue(name, out string? kept))
        {
            try
            {
                EventValidator.ValidateToolName(name);
                kept = name;
            }
            catch (TelemetryValidationException)
            {
                kept = null;
            }

            toolNames[name] = kept;
        }

        return kept;
    }

    /// <summary>The table's price for a model id, looked up once per id (resolving a dated id runs a regular expression).</summary>
    private ModelPrice? Price(string model)
    {
        if (!priceOf.TryGetValue(model, out var price))
        {
            priceOf[model] = price = prices.TryResolve(model, out var p) ? p : null;
        }

        return price;
    }

    private static TelemetryEvent? TryValidate(DateTimeOffset now, TelemetryEvent e)
    {
        try
        {
            return EventValidator.Validate(e, now);
        }
        catch (TelemetryValidationException)
        {
            return null;
        }
    }

    private double? Cost(LogRecord r, ModelPrice? price, string? model, out string? unpriced,
        long tokensIn, long tokensOut, long cacheRead, long cacheWrite, long? cacheWrite1h)
    {
        unpriced = null;
        if (r.Kind != LogRecordKind.Assistant)
        {
            return r.Kind == LogRecordKind.ApiError ? r.LogCost ?? 0 : null;
        }

        if (costMode == CostMode.Display || (costMode == CostMode.Auto && r.LogCost is not null))
        {
            return r.LogCost;
        }

        if (!r.HasUsage)
        {
            return null;
        }

        if (r.TotalTokens == 0)
        {
            return 0;
        }

        if (price is null)
        {
            unpriced = model ?? "(no model)"; // a refused model is named by its digest, never its text
            return null;
        }

        return Price(tokensIn, tokensOut, cacheRead, cacheWrite, cacheWrite1h, price);
    }

    /// <summary>
    /// Tokens × list prices. The table's cache_write is the 5-minute price; 1-hour cache writes bill at twice the input
    /// price (Anthropic's published multiplier, which ccusage applies too), so they are priced at that instead.
    /// </summary>
    private static double Price(long tokensIn, long tokensOut, long cacheRead, long cacheWrite, long? cacheWrite1h, ModelPrice price)
    {
        double cost = CostCalculator.Cost(tokensIn, tokensOut, cacheRead, cacheWrite, price);
        if (cacheWrite1h is long h && h > 0)
        {
            cost += h * ((2 * price.InputPerMillion) - price.CacheWritePerMillion) / 1_000_000;
        }

        return cost;
    }

    /// <summary>The log's session id when the store accepts it, else a digest of it (same id, same digest).</summary>
    private string SessionId(string raw)
    {
        if (!sessionIds.TryGetValue(raw, out string? id))
        {
            sessionIds[raw] = id = RefusedValues.SessionId(system, raw);
        }

        return id;
    }
}
