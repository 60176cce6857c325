namespace Pps.Web.Infrastructure.Data;

/// <summary>Configuration section <c>Pps</c>: where data lives and which database serves it.</summary>
public sealed class PpsOptions
{
    public const string Section = "Pps";

    /// <summary>Folder for the SQLite file and on-disk blobs (embedded default). Relative paths are taken from the content root.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary><c>Sqlite</c> (embedded default) or <c>Postgres</c>.</summary>
    public string DatabaseProvider { get; set; } = "Sqlite";

    /// <summary>Load the Zoetermeer demo data when the database is empty.</summary>
    public bool DemoData { get; set; }

    /// <summary>Apply migrations at start. Off in production where a migration job runs them once per deploy.</summary>
    public bool MigrateAtStart { get; set; } = true;

    /// <summary>Run the background jobs in this process (escalation, reminders, retention, mail).</summary>
    public bool RunBackgroundJobs { get; set; } = true;

    /// <summary>The public base URL used in e-mails (links to the hub).</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5080";

    public string ResolveDataDirectory(string contentRoot)
        => Path.GetFullPath(Path.IsPathRooted(DataDirectory) ? DataDirectory : Path.Combine(contentRoot, DataDirectory));
}
