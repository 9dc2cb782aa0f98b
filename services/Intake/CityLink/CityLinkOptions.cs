namespace Gongkai.Intake.CityLink;

/// <summary>Configuration of the city link (section CityLink).</summary>
public sealed class CityLinkOptions
{
    public const string Section = "CityLink";

    /// <summary>The city's signing keys by key id; the key id is the city's client id at Identity.</summary>
    public Dictionary<string, string> InboundKeys { get; set; } = [];

    /// <summary>The city's base address: callbacks go to {CityAddress}/callbacks, manifests come from {CityAddress}/manifests/{date}. None: nothing is sent.</summary>
    public Uri? CityAddress { get; set; }

    /// <summary>Gongkai's key id and key for what it sends the city.</summary>
    public string OutboundKeyId { get; set; } = "gongkai";

    public string? OutboundKey { get; set; }

    /// <summary>How long one call to the city may take.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The first retry's delay; each further one doubles, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Attempts before a callback goes to the dead-letter list (the default budget spans about a day).</summary>
    public int MaxAttempts { get; set; } = 30;

    /// <summary>How often the sender looks for due callbacks when it has nothing to do.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>China Standard Time at which yesterday is reconciled (and, on the 1st, last month's statistics are queued).</summary>
    public TimeOnly DailyRunAt { get; set; } = new(1, 30);

    public bool IsValid(out string problem)
    {
        problem = "";
        if (CityAddress is not null && string.IsNullOrWhiteSpace(OutboundKey))
            problem = "CityLink:OutboundKey is required when CityLink:CityAddress is set.";
        else if (InboundKeys.Values.Any(k => k.Length < 32))
            problem = "CityLink:InboundKeys: every key needs at least 32 characters.";
        else if (MaxAttempts < 1 || FirstRetryDelay <= TimeSpan.Zero || MaxRetryDelay < FirstRetryDelay || PollInterval <= TimeSpan.Zero
                 || CallTimeout <= TimeSpan.Zero)
            problem = "CityLink: MaxAttempts >= 1, 0 < FirstRetryDelay <= MaxRetryDelay, PollInterval > 0 and CallTimeout > 0.";
        return problem.Length == 0;
    }

    // In doubles: FirstRetryDelay × 2^n overflows a long of ticks long before it reaches a large attempt count.
    public TimeSpan RetryDelay(int attempts) =>
        TimeSpan.FromTicks((long)Math.Min(MaxRetryDelay.Ticks, FirstRetryDelay.Ticks * Math.Pow(2, Math.Clamp(attempts - 1, 0, 62))));
}
