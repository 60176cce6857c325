using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddPps();

var app = builder.Build();
await app.InitialiseDatabaseAsync();
app.UsePps();
app.MapPps();
await app.RunAsync();

/// <summary>Entry point; public so tests can host it with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
