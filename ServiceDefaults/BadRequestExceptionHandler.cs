using System.Text.Json;
using System.Text.RegularExpressions;
using Gongkai.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Gongkai.ServiceDefaults;

/// <summary>
/// Unreadable request bodies (malformed JSON, a wrong type, an undefined enum value, a control character) become a
/// 400 problem details that names the field in Chinese, instead of a 500 or an empty 400; a wrong content type is 415.
/// A query or route value that does not bind (<c>?state=Pending</c>, <c>?page=abc</c>) or a required one that is missing is
/// named from the framework's message (its wording is fixed: "Failed to bind parameter \"T name\" from …").
/// </summary>
public sealed partial class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    [GeneratedRegex("""^(?:Failed to bind parameter|Required parameter) "[^"]* (?<name>[A-Za-z_][A-Za-z0-9_]*)" """)]
    private static partial Regex UnboundParameter();

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
            return false;

        var json = exception.InnerException as JsonException;
        var field = json?.Path is { Length: > 2 } path ? path.TrimStart('$', '.')
            : UnboundParameter().Match(badRequest.Message) is { Success: true } unbound ? unbound.Groups["name"].Value : null;
        var message = json is InvalidInputException invalid ? invalid.Message
            : badRequest.Message.StartsWith("Required parameter", StringComparison.Ordinal) ? "缺少必填参数。" : "值无法识别，请检查格式或取值。";
        httpContext.Response.StatusCode = badRequest.StatusCode;
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = badRequest.StatusCode,
            Title = badRequest.StatusCode == StatusCodes.Status400BadRequest ? "请求格式有误" : ProblemDetailsDefaults.ChineseTitle(badRequest.StatusCode),
            Detail = field is null
                ? badRequest.StatusCode == StatusCodes.Status400BadRequest ? "请求内容无法解析，请检查格式。" : null
                : $"字段 {field}：{message}",
        };
        if (field is not null)
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [message] };
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }
}
