using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gongkai.ServiceDefaults.Validation;

/// <summary>
/// Enums travel as their names, and only defined names are read: a number (99, -1, "7") or an unknown name is a 400
/// naming the field and the allowed values — never a value outside the enum that a switch then misreads.
/// </summary>
public sealed class StrictEnumConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(StrictEnumConverter<>).MakeGenericType(typeToConvert))!;

    private sealed class StrictEnumConverter<TEnum> : JsonConverter<TEnum> where TEnum : struct, Enum
    {
        private static readonly Dictionary<string, TEnum> ByName =
            Enum.GetValues<TEnum>().ToDictionary(v => v.ToString(), v => v, StringComparer.OrdinalIgnoreCase);

        private static readonly string Allowed = string.Join("、", Enum.GetNames<TEnum>());

        public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String && ByName.TryGetValue(reader.GetString()!, out var value))
                return value;
            throw new InvalidInputException($"取值无效，可选：{Allowed}。");
        }

        public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString());

        // The same rule for an enum used as a dictionary key ({"LicensingDecisions": 12}).
        public override TEnum ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            ByName.TryGetValue(reader.GetString()!, out var value) ? value : throw new InvalidInputException($"栏目名无效，可选：{Allowed}。");

        public override void WriteAsPropertyName(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
            writer.WritePropertyName(value.ToString());
    }
}
