// How far back telemetry is kept: a number of days before now, or an instant. Rows older than the horizon are removed.
using System.Globalization;
using ZosTelemetry.Events;

namespace ZosTelemetry.Store;

public sealed class RetentionHorizon
{
    /// <summary>The horizon a user gets by asking for the default ("default" on the command line).</summary>
    public const int DefaultDays = 90;

    private RetentionHorizon(int? days, DateTimeOffset? before)
    {
        Days = days;
        Before = before;
    }

    public int? Days { get; }

    public DateTimeOffset? Before { get; }

    public static RetentionHorizon Default { get; } = new(DefaultDays, null);

    public static RetentionHorizon FromDays(int days) =>
        days >= 1 ? new(days, null) : throw new ArgumentException($"The horizon must be 1 day or more; got {days}. To remove everything, reset the store.");

    public static RetentionHorizon FromDate(DateTimeOffset before) => new(null, before.ToUniversalTime());

    /// <summary>Reads "90" (days), "default" (90 days) or an ISO-8601 date or timestamp (rows before it are removed).</summary>
    public static RetentionHorizon Parse(string text)
    {
        string t = text.Trim();
        if (t.Equals("default", StringComparison.OrdinalIgnoreCase))
        {
            return Default;
        }

        if (long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out long days))
        {
            return FromDays(days > int.MaxValue ? int.MaxValue : (int)days);
        }

        try
        {
            return FromDate(EventValidator.ParseTimestamp(t));
        }
        catch (TelemetryValidationException)
        {
            throw new ArgumentException($"{Events.EventValidator.Show(t)} is not a horizon: give a number of days, 'default' ({DefaultDays} days) or an ISO-8601 date such as 2026-01-01.");
        }
    }

    /// <summary>The instant before which rows go. A date after now is refused: it would remove everything.</summary>
    public DateTimeOffset Resolve(DateTimeOffset now)
    {
        if (Days is int d)
        {
            return now.AddDays(-Math.Min(d, 365_000));
        }

        var before = Before!.Value;
        return before <= now
            ? before
            : throw new ArgumentException($"The horizon {Iso8601.Format(before)} lies in the future and would remove everything. To remove everything, reset the store.");
    }

    public override string ToString() => Days is int d
        ? string.Create(CultureInfo.InvariantCulture, $"{d} days")
        : Iso8601.Format(Before!.Value);
}
