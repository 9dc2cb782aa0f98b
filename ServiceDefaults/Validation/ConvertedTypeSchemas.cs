using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Gongkai.ServiceDefaults.Validation;

/// <summary>
/// The OpenAPI documents' view of the two input converters. The schema exporter cannot see through a custom converter,
/// so without this every text field (<see cref="SafeStringConverter"/>) and every enum (<see cref="StrictEnumConverterFactory"/>)
/// is described as "anything": clients, Scalar and the fuzz test would not know a field is text or which names it takes.
/// </summary>
public static class ConvertedTypeSchemas
{
    public static Task Describe(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var declared = context.JsonTypeInfo.Type;
        var type = Nullable.GetUnderlyingType(declared) ?? declared;
        if (type != typeof(string) && !type.IsEnum)
            return Task.CompletedTask;
        var nullable = type != declared || context.JsonPropertyInfo is { IsGetNullable: true };
        schema.Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
        if (type.IsEnum)
            schema.Enum = [.. Enum.GetNames(type).Select(name => (JsonNode)JsonValue.Create(name))];
        if (type == typeof(string))
            schema.MaxLength ??= SafeStringConverter.MaxLength;
        return Task.CompletedTask;
    }
}
