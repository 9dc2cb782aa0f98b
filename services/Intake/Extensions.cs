using Gongkai.BuildingBlocks.ServiceCalls;
using Gongkai.BuildingBlocks;
using Gongkai.Intake.CityLink;
using Gongkai.Intake.Domain;
using Gongkai.Intake.Infrastructure;
using Gongkai.Intake.Registration;

namespace Gongkai.Intake;

public static class Extensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<IntakeDbContext>(Gongkai.Contracts.ResourceNames.IntakeDb);
        builder.AddServiceMessaging<IntakeDbContext>(Gongkai.Contracts.ResourceNames.Intake, typeof(Extensions).Assembly);
        builder.Services.AddSingleton(TimeProvider.System);

        // Built at startup: a missing or malformed key stops the service instead of storing personal data in clear.
        var personalData = builder.Configuration.GetSection(PersonalDataOptions.Section).Get<PersonalDataOptions>() ?? new PersonalDataOptions();
        builder.Services.AddSingleton(new PersonalDataProtector(personalData));
        builder.Services.AddOptions<RepeatDetectionOptions>().BindConfiguration("Intake:RepeatDetection")
            .Validate(o => o.WindowDays > 0 && o.SimilarityThreshold is > 0 and <= 1 && o.MinApplicantsForSameSubject >= 2 && o.MaxCandidates > 0,
                "Intake:RepeatDetection: WindowDays > 0, 0 < SimilarityThreshold <= 1, MinApplicantsForSameSubject >= 2, MaxCandidates > 0.")
            .ValidateOnStart();
        builder.Services.AddOptions<SupervisionOptions>().BindConfiguration(SupervisionOptions.Section)
            .Validate(o => o.IsValid(), "Intake:Supervision: thresholds >= 2, RepeatWindowDays > 0, MaxClusteredApplications 1..50000.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ApplicationRegistrar>();
        // Public tracking hands the applicant the reply, which Document keeps.
        builder.Services.AddInternalServiceClient(builder.Configuration);
        builder.AddCityLink();
        return builder;
    }

    /// <summary>The city link: signed requests in, signed callbacks out (queued, ordered, retried, dead-lettered), reconciliation.</summary>
    private static void AddCityLink(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CityLinkOptions>().BindConfiguration(CityLinkOptions.Section)
            .PostConfigure(o => o.CityAddress = o.CityAddress is { } a && !a.AbsoluteUri.EndsWith('/') ? new Uri(a.AbsoluteUri + "/") : o.CityAddress)
            .Validate(o => o.IsValid(out _), "CityLink: see CityLinkOptions.IsValid (keys of 32+ characters, OutboundKey with CityAddress, retry settings).")
            .ValidateOnStart();
        // One attempt per call, without the factory's default resilience handler: the sender counts and schedules the retries
        // itself, and a signed request sent twice would be refused as a replay anyway.
        builder.Services.AddSingleton(services => ActivatorUtilities.CreateInstance<CityHttp>(services,
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })));
        builder.Services.AddSingleton<CityReconciler>();
        builder.Services.AddHostedService<CityCallbackSender>();
        builder.Services.AddHostedService<CityLinkDailyRun>();
    }
}
