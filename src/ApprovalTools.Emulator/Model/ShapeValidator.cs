using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ApprovalTools.Emulator.Model;

/// <summary>A value whose JSON type does not fit its shape; the service answers SerializationException.</summary>
internal sealed class ShapeTypeException(string message) : Exception(message);

/// <summary>
/// Checks a JSON value against a model shape the way the service's front end does: wrong JSON types throw
/// <see cref="ShapeTypeException"/>, constraint violations are collected as AWS-style sentences.
/// Strict mode also reports members the shape does not declare (used to check our own responses).
/// </summary>
internal sealed class ShapeValidator(ServiceModel model, bool strict = false)
{
    private static readonly ConcurrentDictionary<string, Regex> Patterns = new();

    public List<string> Validate(string shapeName, JsonElement value)
    {
        var errors = new List<string>();
        Check(shapeName, value, "", errors);
        return errors;
    }

    /// <summary>The ValidationException message for a list of violations, as the service words it.</summary>
    public static string Message(IReadOnlyList<string> errors) =>
        $"{errors.Count} validation error{(errors.Count == 1 ? "" : "s")} detected: {string.Join("; ", errors)}";

    private void Check(string shapeName, JsonElement value, string path, List<string> errors)
    {
        var shape = model.Shape(shapeName);
        var type = shape.GetProperty("type").GetString();
        switch (type)
        {
            case "structure": CheckStructure(shape, value, path, errors); break;
            case "list": CheckList(shape, value, path, errors); break;
            case "map": CheckMap(shape, value, path, errors); break;
            case "string": CheckString(shape, value, path, errors); break;
            case "integer" or "long": CheckInteger(shape, value, path, errors, type); break;
            case "float" or "double":
                if (value.ValueKind != JsonValueKind.Number) throw Mismatch(value, "a Double");
                break;
            case "boolean":
                if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) 
                    throw Mismatch(value, "a Boolean");
                break;
            case "timestamp":
                // Epoch seconds on the wire; the service also parses ISO-8601 strings.
                if (value.ValueKind == JsonValueKind.String
                        ? !DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture,
                            DateTimeStyles.AssumeUniversal, out _)
                        : value.ValueKind != JsonValueKind.Number)
                    throw Mismatch(value, "a Date");
                break;
            case "blob":
                if (value.ValueKind != JsonValueKind.String) throw Mismatch(value, "a ByteBuffer");
                break;
        }
    }

    private void CheckStructure(JsonElement shape, JsonElement value, string path, List<string> errors)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw new ShapeTypeException(value.ValueKind == JsonValueKind.Array
                ? "Start of list found where not expected" : $"{Kind(value)} can not be converted to a Structure");
        var members = shape.TryGetProperty("members", out var m) ? m : default;
        if (shape.TryGetProperty("required", out var required))
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
                if (!value.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
                    errors.Add($"Value null at '{Join(path, name)}' failed to satisfy constraint: " +
                        "Member must not be null");
        foreach (var prop in value.EnumerateObject())
        {
            if (members.ValueKind != JsonValueKind.Object || !members.TryGetProperty(prop.Name, out var member))
            {
                if (strict) errors.Add($"Unknown member '{Join(path, prop.Name)}'");
                continue;
            }
            // Serializers leave out absent members; an explicit null means the same.
            if (prop.Value.ValueKind == JsonValueKind.Null) continue;
            Check(member.GetProperty("shape").GetString()!, prop.Value, Join(path, prop.Name), errors);
        }
    }

    private void CheckList(JsonElement shape, JsonElement value, string path, List<string> errors)
    {
        if (value.ValueKind != JsonValueKind.Array)
            throw new ShapeTypeException(value.ValueKind == JsonValueKind.Object
                ? "Start of structure or map found where not expected."
                    : $"{Kind(value)} can not be converted to a List");
        CheckCount(shape, value, value.GetArrayLength(), path, errors);
        var memberShape = shape.GetProperty("member").GetProperty("shape").GetString()!;
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            i++;
            var itemPath = $"{path}.{i}.member";
            if (item.ValueKind == JsonValueKind.Null)
                errors.Add($"Value null at '{itemPath}' failed to satisfy constraint: Member must not be null");
            else
                Check(memberShape, item, itemPath, errors);
        }
    }

    private void CheckMap(JsonElement shape, JsonElement value, string path, List<string> errors)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw new ShapeTypeException($"{Kind(value)} can not be converted to a Map");
        var count = value.EnumerateObject().Count();
        CheckCount(shape, value, count, path, errors);
        var keyShape = shape.GetProperty("key").GetProperty("shape").GetString()!;
        var valueShape = shape.GetProperty("value").GetProperty("shape").GetString()!;
        foreach (var prop in value.EnumerateObject())
        {
            CheckText(model.Shape(keyShape), prop.Name, $"{path}.key", errors);
            if (prop.Value.ValueKind == JsonValueKind.Null)
                errors.Add($"Value null at '{path}.{prop.Name}' failed to satisfy constraint: Member must not be null");
            else
                Check(valueShape, prop.Value, $"{path}.{prop.Name}", errors);
        }
    }

    private static void CheckString(JsonElement shape, JsonElement value, string path, List<string> errors)
    {
        if (value.ValueKind != JsonValueKind.String) throw Mismatch(value, "a String");
        CheckText(shape, value.GetString()!, path, errors);
    }

    private static void CheckText(JsonElement shape, string s, string path, List<string> errors)
    {
        var shown = $"'{s}'";
        // The length trait counts a string in Unicode characters (code points), not UTF-16 units: an emoji is one.
        var length = s.EnumerateRunes().Count();
        if (shape.TryGetProperty("max", out var max) && length > max.GetInt64())
            errors.Add(Violation(shown, path, $"Member must have length less than or equal to {max.GetInt64()}"));
        if (shape.TryGetProperty("min", out var min) && length < min.GetInt64())
            errors.Add(Violation(shown, path, $"Member must have length greater than or equal to {min.GetInt64()}"));
        if (shape.TryGetProperty("pattern", out var pattern) && !Matches(pattern.GetString()!, s))
            errors.Add(Violation(shown, path,
                $"Member must satisfy regular expression pattern: {pattern.GetString()}"));
        if (shape.TryGetProperty("enum", out var values))
        {
            var allowed = values.EnumerateArray().Select(e => e.GetString()!).ToList();
            if (!allowed.Contains(s, StringComparer.Ordinal))
                errors.Add(Violation(shown, path,
                    $"Member must satisfy enum value set: [{string.Join(", ", allowed)}]"));
        }
    }

    private static void CheckInteger(JsonElement shape, JsonElement value, string path,
        List<string> errors, string type)
    {
        if (value.ValueKind != JsonValueKind.Number) throw Mismatch(value, type == "long" ? "a Long" : "an Integer");
        if (!value.TryGetInt64(out var n) || (type == "integer" && n is > int.MaxValue or < int.MinValue))
            throw new ShapeTypeException(
                $"Value {value.GetRawText()} can not be converted to {(type == "long" ? "a Long" : "an Integer")}");
        var shown = $"'{n}'";
        if (shape.TryGetProperty("max", out var max) && n > max.GetInt64())
            errors.Add(Violation(shown, path, $"Member must have value less than or equal to {max.GetInt64()}"));
        if (shape.TryGetProperty("min", out var min) && n < min.GetInt64())
            errors.Add(Violation(shown, path, $"Member must have value greater than or equal to {min.GetInt64()}"));
    }

    private static void CheckCount(JsonElement shape, JsonElement value, int count, string path, List<string> errors)
    {
        var shown = $"'{value.GetRawText()}'";
        if (shape.TryGetProperty("max", out var max) && count > max.GetInt64())
            errors.Add(Violation(shown, path, $"Member must have length less than or equal to {max.GetInt64()}"));
        if (shape.TryGetProperty("min", out var min) && count < min.GetInt64())
            errors.Add(Violation(shown, path, $"Member must have length greater than or equal to {min.GetInt64()}"));
    }

    // Model patterns use Java's String.matches semantics: the whole value must match.
    private static bool Matches(string pattern, string value) =>
        Patterns.GetOrAdd(pattern, p => new Regex($"^(?:{p})\\z", RegexOptions.CultureInvariant)).IsMatch(value);

    private static string Violation(string shown, string path, string constraint) =>
        $"Value {shown} at '{path}' failed to satisfy constraint: {constraint}";

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static ShapeTypeException Mismatch(JsonElement value, string target) =>
        new($"{Kind(value)} can not be converted to {target}");

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "STRING_VALUE",
        JsonValueKind.Number => "NUMBER_VALUE",
        JsonValueKind.True => "TRUE_VALUE",
        JsonValueKind.False => "FALSE_VALUE",
        JsonValueKind.Object => "START_OBJECT",
        JsonValueKind.Array => "START_ARRAY",
        _ => "VALUE_NULL",
    };
}
