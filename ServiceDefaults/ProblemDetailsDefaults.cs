using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Gongkai.ServiceDefaults;

public static class ProblemDetailsDefaults
{
    /// <summary>
    /// Every problem carries the trace id, so an operator can find the request's trace, and a Chinese title: the
    /// framework's own titles ("Not Found", "One or more validation errors occurred.") are replaced by status.
    /// </summary>
    public static void Customize(ProblemDetailsContext context)
    {
        var traceId = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
        context.ProblemDetails.Extensions["traceId"] = traceId;
        if (context.ProblemDetails.Title is not { } title || !ContainsChinese(title))
            context.ProblemDetails.Title = ChineseTitle(context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode);
    }

    public static string ChineseTitle(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "请求参数有误",
        StatusCodes.Status401Unauthorized => "未登录或登录已失效",
        StatusCodes.Status403Forbidden => "无权执行此操作",
        StatusCodes.Status404NotFound => "未找到",
        StatusCodes.Status405MethodNotAllowed => "不支持该请求方法",
        StatusCodes.Status406NotAcceptable => "无法提供所请求的格式",
        StatusCodes.Status409Conflict => "操作冲突",
        StatusCodes.Status413PayloadTooLarge => "请求内容过大",
        StatusCodes.Status415UnsupportedMediaType => "不支持的内容类型，请以 application/json 提交",
        StatusCodes.Status422UnprocessableEntity => "请求无法处理",
        StatusCodes.Status429TooManyRequests => "请求过于频繁，请稍后再试",
        StatusCodes.Status503ServiceUnavailable => "服务暂时不可用，请稍后再试",
        >= 500 => "服务器内部错误，请稍后再试",
        _ => "请求无法完成",
    };

    private static bool ContainsChinese(string text) => text.Any(c => c is >= '\u4E00' and <= '\u9FFF');
}
