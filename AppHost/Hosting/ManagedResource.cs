namespace Gongkai.AppHost.Hosting;

/// <summary>
/// The life of one resource: wait for its dependencies, launch, wait until healthy, then watch it and
/// restart it with backoff when it exits without being asked to. Subclasses say how to prepare, what
/// to launch, how to probe health and how to stop; this class owns the state machine and the timing.
/// </summary>
internal abstract class ManagedResource(string name, string type, AppRuntime runtime)
{
    private static readonly TimeSpan HealthInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    // A run that lasted this long counts as a success, so the next crash starts the backoff over at 1 s.
    private static readonly TimeSpan StableAfter = TimeSpan.FromSeconds(30);

    private readonly Lock _sync = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ResourceStatus _status = ResourceStatus.Waiting;
    private ChildProcess? _process;
    private int _restarts;
    private Exception? _failure;

    // True from Start until Stop: an exit while true is a crash and gets restarted.
    private bool _wanted;
    private CancellationTokenSource? _lifetime;
    private Task? _run;

    public string Name { get; } = name;

    public string Type { get; } = type;

    protected AppRuntime Runtime { get; } = runtime;

    public ResourceLog Log { get; } = runtime.CreateLog(name);

    public List<ManagedResource> Dependencies { get; } = [];

    public ResourceStatus Status
    {
        get { lock (_sync) { return _status; } }
    }

    /// <summary>Time from the first start (including e.g. initdb) to healthy, for the summary table.</summary>
    public TimeSpan? TimeToHealthy { get; private set; }

    /// <summary>An external server has no process of ours; it is only probed.</summary>
    public virtual bool IsExternal => false;

    /// <summary>Why the first start failed (null unless <see cref="ResourceStatus.Failed"/>).</summary>
    public Exception? Failure
    {
        get { lock (_sync) { return _failure; } }
    }

    public abstract string? Endpoint { get; }

    /// <summary>The loopback port the process will listen on, if it is ours (checked free before each launch).</summary>
    protected virtual int? ListenPort => null;

    /// <summary>Runs before every launch (create files, clear what a crashed predecessor left).</summary>
    protected virtual Task PrepareAsync(CancellationToken ct) => Task.CompletedTask;

    protected abstract ProcessSpec CreateProcessSpec();

    protected abstract Task<bool> IsHealthyAsync(CancellationToken ct);

    /// <summary>Runs after the first healthy probe of every launch, before dependents may start (e.g. create databases).</summary>
    protected virtual Task OnHealthyAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>Asks the process to stop and waits for it; the default is SIGTERM, then SIGKILL after 10 s.</summary>
    protected virtual Task StopProcessAsync(ChildProcess process) => process.TerminateAsync(TimeSpan.FromSeconds(10));

    /// <summary>Runs after every stop, even with no live child: ends what a killed child may have left (beam.smp).</summary>
    protected virtual Task AfterStopAsync() => Task.CompletedTask;

    public ResourceState Snapshot()
    {
        lock (_sync)
        {
            return new ResourceState(Name, Type, _status, _process is { HasExited: false } p ? p.Pid : null, Endpoint, _restarts);
        }
    }

    /// <summary>Starts the resource (once its dependencies are healthy) and returns when it is healthy.</summary>
    public Task StartAsync(CancellationToken ct)
    {
        lock (_sync)
        {
            if (!_wanted)
            {
                _wanted = true;
                _failure = null;
                _lifetime = new CancellationTokenSource();
                SetStatusLocked(ResourceStatus.Waiting);
                var lifetime = _lifetime.Token;
                _run = Task.Run(() => RunAsync(lifetime), CancellationToken.None);
            }
        }

        return WaitForHealthyAsync(ct);
    }

    /// <summary>Stops the resource on purpose: it is not restarted until <see cref="StartAsync"/>.</summary>
    public async Task StopAsync()
    {
        ChildProcess? process;
        Task? run;
        CancellationTokenSource? lifetime;
        lock (_sync)
        {
            if (_run is null)
            {
                return; // Never started: nothing of ours to stop (and no postmaster.pid of ours to act on).
            }

            _wanted = false;
            // Cancelling under the lock guarantees no new process is launched after this point (see Launch).
            lifetime = _lifetime;
            lifetime?.Cancel();
            process = _process;
            run = _run;
        }

        if (process is { HasExited: false })
        {
            Log.Write($"[apphost] stopping (pid {process.Pid})");
            await StopProcessAsync(process);
        }

        if (run is not null)
        {
            await run;
        }

        await AfterStopAsync();
        lifetime?.Dispose();
        lock (_sync)
        {
            // Unless a StartAsync came in meanwhile and began a new run.
            if (!_wanted)
            {
                _process = null;
                _run = null;
                _lifetime = null;
                if (_status != ResourceStatus.Failed)
                {
                    SetStatusLocked(ResourceStatus.Stopped);
                }
            }
        }

        Runtime.DeletePidFile(Name);
    }

    /// <summary>Returns once the resource is healthy; throws if it failed to start.</summary>
    public async Task WaitForHealthyAsync(CancellationToken ct)
    {
        while (true)
        {
            Task changed;
            lock (_sync)
            {
                if (_status == ResourceStatus.Healthy)
                {
                    return;
                }

                if (_status == ResourceStatus.Failed)
                {
                    throw new DistributedApplicationException(FailureMessage(_failure?.Message ?? "failed"), _failure);
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(ct);
        }
    }

    public string FailureMessage(string reason)
    {
        var lines = Log.Tail(25);
        return $"Resource '{Name}' {reason}." + (lines.Count == 0 ? "" : $" Last log lines:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", lines));
    }

    private async Task RunAsync(CancellationToken ct)
    {
        try
        {
            await WaitForDependenciesAsync(ct);
            await LaunchAndWaitHealthyAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            Log.Write($"[apphost] failed to start: {e.Message}");
            lock (_sync)
            {
                _wanted = false;
                _failure = e;
                SetStatusLocked(ResourceStatus.Failed);
            }

            return;
        }

        try
        {
            await SuperviseAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopped on purpose.
        }
        catch (Exception e)
        {
            // Not expected (restart failures are caught inside); without this a bug would silently end supervision.
            Log.Write($"[apphost] supervision ended: {e}");
        }
    }

    private async Task WaitForDependenciesAsync(CancellationToken ct)
    {
        foreach (var dependency in Dependencies)
        {
            try
            {
                await dependency.WaitForHealthyAsync(ct);
            }
            catch (DistributedApplicationException)
            {
                // The dependency's own failure carries its log; ours just names it.
                throw new DistributedApplicationException($"not started: '{dependency.Name}' failed");
            }
        }
    }

    private async Task LaunchAndWaitHealthyAsync(CancellationToken ct)
    {
        var started = DateTime.UtcNow;
        SetStatus(ResourceStatus.Starting);
        await PrepareAsync(ct);
        await WaitForPortAsync(ct);
        var process = IsExternal ? null : Launch(ct);

        var deadline = DateTime.UtcNow + Runtime.Options.HealthTimeout;
        while (!await ProbeAsync(ct))
        {
            if (process is { HasExited: true })
            {
                throw new DistributedApplicationException($"exited with code {process.Exited.Result} before it became healthy");
            }

            if (DateTime.UtcNow > deadline)
            {
                process?.Kill();
                throw new DistributedApplicationException($"was not healthy within {Runtime.Options.HealthTimeout.TotalSeconds:0} s");
            }

            await (process is null ? Task.Delay(250, ct) : Task.WhenAny(process.Exited, Task.Delay(250, ct)));
            ct.ThrowIfCancellationRequested();
        }

        try
        {
            await OnHealthyAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            process?.Kill();
            throw;
        }

        TimeToHealthy ??= DateTime.UtcNow - started;
        Log.Write($"[apphost] healthy after {(DateTime.UtcNow - started).TotalSeconds:0.0} s");
        SetStatus(ResourceStatus.Healthy);
    }

    private ChildProcess Launch(CancellationToken ct)
    {
        var spec = CreateProcessSpec();
        ChildProcess process;
        lock (_sync)
        {
            ct.ThrowIfCancellationRequested();
            process = _process = ChildProcess.Start(spec, Log);
            SetStatusLocked(ResourceStatus.Running);
        }

        Log.Write($"[apphost] launched pid {process.Pid}: {spec.FileName} {string.Join(' ', spec.Arguments)}");
        Runtime.WritePidFile(Name, process.Pid);
        return process;
    }

    /// <summary>Watches a healthy resource; on an unasked-for exit, relaunches with backoff 1, 2, 4 … 30 s.</summary>
    private async Task SuperviseAsync(CancellationToken ct)
    {
        var failures = 0;
        while (true)
        {
            var since = DateTime.UtcNow;
            var exitCode = await WatchAsync(ct);
            if (DateTime.UtcNow - since > StableAfter)
            {
                failures = 0;
            }

            Log.Write($"[apphost] exited unexpectedly with code {exitCode}");
            while (true)
            {
                var delay = TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, failures++)));
                lock (_sync)
                {
                    _restarts++;
                    SetStatusLocked(ResourceStatus.Restarting);
                }

                Log.Write($"[apphost] restarting in {delay.TotalSeconds:0} s (restart #{_restarts})");
                await Task.Delay(delay, ct);
                try
                {
                    // A restart also waits for its dependencies, e.g. a broker a test stopped on purpose.
                    await WaitForDependenciesAsync(ct);
                    await LaunchAndWaitHealthyAsync(ct);
                    break;
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    Log.Write($"[apphost] restart failed: {e.Message}");
                }
            }
        }
    }

    /// <summary>Until the process exits, probes health every few seconds to report Healthy/Unhealthy.</summary>
    private async Task<int> WatchAsync(CancellationToken ct)
    {
        var process = _process;
        var exited = process?.Exited ?? Task.Delay(Timeout.Infinite, ct).ContinueWith(_ => -1, TaskScheduler.Default);
        while (true)
        {
            var tick = Task.Delay(HealthInterval, ct);
            if (await Task.WhenAny(exited, tick) == exited)
            {
                ct.ThrowIfCancellationRequested();
                return await exited;
            }

            ct.ThrowIfCancellationRequested();
            var healthy = await ProbeAsync(ct);
            lock (_sync)
            {
                if (_status is ResourceStatus.Healthy or ResourceStatus.Unhealthy)
                {
                    SetStatusLocked(healthy ? ResourceStatus.Healthy : ResourceStatus.Unhealthy);
                }
            }
        }
    }

    /// <summary>
    /// Someone else on our port (a predecessor still shutting down, an orphan) would answer our health
    /// probe and make a dead launch look healthy: wait a little for the port, then give up.
    /// </summary>
    private async Task WaitForPortAsync(CancellationToken ct)
    {
        if (ListenPort is not { } port)
        {
            return;
        }

        for (var attempt = 0; Ports.IsInUse(port); attempt++)
        {
            if (attempt == 50)
            {
                throw new DistributedApplicationException($"port {port} is in use by another process");
            }

            await Task.Delay(100, ct);
        }
    }

    /// <summary>A probe that cannot throw: a tool timing out or missing counts as "not healthy", not as a crash of the supervisor.</summary>
    private async Task<bool> ProbeAsync(CancellationToken ct)
    {
        try
        {
            return await IsHealthyAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return false;
        }
    }

    private void SetStatus(ResourceStatus status)
    {
        lock (_sync)
        {
            SetStatusLocked(status);
        }
    }

    private void SetStatusLocked(ResourceStatus status)
    {
        if (_status == status)
        {
            return;
        }

        _status = status;
        SignalChangedLocked();
    }

    // Waiters await the current task; each change completes it and installs a fresh one.
    private void SignalChangedLocked()
    {
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }
}
