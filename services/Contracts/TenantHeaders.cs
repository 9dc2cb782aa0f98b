namespace Gongkai.Contracts;

/// <summary>Names of the headers that carry the tenant and correlation between services.</summary>
public static class TenantHeaders
{
    /// <summary>A client-sent tenant header; ignored and stripped (the tenant comes only from the token).</summary>
    public const string Client = "X-Tenant-Id";

    /// <summary>Prefix of every internal header; the gateway removes all of them from client requests.</summary>
    public const string InternalPrefix = "X-Gongkai-";

    /// <summary>Message header carrying the tenant on RabbitMQ messages.</summary>
    public const string Message = "gongkai-tenant";

    /// <summary>Request id echoed by the gateway and forwarded to services.</summary>
    public const string RequestId = "X-Request-Id";
}

public static class TenantIds
{
    /// <summary>Tenant ids are unit codes: letters, digits and '-', at most 64 characters.</summary>
    public static bool IsWellFormed(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
