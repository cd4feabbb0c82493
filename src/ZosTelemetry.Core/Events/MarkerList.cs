// An event's markers: a read-only list whose text form is the markers joined by single spaces, the same text the
// export's markers column holds. Tools that turn a property into text with ToString (PowerShell's Export-Csv, string
// interpolation) then write "corr.strong.1 tool.edit", which reads back as the same markers, not "System.String[]".
using System.Collections;

namespace ZosTelemetry.Events;

public sealed class MarkerList : IReadOnlyList<string>
{
    public static MarkerList Empty { get; } = new([]);

    private readonly string[] items;

    private MarkerList(string[] items)
    {
        this.items = items;
    }

    public int Count => items.Length;

    public string this[int index] => items[index];

    /// <summary>The markers as a list; an array is kept as given (events are built once and never changed).</summary>
    public static MarkerList From(IReadOnlyList<string>? markers) => markers switch
    {
        null => Empty,
        MarkerList list => list,
        { Count: 0 } => Empty,
        string[] array => new MarkerList(array),
        _ => new MarkerList([.. markers]),
    };

    /// <summary>
    /// Markers written as one text (as ToString and the export write them): split at spaces, commas or semicolons when
    /// every piece is a valid, namespaced marker (it holds a '.' or ':', as corr.strong.1 does). Anything else is
    /// returned whole, for the validator to refuse with the text the user gave: splitting "fix the bug" into three
    /// markers would let words in where the store keeps none.
    /// </summary>
    public static string[] Split(string text)
    {
        var pieces = text.Split([' ', ',', ';', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (pieces.Length > EventValidator.MaxMarkers || !pieces.All(IsNamespacedMarker))
        {
            return [text];
        }

        return pieces;
    }

    private static bool IsNamespacedMarker(string piece)
    {
        if (piece.AsSpan().IndexOfAny('.', ':') < 0)
        {
            return false;
        }

        try
        {
            EventValidator.ValidateMarker(piece);
            return true;
        }
        catch (TelemetryValidationException)
        {
            return false;
        }
    }

    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => items.GetEnumerator();

    /// <summary>The markers joined by single spaces, as the export writes them.</summary>
    public override string ToString() => string.Join(' ', items);
}
