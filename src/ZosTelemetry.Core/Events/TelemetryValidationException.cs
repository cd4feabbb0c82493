// Thrown when a value offered to the store is refused. The message names the field and says why,
// because it is shown verbatim by the CLI and as an ErrorRecord by the module.
namespace ZosTelemetry.Events;

public sealed class TelemetryValidationException : Exception
{
    public TelemetryValidationException(string field, string message)
        : base(message)
    {
        Field = field;
    }

    /// <summary>The store field (snake_case, as stored) whose value was refused.</summary>
    public string Field { get; }
}
