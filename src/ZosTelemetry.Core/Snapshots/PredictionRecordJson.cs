// Reads one prediction record from a JSON line: {"ts", "label", "confidence", "probabilities", "features",
// "suggested"}, every field but label optional. Strict: an unknown field, a duplicate or a value of the wrong type is
// refused, so that nothing is silently dropped and a field meant to carry text is never mistaken for a number.
// Error messages name fields and positions, never the values they refused (a value may be content).
using System.Text.Json;
using ZosTelemetry.Events;

namespace ZosTelemetry.Snapshots;

public static class PredictionRecordJson
{
    public const string Fields = "ts, label, confidence, probabilities, features, suggested";

    public static PredictionRecord Parse(ReadOnlySpan<byte> line)
    {
        try
        {
            return Read(line);
        }
        catch (JsonException)
        {
            throw new TelemetryValidationException("record", "not a well-formed JSON object.");
        }
        catch (InvalidOperationException)
        {
            throw new TelemetryValidationException("record", "a string is not valid UTF-8.");
        }
    }

    private static PredictionRecord Read(ReadOnlySpan<byte> line)
    {
        var r = new Utf8JsonReader(line);
        if (!r.Read() || r.TokenType != JsonTokenType.StartObject)
        {
            throw new TelemetryValidationException("record", "a record is a JSON object such as {\"label\": \"premium\", \"confidence\": 0.9}.");
        }

        DateTimeOffset? ts = null;
        string? label = null;
        double? confidence = null;
        List<double>? probabilities = null;
        SortedDictionary<string, double?>? features = null;
        bool suggested = false;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            string name = r.GetString()!;
            if (!seen.Add(name))
            {
                throw new TelemetryValidationException(Field(name), $"field {Quote(name)} is given twice.");
            }

            r.Read();
            switch (name)
            {
                case "ts":
                    ts = r.TokenType == JsonTokenType.Null ? null : EventValidator.ParseTimestamp(String(ref r, "ts"));
                    break;
                case "label":
                    label = String(ref r, "label");
                    break;
                case "confidence":
                    confidence = NumberOrNull(ref r, "confidence");
                    break;
                case "probabilities":
                    probabilities = Probabilities(ref r);
                    break;
                case "features":
                    features = Features(ref r);
                    break;
                case "suggested":
                    suggested = r.TokenType switch
                    {
                        JsonTokenType.True => true,
                        JsonTokenType.False or JsonTokenType.Null => false,
                        _ => throw new TelemetryValidationException("suggested", "suggested must be true or false."),
                    };
                    break;
                default:
                    throw new TelemetryValidationException("record", $"field {Quote(name)} is not part of a prediction record (its fields: {Fields}); nothing of a record is kept but the snapshot's numbers.");
            }
        }

        if (r.TokenType != JsonTokenType.EndObject || r.Read())
        {
            throw new TelemetryValidationException("record", "not a well-formed JSON object.");
        }

        if (label is null)
        {
            throw new TelemetryValidationException("label", "label is required.");
        }

        return new PredictionRecord
        {
            Timestamp = ts, Label = label, Confidence = confidence, Probabilities = probabilities, Features = features, Suggested = suggested,
        };
    }

    private static string String(ref Utf8JsonReader r, string field) =>
        r.TokenType == JsonTokenType.String ? r.GetString()! : throw new TelemetryValidationException(field, $"{field} must be a string.");

    private static double? NumberOrNull(ref Utf8JsonReader r, string field) => r.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.Number => r.GetDouble(),
        _ => throw new TelemetryValidationException(field, $"{field} must be a number or null."),
    };

    private static List<double>? Probabilities(ref Utf8JsonReader r)
    {
        if (r.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (r.TokenType != JsonTokenType.StartArray)
        {
            throw new TelemetryValidationException("probabilities", "probabilities must be an array of numbers.");
        }

        var list = new List<double>();
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.Number)
            {
                throw new TelemetryValidationException("probabilities", "probabilities must be an array of numbers.");
            }

            if (list.Count == SnapshotRules.MaxClasses)
            {
                throw new TelemetryValidationException("probabilities", $"probabilities has more than {SnapshotRules.MaxClasses} entries.");
            }

            list.Add(r.GetDouble());
        }

        return list;
    }

    private static SortedDictionary<string, double?>? Features(ref Utf8JsonReader r)
    {
        if (r.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (r.TokenType != JsonTokenType.StartObject)
        {
            throw new TelemetryValidationException("features", "features must be an object of feature names to numbers or null.");
        }

        var features = new SortedDictionary<string, double?>(StringComparer.Ordinal);
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            string name = r.GetString()!;
            SnapshotRules.ValidateFeatureName(name);
            r.Read();
            double? value = r.TokenType switch
            {
                JsonTokenType.Null => null,
                JsonTokenType.Number => r.GetDouble(),
                _ => throw new TelemetryValidationException("features", $"feature {name} must be a number or null."),
            };
            if (!features.TryAdd(name, value))
            {
                throw new TelemetryValidationException("features", $"feature {name} is given twice.");
            }

            if (features.Count > SnapshotRules.MaxFeatures)
            {
                throw new TelemetryValidationException("features", $"more than {SnapshotRules.MaxFeatures} features on one record.");
            }
        }

        return features;
    }

    // An unknown field's name is shown only when it is itself a plain short name; anything else could be content.
    private static string Quote(string name)
    {
        foreach (char c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            {
                return "(a name that is not a plain identifier)";
            }
        }

        return name.Length is > 0 and <= 40 ? "\"" + name + "\"" : "(a name that is not a plain identifier)";
    }

    private static string Field(string name) => name is "ts" or "label" or "confidence" or "probabilities" or "features" or "suggested" ? name : "record";
}
