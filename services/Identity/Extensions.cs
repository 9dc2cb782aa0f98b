using Gongkai.BuildingBlocks;
using Gongkai.Identity.Apis;
using Gongkai.Identity.Domain;
using Gongkai.Identity.Infrastructure;
using Gongkai.Identity.Tokens;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Gongkai.Identity;

public static class Extensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<IdentityDbContext>(Gongkai.Contracts.ResourceNames.IdentityDb);
        builder.AddServiceMessaging<IdentityDbContext>(Gongkai.Contracts.ResourceNames.Identity, typeof(Extensions).Assembly);
        builder.Services.AddSingleton(TimeProvider.System);

        builder.Services.AddSingleton(builder.Configuration.GetSection("Identity:Tokens").Get<AccessTokenOptions>() ?? new AccessTokenOptions());
        builder.Services.AddSingleton(builder.Configuration.GetSection("Identity:SignIn").Get<SignInPolicy>() ?? new SignInPolicy());
        builder.Services.AddSingleton(builder.Configuration.GetSection("Identity").Get<IdentitySeedOptions>() ?? new IdentitySeedOptions());
        builder.Services.AddSingleton(builder.Configuration.GetSection("Identity:SigningKeys").Get<SigningKeyOptions>() ?? new SigningKeyOptions());
        builder.Services.AddSingleton<SigningKeyStore>();
        builder.Services.AddHostedService<SigningKeyReload>();
        builder.Services.AddSingleton<TokenService>();
        builder.Services.AddSingleton<ClientRegistry>();
        builder.Services.AddSingleton<AuditLog>();
        builder.Services.AddSingleton<IPasswordHasher<StaffUser>, PasswordHasher<StaffUser>>();
        builder.Services.AddHostedService<IdentityStartup>();

        // Identity validates its own tokens from its key store instead of fetching its own discovery document.
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).PostConfigure<SigningKeyStore>((jwt, keys) =>
        {
            jwt.MetadataAddress = null!;
            jwt.Configuration = new OpenIdConnectConfiguration();
            jwt.TokenValidationParameters.IssuerSigningKeyResolver = (_, _, _, _) => keys.ValidationKeys;
        });
        return builder;
    }
}
