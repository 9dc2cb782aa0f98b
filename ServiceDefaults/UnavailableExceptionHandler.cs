using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Gongkai.ServiceDefaults;

/// <summary>
/// A request that fails because the database is momentarily out of reach (restarting, every pooled connection busy under
/// overload, a timeout) is answered 503 with Retry-After, as problem details saying to try again, instead of a 500 that
/// says the request itself broke something. Whatever it was writing was rolled back with its transaction.
/// </summary>
public sealed class UnavailableExceptionHandler(IProblemDetailsService problemDetails, ILogger<UnavailableExceptionHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsTransient(exception))
            return false;
        logger.LogWarning("{Method} {Path} answered 503: the database is out of reach ({Reason})",
            httpContext.Request.Method, httpContext.Request.Path, exception.GetBaseException().Message);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "服务暂时繁忙",
                Detail = $"系统暂时无法处理该请求，请{RetryAfterSeconds}秒后重试。",
            },
        });
    }

    /// <summary>A transient database failure anywhere in the chain (EF Core's retry strategy wraps the last one it met).</summary>
    public static bool IsTransient(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is NpgsqlException { IsTransient: true } or TimeoutException)
                return true;
        }
        return false;
    }
}
