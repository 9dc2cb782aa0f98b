using Gongkai.BuildingBlocks.Tenancy;

namespace Gongkai.Publishing.Domain.Conversion;

/// <summary>Where an Art. 44 conversion suggestion (属性转换) came from.</summary>
public enum ConversionSource
{
    /// <summary>Intake flagged several applicants asking for the same information (第四十四条第一款).</summary>
    SeveralApplicants,
    /// <summary>An applicant suggested proactive disclosure of what they received (申请人建议, 第四十四条第二款).</summary>
    ApplicantSuggested,
    /// <summary>Staff judged information released on application to belong to proactive disclosure (依申请公开后认为应当主动公开).</summary>
    ReleasedOnApplication,
}

public enum ConversionState
{
    Open,
    Accepted,
    Declined,
}

/// <summary>A decision on a suggestion broke a rule; the message is for the member of staff (Chinese).</summary>
public sealed class ConversionRuleException(string message) : InvalidOperationException(message);

/// <summary>
/// A suggestion to disclose proactively information the unit gave out on application (条例第四十四条). Open until staff
/// accept it (a proactive draft is created and linked) or decline it with a reason; a decision is final and the
/// suggestion is kept for good. It names applications by number only: no applicant, no description (those stay in
/// Intake, where staff read them).
/// </summary>
public sealed class ConversionSuggestion : ITenantOwned
{
    public const int MaxNumbers = 100;
    public const int MaxNumber = 50;
    public const int MaxNote = 1000;
    public const int MaxReason = 500;

    public Guid Id { get; private set; }
    public string TenantId { get; set; } = "";
    public ConversionSource Source { get; private set; }
    public ConversionState State { get; private set; }

    /// <summary>The applications (or cases) asking for the information, in the order they became known.</summary>
    public List<string> ApplicationNumbers { get; private set; } = [];

    /// <summary>The highest similarity Intake reported between the requests (1 for the same document number); null if recorded by hand.</summary>
    public double? Similarity { get; private set; }

    public string Basis { get; private set; } = "";
    public string? Note { get; private set; }

    /// <summary>An earlier, already decided suggestion about the same applications: raised again because more applicants asked since.</summary>
    public Guid? PreviousId { get; private set; }

    public string RaisedBy { get; private set; } = "";
    public DateTimeOffset RaisedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public string? DecidedBy { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? DeclineReason { get; private set; }

    /// <summary>The proactive draft created on acceptance.</summary>
    public Guid? ItemId { get; private set; }

    /// <summary>Optimistic concurrency: two members of staff deciding at once, or a flag joining while a decision is saved.</summary>
    public int Revision { get; private set; }

    private ConversionSuggestion() { }

    public const string FlagRaiser = "系统（申请登记比对）";

    public static readonly string SeveralApplicantsBasis = "《政府信息公开条例》第四十四条第一款";

    /// <summary>A suggestion raised from Intake's flag: the flagged application and the earlier ones it resembles.</summary>
    public static ConversionSuggestion FromFlag(string applicationNumber, IEnumerable<string> related, double similarity, string basis,
        Guid? previousId, DateTimeOffset flaggedAt) => new()
        {
            Id = Guid.NewGuid(),
            Source = ConversionSource.SeveralApplicants,
            State = ConversionState.Open,
            ApplicationNumbers = Numbers([.. related, applicationNumber]),
            Similarity = similarity,
            Basis = string.IsNullOrWhiteSpace(basis) ? SeveralApplicantsBasis : basis,
            PreviousId = previousId,
            RaisedBy = FlagRaiser,
            RaisedAt = flaggedAt,
            UpdatedAt = flaggedAt,
        };

    /// <summary>A suggestion staff record by hand; only the two sources a person brings (Intake raises the other).</summary>
    public static ConversionSuggestion Record(ConversionSource source, IEnumerable<string> numbers, string note, string actor, DateTimeOffset now)
    {
        if (source == ConversionSource.SeveralApplicants)
            throw new ConversionRuleException("“多个申请人申请同一政府信息”由申请登记比对自动提出，不能手工登记。");
        return new()
        {
            Id = Guid.NewGuid(),
            Source = source,
            State = ConversionState.Open,
            ApplicationNumbers = Numbers(numbers),
            Basis = BasisOf(source),
            Note = note,
            RaisedBy = actor,
            RaisedAt = now,
            UpdatedAt = now,
        };
    }

    public static string BasisOf(ConversionSource source) => source switch
    {
        ConversionSource.SeveralApplicants => SeveralApplicantsBasis,
        ConversionSource.ApplicantSuggested => "《政府信息公开条例》第四十四条第二款",
        ConversionSource.ReleasedOnApplication => "《政府信息公开条例》第四十四条",
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, null),
    };

    public static string SourceName(ConversionSource source) => source switch
    {
        ConversionSource.SeveralApplicants => "多个申请人申请同一政府信息",
        ConversionSource.ApplicantSuggested => "申请人建议主动公开",
        ConversionSource.ReleasedOnApplication => "依申请公开后认为应当主动公开",
        _ => source.ToString(),
    };

    public static string StateName(ConversionState state) => state switch
    {
        ConversionState.Open => "待处理",
        ConversionState.Accepted => "已转为主动公开",
        ConversionState.Declined => "不予转换",
        _ => state.ToString(),
    };

    /// <summary>Whether this suggestion names any of <paramref name="numbers"/> (the same information, asked again).</summary>
    public bool Concerns(IEnumerable<string> numbers) => numbers.Any(ApplicationNumbers.Contains);

    /// <summary>
    /// Another flagged application for the same information joins: its numbers are added (once each) and the highest
    /// similarity kept. Returns false, changing nothing, when it adds nothing new (a flag already counted).
    /// </summary>
    public bool Join(string applicationNumber, IEnumerable<string> related, double similarity, DateTimeOffset flaggedAt)
    {
        if (State != ConversionState.Open)
            throw new ConversionRuleException("已处理的建议不再接收新的申请。");
        var added = Numbers([.. related, applicationNumber]).Where(n => !ApplicationNumbers.Contains(n)).ToList();
        if (added.Count == 0 && similarity <= (Similarity ?? 0))
            return false;
        ApplicationNumbers = Numbers([.. ApplicationNumbers, .. added]);
        Similarity = Math.Max(Similarity ?? 0, similarity);
        if (flaggedAt > UpdatedAt)
            UpdatedAt = flaggedAt;
        Revision++;
        return true;
    }

    /// <summary>Staff accept: the information goes into proactive disclosure as the draft <paramref name="itemId"/>.</summary>
    public void Accept(Guid itemId, string actor, DateTimeOffset now)
    {
        EnsureOpen();
        State = ConversionState.Accepted;
        ItemId = itemId;
        Decide(actor, now);
    }

    /// <summary>Staff decline, saying why (the article and the facts); the reason is kept with the suggestion.</summary>
    public void Decline(string reason, string actor, DateTimeOffset now)
    {
        EnsureOpen();
        var trimmed = reason?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxReason)
            throw new ConversionRuleException($"请填写不予转换的理由（不超过 {MaxReason} 字）。");
        State = ConversionState.Declined;
        DeclineReason = trimmed;
        Decide(actor, now);
    }

    public void EnsureOpen()
    {
        if (State != ConversionState.Open)
            throw new ConversionRuleException($"该建议已于 {DecidedAt:yyyy-MM-dd} 由 {DecidedBy} 处理（{StateName(State)}），不能再次处理。");
    }

    private void Decide(string actor, DateTimeOffset now)
    {
        DecidedBy = actor;
        DecidedAt = now;
        UpdatedAt = now;
        Revision++;
    }

    // Trimmed, blank ones dropped, each once, first appearance first.
    private static List<string> Numbers(IEnumerable<string> numbers) =>
        numbers.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()).Distinct(StringComparer.Ordinal).Take(MaxNumbers).ToList();
}

/// <summary>Where an item came from when it was created by accepting a conversion suggestion (shown on the item).</summary>
public sealed record ConversionOrigin(Guid ConversionId, ConversionSource Source, IReadOnlyList<string> ApplicationNumbers);
