using Pps.Web.Features.Alerts;
using Pps.Web.Features.Audit;
using Pps.Web.Features.Awareness;
using Pps.Web.Features.Benchmarks;
using Pps.Web.Features.Branding;
using Pps.Web.Features.Integrity;
using Pps.Web.Features.Meetings;
using Pps.Web.Features.MemberDirectory;
using Pps.Web.Features.Members;
using Pps.Web.Features.Noticeboards;
using Pps.Web.Features.Reach;
using Pps.Web.Features.Sessions;
using Pps.Web.Features.Signals;
using Pps.Web.Features.Onboarding;
using Pps.Web.Features.Tenancy;
using Pps.Web.Features.TwoFactorPolicy;
using Pps.Web.Features.Vetting;
using Pps.Web.Features.Watch;

namespace Pps.Web.Features;

/// <summary>
/// Every capability registers its services and maps its endpoints here — one line each, so a newcomer sees
/// the whole hub on one page.
/// </summary>
internal static class FeatureModules
{
    public static IServiceCollection AddPpsFeatures(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTenancy();
        services.AddMembers();
        services.AddAuditViewer();
        services.AddNoticeboards();
        services.AddSignals(configuration);
        services.AddAlerts(configuration);
        services.AddMeetings(configuration);
        services.AddVetting(configuration);
        services.AddDirectory();
        services.AddAwareness(configuration);
        services.AddOnboarding();
        services.AddWatch(configuration);
        services.AddReach(configuration);
        services.AddMemberSessions();
        services.AddTwoFactorPolicy();
        return services;
    }

    public static IEndpointRouteBuilder MapPpsFeatures(this IEndpointRouteBuilder app)
    {
        app.MapBranding();
        app.MapTenancy();
        app.MapMembers();
        app.MapAuditViewer();
        app.MapNoticeboards();
        app.MapSignals();
        app.MapIntegrity();
        app.MapAlerts();
        app.MapMeetings();
        app.MapVetting();
        app.MapDirectory();
        app.MapAwareness();
        app.MapOnboarding();
        app.MapWatch();
        app.MapReach();
        app.MapMemberSessions();
        app.MapBenchmarkHelpers();
        app.MapTwoFactorPolicy();
        return app;
    }
}
