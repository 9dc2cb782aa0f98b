using System.Text.Json;
using Gongkai.Workflow.Domain;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Workflow.Infrastructure;

/// <summary>
/// The working-day calendar in force: the shipped schedules plus those a platform admin entered (a stored
/// year replaces a shipped one). Every instance reloads when the stored schedules change, so a year added
/// on one instance is used by all within the refresh interval.
/// </summary>
public sealed class CalendarProvider(IServiceScopeFactory scopes, ILogger<CalendarProvider> logger) : BackgroundService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private volatile WorkingDayCalendar _current = new(HolidaySchedule.Shipped());
    private DateTimeOffset? _loadedVersion;

    public WorkingDayCalendar Current => _current;

    public static string Serialize(HolidaySchedule schedule) => JsonSerializer.Serialize(schedule, Json);

    /// <returns>True when the calendar changed.</returns>
    public async Task<bool> ReloadAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var version = await db.HolidaySchedules.MaxAsync(s => (DateTimeOffset?)s.UpdatedAt, ct);
        if (version == _loadedVersion)
            return false;
        var stored = (await db.HolidaySchedules.AsNoTracking().ToListAsync(ct))
            .Select(s => JsonSerializer.Deserialize<HolidaySchedule>(s.Json, Json)!).ToList();
        var years = stored.Select(s => s.Year).ToHashSet();
        _current = new WorkingDayCalendar(HolidaySchedule.Shipped().Where(s => !years.Contains(s.Year)).Concat(stored));
        _loadedVersion = version;
        logger.LogInformation("Working-day calendar loaded: years {Years}", string.Join(", ", _current.ScheduledYears.Order()));
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ReloadAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The database may still be migrating at start; the shipped calendar serves meanwhile.
                logger.LogWarning("Calendar reload failed: {Message}", ex.Message);
            }
            await Task.Delay(TimeSpan.FromSeconds(30), stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
        }
    }
}
