// A linear scale from data to pixels with "nice" ticks (1, 2, 2.5 or 5 times a power of ten), so axes read 0, 0.5, 1.
namespace ZosTelemetry.Reports.Html;

internal sealed class Axis
{
    public Axis(double min, double max, double from, double to, int tickCount = 5)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max))
        {
            (min, max) = (0, 1);
        }

        if (max < min)
        {
            (min, max) = (max, min);
        }

        if (max == min)
        {
            (min, max) = min == 0 ? (0, 1) : (Math.Min(0, min * 2), Math.Max(0, max * 2));
        }

        Step = NiceStep((max - min) / Math.Max(1, tickCount));
        Min = Math.Floor((min / Step) + 1e-9) * Step;
        Max = Math.Ceiling((max / Step) - 1e-9) * Step;
        From = from;
        To = to;
    }

    public double Min { get; }
    public double Max { get; }
    public double Step { get; }
    public double From { get; }
    public double To { get; }

    public double this[double value] => From + ((value - Min) / (Max - Min) * (To - From));

    public IEnumerable<double> Ticks()
    {
        int count = (int)Math.Round((Max - Min) / Step);
        for (int i = 0; i <= count; i++)
        {
            // Rounded to the step's precision so that 0.1 + 0.2 prints as 0.3.
            yield return Math.Round(Min + (i * Step), 12);
        }
    }

    /// <summary>The smallest of 1, 2, 2.5, 5 and 10 times a power of ten that is at least the raw step.</summary>
    public static double NiceStep(double raw)
    {
        if (!(raw > 0) || !double.IsFinite(raw))
        {
            return 1;
        }

        double power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        foreach (double f in new[] { 1, 2, 2.5, 5, 10 })
        {
            if (f * power >= raw * (1 - 1e-9))
            {
                return f * power;
            }
        }

        return 10 * power;
    }
}
