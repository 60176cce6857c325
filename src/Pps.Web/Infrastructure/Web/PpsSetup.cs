using System.Globalization;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Pps.Web.Features;
using Pps.Web.Features.Members;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Email;
using Pps.Web.Infrastructure.Jobs;
using Pps.Web.Infrastructure.Scale;
using Pps.Web.Infrastructure.Sessions;
using Pps.Web.Infrastructure.Storage;
using Pps.Web.Live;
using Scalar.AspNetCore;

namespace Pps.Web.Infrastructure.Web;

/// <summary>Composition of the hub: services in <see cref="AddPps"/>, middleware in <see cref="UsePps"/>, endpoints in <see cref="MapPps"/>.</summary>
public static class PpsSetup
{
    public static readonly CultureInfo[] Cultures = [new("nl"), new("en")];

    public static WebApplicationBuilder AddPps(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<PpsOptions>(builder.Configuration.GetSection(PpsOptions.Section));
        services.Configure<SmtpOptions>(builder.Configuration.GetSection(SmtpOptions.Section));
        services.AddSingleton(TimeProvider.System);

        builder.AddPpsData();
        builder.AddPpsIdentity();
        builder.AddPpsSessions();
        builder.AddPpsStorage();

        services.AddDataProtection().SetApplicationName("pps-hub").PersistKeysToDbContext<PpsDb>();
        services.AddMediator((MediatorOptions o) =>
        {
            o.ServiceLifetime = ServiceLifetime.Scoped;
            o.PipelineBehaviors = [typeof(ValidationBehavior<,>)];
        });
        services.AddValidatorsFromAssemblyContaining<PpsDb>(ServiceLifetime.Scoped, includeInternalTypes: true);
        services.AddScoped<IAuditLog, AuditLog>();
        services.AddAuditRetention(builder.Configuration);
        services.AddScoped<IEmailQueue, EmailQueue>();
        services.AddJob<SendQueuedEmailJob>();

        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemHandling>();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
        });
        services.AddOpenApi();
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("nl");
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        services.AddRazorPages(o =>
            {
                o.Conventions.AuthorizeFolder("/Admin", Policies.TenantAdmin);
                o.Conventions.AuthorizeFolder("/Audit", Policies.AuditReader);
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, f) => f.Create(typeof(SharedText)));
        var signalR = services.AddSignalR(o =>
            {
                o.MaximumReceiveMessageSize = 32 * 1024;
                o.EnableDetailedErrors = builder.Environment.IsDevelopment();
                o.AddFilter<HubInvocationLimit>(); // first: a flood is refused before it costs a database read
                o.AddFilter<MemberHubFilter>();
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(
                new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)))
            // Browsers keep JSON; a client that asks for MessagePack (native apps, load tools) gets smaller frames that
            // are cheaper to parse. Every message the hub sends is a record of primitives, so both protocols carry it.
            .AddMessagePackProtocol();
        builder.AddPpsScaleOut(signalR);
        services.AddSingleton<HubMetrics>();
        services.Configure<LiveHubOptions>(builder.Configuration.GetSection(LiveHubOptions.Section));
        services.AddSingleton<LiveSessions>();
        services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);

        services.AddPpsFeatures(builder.Configuration);
        return builder;
    }

    public static WebApplication UsePps(this WebApplication app)
    {
        app.UseForwardedHeaders();
        // API, hub and health paths answer ProblemDetails; pages get a friendly HTML error page.
        app.UseWhen(http => IsMachinePath(http.Request.Path), api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(http => !IsMachinePath(http.Request.Path), pages =>
        {
            pages.UseExceptionHandler("/Error/500");
            pages.UseStatusCodePagesWithReExecute("/Error/{0}");
        });
        if (!app.Environment.IsDevelopment() && !app.Environment.IsEnvironment("Testing"))
        {
            app.UseHsts();
        }

        app.UseSecurityHeaders();
        app.UseRequestLocalization();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseSessionStampCheck();
        app.UseRefusalLog();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery(); // minimal-API form posts (e.g. /culture) carry antiforgery metadata and need the middleware
        app.UseLiveHubOriginCheck();
        app.UseLiveHubCredentialRelease();
        return app;
    }

    internal static bool IsMachinePath(PathString path)
        => path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs") || path.StartsWithSegments("/health") || path.StartsWithSegments("/openapi");

    public static WebApplication MapPps(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = HealthWriter.WriteAsync });
        app.MapOpenApi();
        if (app.Environment.IsDevelopment())
        {
            app.MapScalarApiReference();
        }

        app.MapRazorPages();
        app.MapHub<LiveHub>(LiveHub.Path, o =>
        {
            o.Transports = HttpTransportType.WebSockets | HttpTransportType.LongPolling | HttpTransportType.ServerSentEvents;
        });
        app.MapPpsFeatures();
        return app;
    }
}
