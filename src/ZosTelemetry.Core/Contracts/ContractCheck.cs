// Whether a stored row keeps the contract: the same field rules an append or a merge applies (EventValidator), so
// the doctor can flag rows that an older version or another writer put in the store and that would be refused today.
using ZosTelemetry.Events;
using ZosTelemetry.Sessions;

namespace ZosTelemetry.Contracts;

public static class ContractCheck
{
    /// <summary>Null when the event keeps the contract, else the rule it breaks (never quoting the value).</summary>
    public static string? EventViolation(TelemetryEvent e, DateTimeOffset now)
    {
        try
        {
            EventValidator.Validate(e, now);
            return null;
        }
        catch (TelemetryValidationException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>Null when the summary keeps the contract, else the rule it breaks.</summary>
    public static string? SessionViolation(SessionSummary s)
    {
        try
        {
            ValidateSession(s);
            return null;
        }
        catch (TelemetryValidationException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>Summary rows carry names too: they get the same content-free rules as the events they summarise.</summary>
    public static void ValidateSession(SessionSummary s)
    {
        EventValidator.ValidateSessionId(s.SessionId);
        EventValidator.ValidateName("system", s.System, required: true);
        EventValidator.ValidateName("context", s.Context, required: false);
        EventValidator.ValidateModel(s.Model);
    }
}
