using Mediator;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Members;

internal static class MembersModule
{
    public static IServiceCollection AddMembers(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapMembers(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Identity");
        auth.MapIdentityApi<Member>().AddEndpointFilter(AuthEndpointFilter.Invoke);

        var me = app.MapGroup("/api/me").WithTags("Members").RequireAuthorization(Policies.SignedIn);
        me.MapGet("/", async (IMediator m, CancellationToken ct) => (await m.Send(new GetMe(), ct)).ToHttp()).WithName("GetMe");
        return app;
    }
}
