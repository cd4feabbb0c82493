// The rows of the usage reports (report daily|monthly|session, Get-Telemetry*Usage): tokens as the store counts
// them (input billed at the full price, cache writes and reads apart), cost, and per-model breakdowns.
namespace ZosTelemetry.Reports;

/// <summary>One model's share of a row.</summary>
public sealed class ModelUsage
{
    /// <summary>The row's date (yyyy-MM-dd), month (yyyy-MM) or session id.</summary>
    public string Period { get; init; } = "";
    public string System { get; init; } = "";

    /// <summary>The model id as logged; "(none)" for events without one.</summary>
    public string Model { get; init; } = "";
    public long Events { get; init; }
    public long InputTokens { get; init; }
    public long OutputTokens { get; init; }
    public long CacheWriteTokens { get; init; }
    public long CacheReadTokens { get; init; }
    public long TotalTokens => checked(InputTokens + OutputTokens + CacheWriteTokens + CacheReadTokens);
    public double CostUsd { get; init; }

    /// <summary>Events with tokens but no cost (a model missing from the price table): CostUsd leaves them out.</summary>
    public long UnpricedEvents { get; init; }
}

/// <summary>One day or month of one system.</summary>
public sealed class PeriodUsage
{
    public string Period { get; init; } = "";
    public string System { get; init; } = "";
    public long Sessions { get; init; }
    public long InputTokens { get; init; }
    public long OutputTokens { get; init; }
    public long CacheWriteTokens { get; init; }
    public long CacheReadTokens { get; init; }
    public long TotalTokens => checked(InputTokens + OutputTokens + CacheWriteTokens + CacheReadTokens);
    public double CostUsd { get; init; }
    public long UnpricedEvents { get; init; }
    public IReadOnlyList<string> Models { get; init; } = Array.Empty<string>();
    public IReadOnlyList<ModelUsage> Breakdown { get; init; } = Array.Empty<ModelUsage>();
}

/// <summary>One session: usage plus the friction counted from its events.</summary>
public sealed class SessionUsage
{
    public string SessionId { get; init; } = "";
    public string System { get; init; } = "";
    public DateTimeOffset FirstTimestamp { get; init; }
    public DateTimeOffset LastTimestamp { get; init; }
    public long UserTurns { get; init; }
    public long Corrections { get; init; }
    public long ToolCalls { get; init; }
    public long ToolFailures { get; init; }
    public long ApiErrors { get; init; }
    public long Interrupts { get; init; }
    public long InputTokens { get; init; }
    public long OutputTokens { get; init; }
    public long CacheWriteTokens { get; init; }
    public long CacheReadTokens { get; init; }
    public long TotalTokens => checked(InputTokens + OutputTokens + CacheWriteTokens + CacheReadTokens);
    public double CostUsd { get; init; }
    public long UnpricedEvents { get; init; }
    public IReadOnlyList<string> Models { get; init; } = Array.Empty<string>();
    public IReadOnlyList<ModelUsage> Breakdown { get; init; } = Array.Empty<ModelUsage>();
}
