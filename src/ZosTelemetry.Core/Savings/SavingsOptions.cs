// What a savings report covers and what it compares against.
namespace ZosTelemetry.Savings;

public sealed record SavingsOptions
{
    public string? System { get; init; }

    /// <summary>The last N days before Now; exclusive with Since/Until.</summary>
    public int? Days { get; init; }

    public DateTimeOffset? Since { get; init; }

    public DateTimeOffset? Until { get; init; }

    /// <summary>Price every call at this model; exclusive with BaselineTier.</summary>
    public string? BaselineModel { get; init; }

    /// <summary>Price every call at the most expensive model of this tier seen in the window (default: premium).</summary>
    public string? BaselineTier { get; init; }

    public DateTimeOffset Now { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>The window as an instant range, checked: Days and Since/Until are not both given, and Since is before Until.</summary>
    public (DateTimeOffset? Since, DateTimeOffset? Until) Window()
    {
        if (Days is int days)
        {
            if (Since is not null || Until is not null)
            {
                throw new ArgumentException("Give either a number of days or a Since/Until range, not both.");
            }

            if (days < 1)
            {
                throw new ArgumentException($"The number of days must be 1 or more; got {days}.");
            }

            return (Now.AddDays(-days), null);
        }

        Store.TimeWindow.Check(Since, Until);

        return (Since, Until);
    }
}
