using Gongkai.BuildingBlocks.ServiceCalls;
using Gongkai.BuildingBlocks;
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
        builder.Services.AddSingleton<ApplicationRegistrar>();
        // Public tracking hands the applicant the reply, which Document keeps.
        builder.Services.AddInternalServiceClient(builder.Configuration);
        return builder;
    }
}
