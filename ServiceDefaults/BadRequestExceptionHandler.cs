using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Gongkai.ServiceDefaults;

/// <summary>
/// Unreadable request bodies (malformed JSON, a wrong type or an unknown enum value) become a 400
/// problem details that names the field, instead of a 500 or an empty 400.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
            return false;

        var json = exception.InnerException as JsonException;
        var field = json?.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : null;
        httpContext.Response.StatusCode = badRequest.StatusCode;
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = badRequest.StatusCode,
            Title = badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge ? "请求内容过大" : "请求格式有误",
            Detail = field is null ? "请求内容无法解析，请检查格式。" : $"字段 {field} 的值无法识别，请检查格式或取值。",
        };
        if (field is not null)
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [$"字段 {field} 的值无法识别。"] };
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }
}
