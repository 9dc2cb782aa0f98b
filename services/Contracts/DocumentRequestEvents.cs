namespace Gongkai.Contracts;

/// <summary>
/// Document gave up on a DocumentRequested after its retries: the letter was not issued. The unit's staff find it
/// in Document's list of requests (state Failed) until someone retries it. LastError names the cause without
/// personal data; raise an alert from it.
/// </summary>
public sealed record DocumentRenderingFailed(
    Guid RequestId,
    Guid CaseId,
    string TenantId,
    string Kind,
    string CaseNumber,
    int Attempts,
    string LastError,
    DateTimeOffset FailedAt);
