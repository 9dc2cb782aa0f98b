namespace Gongkai.AppHost.Hosting;

public enum ResourceStatus
{
    /// <summary>Not started yet, or waiting for the resources in its WaitFor list.</summary>
    Waiting,
    /// <summary>Preparing (initdb, config files) before the process is launched.</summary>
    Starting,
    /// <summary>Process launched, not yet answering its health check.</summary>
    Running,
    Healthy,
    /// <summary>Was healthy; its periodic health check now fails (it is not restarted for that).</summary>
    Unhealthy,
    /// <summary>Stopped on purpose (shutdown or StopResourceAsync); not restarted.</summary>
    Stopped,
    /// <summary>Could not get healthy when first started; see its log.</summary>
    Failed,
    /// <summary>Exited without being asked to; waiting out the backoff before the next launch.</summary>
    Restarting,
}

/// <summary>One line of the dashboard: a snapshot of a resource at one moment.</summary>
public sealed record ResourceState(
    string Name,
    string Type,
    ResourceStatus State,
    int? Pid,
    string? Endpoint,
    int Restarts);

/// <summary>Thrown when the platform (or one resource) cannot be started; the message carries the last log lines.</summary>
public sealed class DistributedApplicationException(string message, Exception? inner = null) : Exception(message, inner);
