// The vocabulary of agent runs: the event kinds that carry meaning for them, the fixed list of error categories and
// outcomes, and the one rule each for "a tool call", "a failed tool result" and "an error" that every summary, alert,
// score and report applies (so a figure means the same thing wherever it is shown).
namespace ZosTelemetry.Events;

public static class AgentKinds
{
    public const string ToolCall = "tool_call";
    public const string ToolResult = "tool_result";
    public const string Error = "error";
    public const string SessionStart = "session_start";
    public const string SessionEnd = "session_end";

    /// <summary>The importer's API errors (kind api_error): errors as well, of category api_error unless classified.</summary>
    public const string ApiError = "api_error";
}

public static class ErrorCategories
{
    public const string RateLimit = "rate_limit";
    public const string ApiError = "api_error";
    public const string ModelError = "model_error";
    public const string Auth = "auth";
    public const string PermissionWait = "permission_wait";
    public const string ContentPolicy = "content_policy";
    public const string Timeout = "timeout";
    public const string ToolError = "tool_error";
    public const string Other = "other";

    /// <summary>Every category, in the order reports list them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [RateLimit, ApiError, ModelError, Auth, PermissionWait, ContentPolicy, Timeout, ToolError, Other];

    public static bool IsKnown(string? value) =>
        value is RateLimit or ApiError or ModelError or Auth or PermissionWait or ContentPolicy or Timeout or ToolError or Other;
}

public static class Outcomes
{
    public const string Success = "success";
    public const string Failure = "failure";
    public const string Abandoned = "abandoned";

    public static IReadOnlyList<string> All { get; } = [Success, Failure, Abandoned];

    public static bool IsKnown(string? value) => value is Success or Failure or Abandoned;
}

public static class AgentRules
{
    /// <summary>A result of a tool call that failed: ok false, or the importer's tool.error marker.</summary>
    public static bool IsToolFailure(TelemetryEvent e) =>
        e.Kind == AgentKinds.ToolResult && (e.Ok == false || e.Markers.Contains(Import.ImportedMarkers.ToolError));

    /// <summary>An error: an event of kind error, or one of the importer's api_error events.</summary>
    public static bool IsError(TelemetryEvent e) => e.Kind is AgentKinds.Error or AgentKinds.ApiError;

    /// <summary>The category an error counts under: its own, else api_error for an api_error event, else other.</summary>
    public static string CategoryOf(TelemetryEvent e) =>
        e.ErrorCategory ?? (e.Kind == AgentKinds.ApiError ? ErrorCategories.ApiError : ErrorCategories.Other);
}
