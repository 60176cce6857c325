using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddPps();

var app = builder.Build();
await app.InitialiseDatabaseAsync();
if (app.Configuration.GetValue<bool>("Pps:MigrateOnly"))
{
    // The deployment's migration job: migrate once, then exit (replicas run with MigrateAtStart=false).
    return;
}

app.UsePps();
app.MapPps();
await app.RunAsync();

/// <summary>Entry point; public so tests can host it with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
