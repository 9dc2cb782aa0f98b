using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gongkai.ServiceDefaults.Validation;

/// <summary>
/// Every string in every request body passes here: text with control characters (<see cref="TextRules"/>) or longer
/// than any field of the platform allows is refused at the door, before a handler or a database sees it.
/// </summary>
public class SafeStringConverter : JsonConverter<string>
{
    /// <summary>Longer than the longest text any field takes (templates, descriptions); fields set their own lower limits.</summary>
    public const int MaxLength = 20_000;

    protected virtual int Limit => MaxLength;

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

    private string Checked(string value)
    {
        if (value.Length > Limit)
            throw new InvalidInputException($"内容过长，不能超过 {Limit} 个字。");
        return TextRules.Problem(value) is { } problem ? throw new InvalidInputException(problem) : value;
    }
}

/// <summary>
/// For the few fields that hold a whole document (a catalogue item's body, a section of the disclosure guide): the same
/// checks with a limit of <see cref="MaxLength"/> characters; put on the property with <c>[JsonConverter]</c>.
/// </summary>
public sealed class DocumentTextConverter : SafeStringConverter
{
    public new const int MaxLength = 500_000;

    protected override int Limit => MaxLength;
}
