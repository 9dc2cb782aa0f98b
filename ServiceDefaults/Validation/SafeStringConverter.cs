using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gongkai.ServiceDefaults.Validation;

/// <summary>
/// Every string in every request body passes here: text with control characters (<see cref="TextRules"/>) or longer
/// than any field of the platform allows is refused at the door, before a handler or a database sees it.
/// </summary>
public sealed class SafeStringConverter : JsonConverter<string>
{
    /// <summary>Longer than the longest text any field takes (templates, descriptions); fields set their own lower limits.</summary>
    public const int MaxLength = 20_000;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
            return null;
        if (reader.TokenType != JsonTokenType.String)
            throw new InvalidInputException("应为文本。");
        return Checked(reader.GetString()!);
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    // Dictionary keys (a checklist's question ids, the errors of a problem) are strings too.
    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Checked(reader.GetString()!);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);

    private static string Checked(string value)
    {
        if (value.Length > MaxLength)
            throw new InvalidInputException($"内容过长，不能超过 {MaxLength} 个字。");
        return TextRules.Problem(value) is { } problem ? throw new InvalidInputException(problem) : value;
    }
}
