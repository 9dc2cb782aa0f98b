using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Gongkai.ServiceDefaults.Validation;

/// <summary>
/// Query and route values bind to enums through Enum.TryParse, which takes any number ("?state=99"). This filter
/// refuses a bound enum argument that is not a defined value, with a 400 naming the parameter — the same rule the
/// JSON bodies follow (<see cref="StrictEnumConverterFactory"/>).
/// </summary>
public static class DefinedEnumArguments
{
    public static TBuilder RequireDefinedEnums<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory((context, next) =>
        {
            var enums = context.MethodInfo.GetParameters()
                .Select((p, i) => (p.Name!, Index: i, Type: Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType))
                .Where(p => p.Type.IsEnum)
                .ToList();
            if (enums.Count == 0)
                return next;
            return async invocation =>
            {
                foreach (var (name, index, type) in enums)
                {
                    if (invocation.Arguments[index] is { } value && !Enum.IsDefined(type, value))
                        return TypedResults.ValidationProblem(
                            new Dictionary<string, string[]> { [name] = [$"取值无效，可选：{string.Join("、", Enum.GetNames(type))}。"] },
                            title: "请求参数有误");
                }
                return await next(invocation);
            };
        });
}
