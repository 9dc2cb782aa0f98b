using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Gongkai.ServiceDefaults;

public static class ProblemDetailsDefaults
{
    /// <summary>Every problem carries the trace id, so an operator can find the request's trace.</summary>
    public static void AddTraceId(ProblemDetailsContext context)
    {
        var traceId = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
        context.ProblemDetails.Extensions["traceId"] = traceId;
    }
}
