using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Gongkai.Workflow.Domain.Lifecycle;

namespace Gongkai.Workflow.Infrastructure;

/// <summary>
/// Stores a case's lifecycle (status, reply clock with its pauses, open letters, decision, fee, delivery)
/// as one jsonb document. The domain classes keep their invariants with private setters and private lists,
/// so this serializer reads and writes their fields directly instead of asking them to expose setters.
/// The timeline is not part of the document: it is stored row by row (case_events).
/// </summary>
public static class LifecycleJson
{
    private static readonly string DomainNamespace = typeof(CaseLifecycle).Namespace!;

    private static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new JsonStringEnumConverter() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { UseFields } },
    };

    public static string Serialize(CaseLifecycle lifecycle) => JsonSerializer.Serialize(lifecycle, Options);

    public static CaseLifecycle Deserialize(string json) => JsonSerializer.Deserialize<CaseLifecycle>(json, Options)!;

    private static void UseFields(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object || info.Type.Namespace != DomainNamespace)
            return;
        info.Properties.Clear();
        info.CreateObject = () => RuntimeHelpers.GetUninitializedObject(info.Type);
        // Fields that are not stored (the timeline) still need their empty list after loading.
        info.OnDeserialized = instance =>
        {
            foreach (var field in info.Type.GetFields(BindingFlags.Instance | BindingFlags.NonPublic))
                if (field.GetValue(instance) is null && field.FieldType.IsGenericType && field.FieldType.GetGenericTypeDefinition() == typeof(List<>))
                    field.SetValue(instance, Activator.CreateInstance(field.FieldType));
        };
        foreach (var field in info.Type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            if (field.Name == "_timeline")
                continue;
            var property = info.CreateJsonPropertyInfo(field.FieldType, Name(field));
            property.Get = field.GetValue;
            property.Set = field.SetValue;
            info.Properties.Add(property);
        }
    }

    // "<Status>k__BackingField" → "Status", "_pauses" → "pauses".
    private static string Name(FieldInfo field) =>
        field.Name.StartsWith('<') ? field.Name[1..field.Name.IndexOf('>')] : field.Name.TrimStart('_');
}
