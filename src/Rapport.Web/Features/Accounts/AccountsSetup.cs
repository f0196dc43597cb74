using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Rapport.Web.Data;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Accounts;

public static class Policies
{
    public const string Patient = "Patient";
    /// <summary>A therapist who signed in with a second factor in this session.</summary>
    public const string Therapist = "Therapist";
    /// <summary>An admin who signed in with a second factor in this session.</summary>
    public const string Admin = "Admin";
    /// <summary>A therapist or an admin who signed in with a second factor (the safety alert desk).</summary>
    public const string Staff = "Staff";
    /// <summary>A patient, or a therapist who signed in with a second factor: the two people an appointment is between.</summary>
    public const string PatientOrTherapist = "PatientOrTherapist";
    /// <summary>Any signed-in person, through the bearer scheme (the JSON API).</summary>
    public const string ApiUser = "ApiUser";
}

public static class AccountsSetup
{
    /// <summary>Staff are signed out after 15 minutes without a request; patients after 30.</summary>
    public static readonly TimeSpan StaffIdleTimeout = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan PatientIdleTimeout = TimeSpan.FromMinutes(30);

    public static TimeSpan IdleTimeoutFor(ClaimsPrincipal user) =>
        Roles.Staff.Any(user.IsInRole) ? StaffIdleTimeout : PatientIdleTimeout;

    /// <summary>
    /// Whether Identity's security-stamp validator would look at the database for this cookie now: when the cookie has no
    /// issue time, or was issued longer than the validation interval ago, by the clock the validator itself uses.
    /// </summary>
    internal static bool StampCheckDue(CookieValidatePrincipalContext context)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
        var now = (options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        return context.Properties.IssuedUtc is not { } issued || now - issued > options.ValidationInterval;
    }

    /// <summary>Identity's TOTP sign-in adds amr=mfa; RefreshSignInAsync keeps it.</summary>
    public static bool SignedInWithSecondFactor(this ClaimsPrincipal user) => user.HasClaim("amr", "mfa");

    public static Guid UserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : throw new NotFoundException();

    public static void AddAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddIdentity<RapportUser, IdentityRole<Guid>>(o =>
            {
                o.Password.RequiredLength = CommonPasswordValidator.MinimumLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                // Identity counts wrong tries but never locks for them: a lockout lets anyone lock anyone out. Each try after a
                // few waits longer instead (PasswordSignIn). A lockout end date is set only by a deliberate lock of the account.
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = int.MaxValue;
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedEmail = true;
                o.Tokens.AuthenticatorTokenProvider = SingleUseAuthenticatorTokenProvider.Name;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<SingleUseAuthenticatorTokenProvider>(SingleUseAuthenticatorTokenProvider.Name)
            .AddPasswordValidator<CommonPasswordValidator>();

        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(24));
        // Signing out elsewhere, a password change or a role change reaches every cookie session within a minute
        // (and every API token at once: BearerAccess).
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            // The validator rebuilds the identity from the database each minute; keep the proof of the
            // second factor this session already gave, or staff would be sent back to enrol every minute.
            o.OnRefreshingPrincipal = ctx =>
            {
                if (ctx.CurrentPrincipal?.SignedInWithSecondFactor() == true && ctx.NewPrincipal?.Identities.FirstOrDefault() is { } identity
                    && !identity.HasClaim("amr", "mfa"))
                {
                    identity.AddClaim(new Claim("amr", "mfa"));
                }
                return Task.CompletedTask;
            };
        });

        services.AddAuthentication()
            // Identity's bearer format and its data-protection keys for access tokens; refresh tokens are Rapport's own
            // (TokenFamily), and the API's scheme checks each access token against the database (BearerAccess).
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = BearerAccess.AccessTokenLifetime)
            .AddScheme<AuthenticationSchemeOptions, RevocableBearerHandler>(RevocableBearerHandler.SchemeName, null);
        services.AddMemoryCache();
        services.AddSingleton<BearerAccess>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, BearerAccess.Invalidation>();
        services.AddScoped<PasswordSignIn>();
        services.AddScoped<InvitationAcceptance>();
        services.AddScoped<StaffInvitations>();
        services.AddScoped<Registration>();
        services.AddScoped<EmailConfirmation>();
        services.AddScoped<PasswordReset>();
        services.AddScoped<TwoFactorEnrolment>();
        services.AddScoped<SignOuts>();
        services.AddScoped<TokenSignIn>();
        services.AddScoped<StaffRoles>();
        services.AddScoped<AccountContact>();
        services.AddScoped<PeopleNames>();
        services.AddScoped<AccountErasure>();
        services.AddSingleton<KeptForm>();

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "__Host-rapport";
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax; // Strict would drop the session when arriving from an e-mail link.
            o.Cookie.Path = "/";
            o.LoginPath = "/account/sign-in";
            o.LogoutPath = "/account/sign-out";
            o.AccessDeniedPath = "/account/access-denied";
            o.ExpireTimeSpan = PatientIdleTimeout;
            o.SlidingExpiration = true;
            // Identity's validator comes with its sign-in and user managers, built for every request although it looks at
            // the database only once a minute: build it only when a check is due, by the test it makes first itself.
            o.Events.OnValidatePrincipal = ctx => StampCheckDue(ctx) ? SecurityStampValidator.ValidatePrincipalAsync(ctx) : Task.CompletedTask;
            o.Events.OnSigningIn = ctx =>
            {
                // Sliding renewal keeps the span between issue and expiry, so this sets each role's idle limit.
                var now = ctx.Options.TimeProvider?.GetUtcNow() ?? DateTimeOffset.UtcNow;
                ctx.Properties.IssuedUtc = now;
                ctx.Properties.ExpiresUtc = now + IdleTimeoutFor(ctx.Principal!);
                ctx.Properties.AllowRefresh = true;
                return Task.CompletedTask;
            };
            // A hub's negotiate and WebSocket requests and the keep-alive call are made by a script, not a person: answer
            // 401/403, never a redirect.
            o.Events.OnRedirectToLogin = async ctx =>
            {
                if (ctx.Request.Path.StartsWithSegments("/hubs") || ctx.Request.Path.StartsWithSegments(KeepAlivePath))
                {
                    ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return;
                }
                // A note posted after the idle sign-out: its text is kept for its writer, who comes back to the page (rule 7a).
                var keeper = ctx.HttpContext.RequestServices.GetRequiredService<KeptForm>();
                if (await keeper.KeepAsync(ctx.HttpContext, ctx.Options) is { } page)
                {
                    ctx.Response.Redirect($"{ctx.Options.LoginPath}?ReturnUrl={Uri.EscapeDataString(page)}");
                    return;
                }
                ctx.Response.Redirect(ctx.RedirectUri);
            };
            o.Events.OnRedirectToAccessDenied = ctx =>
            {
                if (ctx.Request.Path.StartsWithSegments("/hubs"))
                {
                    ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                }
                // Staff without a second factor are sent to enrol one, not told they may not enter.
                var user = ctx.HttpContext.User;
                if (Roles.Staff.Any(user.IsInRole) && !user.SignedInWithSecondFactor())
                {
                    ctx.Response.Redirect("/account/two-factor");
                    return Task.CompletedTask;
                }
                ctx.Response.Redirect(ctx.RedirectUri);
                return Task.CompletedTask;
            };
        });
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o =>
        {
            o.Cookie.Name = "__Host-rapport-2fa";
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.Path = "/";
        });
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme, o =>
        {
            o.Cookie.Name = "__Host-rapport-2fa-device";
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.Path = "/";
        });
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.ExternalScheme, o =>
        {
            o.Cookie.Name = "__Host-rapport-ext";
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.Path = "/";
        });

        services.AddAuthorizationBuilder()
            // Deny by default: every page and endpoint needs a signed-in person unless it says [AllowAnonymous].
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Patient, p => p.RequireRole(Roles.Patient))
            .AddPolicy(Policies.Therapist, p => p.RequireRole(Roles.Therapist).RequireClaim("amr", "mfa"))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin).RequireClaim("amr", "mfa"))
            .AddPolicy(Policies.Staff, p => p.RequireRole(Roles.Staff).RequireClaim("amr", "mfa"))
            .AddPolicy(Policies.PatientOrTherapist, p => p.RequireAssertion(c =>
                c.User.IsInRole(Roles.Patient) || (c.User.IsInRole(Roles.Therapist) && c.User.SignedInWithSecondFactor())))
            .AddPolicy(Policies.ApiUser, p => p.AddAuthenticationSchemes(RevocableBearerHandler.SchemeName).RequireAuthenticatedUser());

        services.AddScoped<AccountMail>();
        services.AddScoped<AccountDetails>();

    }

    /// <summary>Keeps the session alive on request (the "Stay signed in" button before the idle sign-out, rule 7a).</summary>
    public const string KeepAlivePath = "/session/keep-alive";

    public static void MapAccounts(this WebApplication app)
    {
        app.MapPost(KeepAlivePath, (Func<HttpContext, Task<IResult>>)KeepAlive).ExcludeFromDescription()
            .WithoutAudit("renews the caller's own session; reads and writes nothing else");
        app.MapAccountsApi();
        // The sign-in pages land here; it sends each person to their role's home.
        app.MapGet("/home", (HttpContext c) => TypedResults.Redirect(HomeFor(c.User))).WithName("Home")
            .WithoutAudit("a redirect chosen from the caller's own roles in their cookie; reads no record").ExcludeFromDescription();
    }

    /// <summary>Where a person lands after signing in: their role's home.</summary>
    public static string HomeFor(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Admin) ? "/admin"
        : user.IsInRole(Roles.Therapist) ? "/therapist"
        : user.IsInRole(Roles.Patient) ? "/patient"
        : "/";

    /// <summary>
    /// Signs the session in again with its own principal, so its idle limit starts over now (the sliding renewal alone
    /// waits until half the limit has passed); answers how long it now lasts.
    /// </summary>
    private static async Task<IResult> KeepAlive(HttpContext http)
    {
        var session = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (!session.Succeeded)
        {
            return Results.Unauthorized();
        }
        await http.SignInAsync(IdentityConstants.ApplicationScheme, session.Principal, session.Properties);
        return Results.Ok(new { secondsLeft = (int)IdleTimeoutFor(session.Principal).TotalSeconds });
    }

    /// <summary>Seconds until this session's idle sign-out, as it stands before this request renews it (so never too late).</summary>
    public static async Task<int?> IdleSecondsLeftAsync(HttpContext http, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(clock);
        var session = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        return session.Properties?.ExpiresUtc is { } expires ? Math.Max(0, (int)(expires - clock.GetUtcNow()).TotalSeconds) : null;
    }
}
