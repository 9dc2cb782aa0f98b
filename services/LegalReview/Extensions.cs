using Gongkai.BuildingBlocks;
using Gongkai.LegalReview.Infrastructure;

namespace Gongkai.LegalReview;

public static class Extensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<LegalReviewDbContext>(Gongkai.Contracts.ResourceNames.LegalReviewDb);
        builder.AddServiceMessaging<LegalReviewDbContext>(Gongkai.Contracts.ResourceNames.LegalReview, typeof(Extensions).Assembly);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(_ => new Gongkai.WorkingDays.WorkingDayCalendar(Gongkai.WorkingDays.HolidaySchedule.Shipped()));
        builder.Services.AddSingleton<Infrastructure.ReviewStepAlertScanner>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Infrastructure.ReviewStepAlertScanner>());
        return builder;
    }
}
