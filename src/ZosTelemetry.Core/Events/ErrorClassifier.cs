// Turns an error message into a category and a fingerprint in memory, so the message itself is never stored. The
// category comes from the first rule of a fixed list whose words the message contains; the fingerprint is a short
// hash of the category and the message's normalised shape, so that the same failure clusters across runs whatever
// ids, numbers, paths or quoted values it names. Normalisation (the README's "Agent runs" section quotes it):
//   1. lower-case; anything quoted ("…", '…', `…`) becomes <s>;
//   2. split on white space, strip surrounding punctuation; a token with "://" becomes <url>, one with / or \ <path>,
//      one with a digit <n> when it is a number (digits and . , : - only) and <id> otherwise (uuids, hashes, ids);
//   3. the first 32 tokens, joined by single spaces.
// fingerprint = the first 12 hex characters of SHA-256("category|shape").
using System.Security.Cryptography;
using System.Text;

namespace ZosTelemetry.Events;

public sealed record ErrorClassification(string Category, string Fingerprint);

public static class ErrorClassifier
{
    public const int FingerprintLength = 12;
    private const int MaxTokens = 32;
    private const int MaxAnalysedChars = 8192;

    // First match wins: the more specific causes come before the generic "api error".
    private static readonly (string Category, string[] Words)[] Rules =
    [
        (ErrorCategories.RateLimit, ["rate limit", "rate_limit", "ratelimit", "too many requests", "usage limit", "quota", " 429", "429 "]),
        (ErrorCategories.Auth, ["unauthorized", "unauthorised", "authentication", "invalid api key", "invalid x-api-key", "api key", " 401", "token expired", "not logged in", "login required", "credential"]),
        (ErrorCategories.ContentPolicy, ["content policy", "content_policy", "content filter", "content_filter", "safety system", "policy violation", "flagged"]),
        (ErrorCategories.PermissionWait, ["permission", "approval", "approve", "not allowed to run", "awaiting confirmation"]),
        (ErrorCategories.Timeout, ["timed out", "timeout", "time out", "deadline exceeded", "etimedout", " 408", " 504"]),
        (ErrorCategories.ModelError, ["context length", "context_length", "context window", "maximum context", "prompt is too long", "max_tokens", "model not found", "model_not_found", "invalid model", "does not exist or you do not have access to the model"]),
        (ErrorCategories.ApiError, ["api error", "api_error", "overloaded", "internal server error", "bad gateway", "service unavailable", " 500", " 502", " 503", " 529", "econnreset", "connection reset", "connection refused", "network error", "stream error", "disconnected"]),
        (ErrorCategories.ToolError, ["tool", "command failed", "exit code", "exit status", "no such file", "enoent", "command not found", "non-zero"]),
    ];

    /// <summary>The category and fingerprint of a message; an empty message is category other.</summary>
    public static ErrorClassification Classify(string? message) => Classify(message, category: null);

    /// <summary>As Classify, with the category given by the caller (its fingerprint is computed under that category).</summary>
    public static ErrorClassification Classify(string? message, string? category)
    {
        string text = message is null ? "" : message.Length > MaxAnalysedChars ? message[..MaxAnalysedChars] : message;
        string lower = text.ToLowerInvariant();
        category ??= CategoryOf(lower);
        return new ErrorClassification(category, Fingerprint(category, Shape(lower)));
    }

    /// <summary>The normalised shape of a message (see the file's first comment); exposed for tests and documentation.</summary>
    public static string Shape(string message)
    {
        string lower = message.Length > MaxAnalysedChars ? message[..MaxAnalysedChars].ToLowerInvariant() : message.ToLowerInvariant();
        var tokens = new List<string>();
        var current = new StringBuilder();
        for (int i = 0; i < lower.Length && tokens.Count < MaxTokens; i++)
        {
            char c = lower[i];
            if (c is '"' or '\'' or '`' && IsQuoteStart(lower, i))
            {
                int close = lower.IndexOf(c, i + 1);
                if (close > i)
                {
                    Flush(current, tokens);
                    tokens.Add("<s>");
                    i = close;
                    continue;
                }
            }

            if (char.IsWhiteSpace(c))
            {
                Flush(current, tokens);
            }
            else
            {
                current.Append(c);
            }
        }

        Flush(current, tokens);
        if (tokens.Count > MaxTokens)
        {
            tokens.RemoveRange(MaxTokens, tokens.Count - MaxTokens);
        }

        return string.Join(' ', tokens);
    }

    private static string CategoryOf(string lower)
    {
        if (lower.Length == 0)
        {
            return ErrorCategories.Other;
        }

        string padded = " " + lower + " ";
        foreach (var (category, words) in Rules)
        {
            foreach (string w in words)
            {
                if (padded.Contains(w, StringComparison.Ordinal))
                {
                    return category;
                }
            }
        }

        return ErrorCategories.Other;
    }

    /// <summary>An apostrophe inside a word (don't) is not a quote: a quote opens at the start or after a non-letter.</summary>
    private static bool IsQuoteStart(string s, int i) => i == 0 || !char.IsLetterOrDigit(s[i - 1]);

    private static void Flush(StringBuilder current, List<string> tokens)
    {
        if (current.Length == 0)
        {
            return;
        }

        string token = current.ToString().Trim(".,;:!?()[]{}<>=\"'`".ToCharArray());
        current.Clear();
        if (token.Length == 0)
        {
            return;
        }

        tokens.Add(Normalise(token));
    }

    private static string Normalise(string token)
    {
        if (token.Contains("://", StringComparison.Ordinal))
        {
            return "<url>";
        }

        if (token.Contains('/') || token.Contains('\\'))
        {
            return "<path>";
        }

        bool digit = false, numberOnly = true;
        foreach (char c in token)
        {
            digit |= char.IsAsciiDigit(c);
            numberOnly &= char.IsAsciiDigit(c) || c is '.' or ',' or ':' or '-';
        }

        return !digit ? token : numberOnly ? "<n>" : "<id>";
    }

    private static string Fingerprint(string category, string shape)
    {
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(category + "|" + shape));
        return Convert.ToHexString(hash, 0, FingerprintLength / 2).ToLowerInvariant();
    }
}
