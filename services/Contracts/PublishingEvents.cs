namespace Gongkai.Contracts;

/// <summary>
/// Publishing put a catalogue item (政府信息公开目录) on the public catalogue: it has its permanent 索引号 and its
/// publication date. Version is 1 for the first publication and grows with each published revision.
/// PublishedLate says the Art. 26 period (20 working days from 形成/变更 unless the unit configured another) had passed.
/// </summary>
public sealed record InformationPublished(
    Guid ItemId,
    string TenantId,
    string IndexNumber,
    string Title,
    string SubjectCode,
    string Genre,
    string? DomainCode,
    DateOnly WrittenOn,
    DateOnly PublishedOn,
    DateOnly Due,
    bool PublishedLate,
    int Version,
    DateTimeOffset PublishedAt);

/// <summary>A catalogue item's publication deadline is near (DueSoon); raised once per item and deadline.</summary>
public sealed record PublicationDueSoon(
    Guid ItemId,
    string TenantId,
    string Title,
    DateOnly Due,
    int RemainingWorkingDays,
    DateTimeOffset RaisedAt);

/// <summary>A catalogue item's publication deadline has passed and it is not published; raised once per item and deadline.</summary>
public sealed record PublicationOverdue(
    Guid ItemId,
    string TenantId,
    string Title,
    DateOnly Due,
    int OverdueWorkingDays,
    DateTimeOffset RaisedAt);

/// <summary>
/// Where a unit's Art. 44 conversion of an application's subject stands (Publishing's internal answer to Intake's 重点事项):
/// State is Open, Accepted or Declined, StateLabel its Chinese name.
/// </summary>
public sealed record ConversionStatus(string ApplicationNumber, string State, string StateLabel);
