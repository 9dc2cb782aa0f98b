using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Gongkai.BuildingBlocks;
using Gongkai.Contracts;
using Gongkai.Intake.Domain;
using Gongkai.Intake.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Intake.CityLink;

/// <summary>Queues the callbacks the city must receive, each in the transaction of the change it reports.</summary>
public static class CityCallbacks
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>The API path from which the city fetches an application's reply letter: the newest, or exactly one.</summary>
    public static string ReplyPath(string cityReference, Guid? documentId = null) =>
        $"/api/city/v1/applications/{Uri.EscapeDataString(cityReference)}/reply" + (documentId is { } id ? $"?document={id}" : "");

    /// <summary>
    /// Queues a callback about an application if the city sent it (otherwise nothing). Must run inside the caller's
    /// transaction: the row lock on the city's record numbers the application's callbacks without gaps or repeats.
    /// </summary>
    public static async Task QueueAsync(IntakeDbContext db, Guid applicationId, CityCallbackKind kind, DateTimeOffset occurredAt, CancellationToken ct,
        CityCaseStatus? status = null, CityResult? result = null)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("A city callback is queued inside the transaction of the change it reports.");
        var city = await db.CityApplications.FromSql($"SELECT * FROM city_applications WHERE application_id = {applicationId} FOR UPDATE")
            .SingleOrDefaultAsync(ct);
        if (city is null)
            return;
        city.LastSequence++;
        var id = Guid.NewGuid();
        Add(db, new CityCallback(id, kind, city.LastSequence, city.UnitCode, city.CityReference, city.ApplicationNumber, occurredAt, status, result),
            orderingKey: city.CityReference, occurredAt);
    }

    /// <summary>
    /// Queues a unit's figures for a month once: the delivery's id is derived from unit and month, so a second run (another
    /// instance, a rerun on demand) finds it there. Returns false when it was queued before.
    /// </summary>
    public static async Task<bool> QueueStatisticsAsync(IntakeDbContext db, string unit, CityMonthlyStatistics statistics, DateTimeOffset now, CancellationToken ct)
    {
        var id = StatisticsId(unit, statistics.Month);
        var key = $"statistics:{unit}";
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // One queuer per unit at a time (another instance, the operator), so the next sequence is taken once.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({key}))", ct);
        if (await db.CityDeliveries.AnyAsync(d => d.Id == id, ct))
            return false;
        var sequence = await db.CityDeliveries.Where(d => d.OrderingKey == key).MaxAsync(d => (long?)d.Sequence, ct) ?? 0;
        Add(db, new CityCallback(id, CityCallbackKind.MonthlyStatistics, sequence + 1, unit, null, null, now, Statistics: statistics), key, now);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>A unit's month's figures have one delivery id, so queuing them twice (two instances, a retry) finds the first.</summary>
    public static Guid StatisticsId(string unit, string month) => new(MD5.HashData(Encoding.UTF8.GetBytes($"city-statistics|{unit}|{month}")));

    public static Guid StatisticsId(string unit, int year, int month) => StatisticsId(unit, $"{year:0000}-{month:00}");

    /// <summary>A unit's month in China Standard Time, counted from Intake's own records (run in the unit's tenant scope).</summary>
    public static async Task<CityMonthlyStatistics> StatisticsAsync(IntakeDbContext unitDb, int year, int month, CancellationToken ct)
    {
        // PostgreSQL's timestamptz takes UTC values only.
        var from = new DateTimeOffset(year, month, 1, 0, 0, 0, ChinaTime.Offset).ToUniversalTime();
        var to = new DateTimeOffset(year, month, 1, 0, 0, 0, ChinaTime.Offset).AddMonths(1).ToUniversalTime();
        var registered = unitDb.Applications.Where(a => a.RegisteredAt >= from && a.RegisteredAt < to);
        return new CityMonthlyStatistics($"{year:0000}-{month:00}",
            await registered.CountAsync(ct),
            await registered.CountAsync(a => a.Channel == Channel.CityPlatform, ct),
            await unitDb.Applications.CountAsync(a => a.ClosedAt >= from && a.ClosedAt < to, ct),
            await unitDb.CaseDocuments.CountAsync(d => d.Kind == DocumentKinds.Reply && d.IssuedAt >= from && d.IssuedAt < to, ct));
    }

    /// <summary>The kind's Chinese name, for people (the operator's screen, reports).</summary>
    public static string Label(CityCallbackKind kind) => kind switch
    {
        CityCallbackKind.StatusChanged => "状态变更",
        CityCallbackKind.ResultIssued => "答复结果",
        CityCallbackKind.Delivered => "送达",
        CityCallbackKind.MonthlyStatistics => "月度统计",
        _ => kind.ToString(),
    };

    private static void Add(IntakeDbContext db, CityCallback callback, string orderingKey, DateTimeOffset now) =>
        db.CityDeliveries.Add(new CityDelivery
        {
            Id = callback.DeliveryId,
            OrderingKey = orderingKey,
            Sequence = callback.Sequence,
            UnitCode = callback.UnitCode,
            CityReference = callback.CityReference,
            ApplicationNumber = callback.ApplicationNumber,
            Kind = callback.Kind,
            Payload = JsonSerializer.Serialize(callback, Json),
            CreatedAt = now,
            State = CityDeliveryState.Pending,
            NextAttemptAt = now,
        });
}
