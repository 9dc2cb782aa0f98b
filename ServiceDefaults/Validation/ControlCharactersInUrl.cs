using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Gongkai.ServiceDefaults.Validation;

/// <summary>
/// The URL's rule to match the bodies' (<see cref="SafeStringConverter"/>): a path segment or query value holding a
/// control character ("%00") is a 400 before any endpoint runs, never a database error.
/// </summary>
public static class ControlCharactersInUrl
{
    public static IApplicationBuilder RefuseControlCharactersInUrl(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var field = TextRules.IndexOfForbidden(context.Request.Path.Value) >= 0 ? "path"
                : context.Request.Query.FirstOrDefault(q => q.Value.Any(v => v is not null && TextRules.IndexOfForbidden(v) >= 0)).Key;
            if (field is null)
            {
                await next(context);
                return;
            }
            await TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = ["不能包含控制字符或文字方向控制符。"] }, title: "请求参数有误")
                .ExecuteAsync(context);
        });
}
