using System.Globalization;
using System.Text.Json;
using Google.Protobuf.Reflection;
using PortfolioTracker.ServiceDefaults.Validation;

namespace PortfolioTracker.ServiceDefaults.Errors;

/// <summary>
/// Which fields of a request JSON transcoding could not read: each query or route value and each
/// body property checked against the type of the proto field it names, and named as the JSON API
/// names it (<c>bars[1].volume</c>). Only consulted once the request has been refused, to say why.
/// </summary>
public static class TranscodedFieldCheck
{
    /// <summary>Query and route values by their (dotted) field path; names that are no field are left alone.</summary>
    public static IEnumerable<FieldViolation> OfValues(MessageDescriptor input, IEnumerable<KeyValuePair<string, string?>> values)
    {
        foreach (var (path, value) in values)
        {
            if (Resolve(input, path) is { } field && value is not null && ScalarProblem(field, value) is { } problem)
            {
                yield return new FieldViolation(JsonPath(input, path), problem);
            }
        }
    }

    /// <summary>The body against the whole request (<c>body: "*"</c>) or the field the rule names.</summary>
    public static IEnumerable<FieldViolation> OfBody(MessageDescriptor input, string bodyRule, JsonElement body)
    {
        if (bodyRule == "*")
        {
            return OfMessage(input, body, prefix: "");
        }
        return input.FindFieldByName(bodyRule) is { } field ? OfField(field, body, field.JsonName) : [];
    }

    private static IEnumerable<FieldViolation> OfMessage(MessageDescriptor message, JsonElement value, string prefix)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            yield break;
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            yield return new FieldViolation(prefix.Length == 0 ? "body" : prefix, "must be a JSON object");
            yield break;
        }
        foreach (var property in value.EnumerateObject())
        {
            var path = prefix.Length == 0 ? property.Name : $"{prefix}.{property.Name}";
            var field = FindField(message, property.Name);
            if (field is null)
            {
                yield return new FieldViolation(path, "is not a field of this request");
                continue;
            }
            foreach (var violation in OfField(field, property.Value, prefix.Length == 0 ? field.JsonName : $"{prefix}.{field.JsonName}"))
            {
                yield return violation;
            }
        }
    }

    private static IEnumerable<FieldViolation> OfField(FieldDescriptor field, JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.Null || field.IsMap)
        {
            return [];
        }
        if (field.IsRepeated)
        {
            return value.ValueKind == JsonValueKind.Array
                ? value.EnumerateArray().SelectMany((item, index) => OfSingle(field, item, $"{path}[{index}]"))
                : [new FieldViolation(path, "must be a list")];
        }
        return OfSingle(field, value, path);
    }

    private static IEnumerable<FieldViolation> OfSingle(FieldDescriptor field, JsonElement value, string path)
    {
        if (field.FieldType == FieldType.Message && WrappedValue(field) is null)
        {
            return WellKnown(field) ? [] : OfMessage(field.MessageType, value, path);
        }
        var scalar = WrappedValue(field) ?? field;
        string? problem = value.ValueKind switch
        {
            JsonValueKind.String => ScalarProblem(scalar, value.GetString()!),
            JsonValueKind.Number => scalar.FieldType is FieldType.String or FieldType.Bytes or FieldType.Bool
                ? Expected(scalar)
                : ScalarProblem(scalar, value.GetRawText()),
            JsonValueKind.True or JsonValueKind.False => scalar.FieldType == FieldType.Bool ? null : Expected(scalar),
            _ => Expected(scalar),
        };
        return problem is null ? [] : [new FieldViolation(path, problem)];
    }

    /// <summary>Null when <paramref name="text"/> is a value of the field's type (as text, in a query or a JSON string).</summary>
    private static string? ScalarProblem(FieldDescriptor field, string text)
    {
        var ok = field.FieldType switch
        {
            FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
            FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
            FieldType.UInt32 or FieldType.Fixed32 => uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _),
            FieldType.UInt64 or FieldType.Fixed64 => ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _),
            FieldType.Double or FieldType.Float => text is "NaN" or "Infinity" or "-Infinity"
                || double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
            FieldType.Bool => text is "true" or "false",
            FieldType.Enum => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
                || field.EnumType.Values.Any(v => string.Equals(v.Name, text, StringComparison.OrdinalIgnoreCase)),
            FieldType.Message => WrappedValue(field) is not { } inner || ScalarProblem(inner, text) is null,
            _ => true,
        };
        return ok ? null : Expected(field);
    }

    private static string Expected(FieldDescriptor field) => field.FieldType switch
    {
        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => $"must be a whole number from {int.MinValue} to {int.MaxValue}",
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => $"must be a whole number from {long.MinValue} to {long.MaxValue}",
        FieldType.UInt32 or FieldType.Fixed32 => $"must be a whole number from 0 to {uint.MaxValue}",
        FieldType.UInt64 or FieldType.Fixed64 => $"must be a whole number from 0 to {ulong.MaxValue}",
        FieldType.Double or FieldType.Float => "must be a number",
        FieldType.Bool => "must be true or false",
        FieldType.Enum => "must be one of " + string.Join(", ", field.EnumType.Values.Select(v => v.Name)),
        FieldType.Message => WrappedValue(field) is { } inner ? Expected(inner) : "must be a JSON object",
        _ => "must be a string",
    };

    /// <summary>The <c>value</c> field of a wrapper type (<c>google.protobuf.Int32Value</c> …), else null.</summary>
    private static FieldDescriptor? WrappedValue(FieldDescriptor field) =>
        field.FieldType == FieldType.Message && field.MessageType.FullName.StartsWith("google.protobuf.", StringComparison.Ordinal)
            && field.MessageType.FullName.EndsWith("Value", StringComparison.Ordinal) && field.MessageType.Fields.InFieldNumberOrder() is [{ Name: "value" } inner]
            ? inner
            : null;

    /// <summary>Timestamps, durations, structs and the like have JSON forms of their own: not second-guessed here.</summary>
    private static bool WellKnown(FieldDescriptor field) =>
        field.MessageType.FullName.StartsWith("google.protobuf.", StringComparison.Ordinal);

    private static FieldDescriptor? FindField(MessageDescriptor message, string name) =>
        message.Fields.InDeclarationOrder().FirstOrDefault(f => f.JsonName == name || f.Name == name);

    private static FieldDescriptor? Resolve(MessageDescriptor message, string path)
    {
        FieldDescriptor? field = null;
        foreach (var segment in path.Split('.'))
        {
            if (field is not null && (field.FieldType != FieldType.Message || WrappedValue(field) is not null))
            {
                return null;
            }
            field = FindField(field?.MessageType ?? message, segment);
            if (field is null)
            {
                return null;
            }
        }
        return field;
    }

    private static string JsonPath(MessageDescriptor message, string path)
    {
        var names = new List<string>();
        var current = message;
        foreach (var segment in path.Split('.'))
        {
            var field = FindField(current, segment)!;
            names.Add(field.JsonName);
            current = field.FieldType == FieldType.Message ? field.MessageType : current;
        }
        return string.Join('.', names);
    }
}
