using Microsoft.AspNetCore.Http;

namespace Gongkai.BuildingBlocks;

public static class HttpContextExtensions
{
    /// <summary>
    /// The caller's address as the gateway saw it: the last X-Forwarded-For entry is the one the gateway
    /// appended (earlier entries are whatever the client claimed). Services are reachable only through it.
    /// </summary>
    public static string? ClientAddress(this HttpContext context)
    {
        var forwarded = context.Request.Headers["X-Forwarded-For"].ToString();
        var last = forwarded.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        return (last ?? context.Connection.RemoteIpAddress?.ToString()) is { Length: <= 64 } address ? address : null;
    }
}
