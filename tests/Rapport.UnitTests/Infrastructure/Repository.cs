namespace Rapport.UnitTests.Infrastructure;

/// <summary>The repository's own files, for the tests that read the source and the docs rather than run the app.</summary>
internal static class Repository
{
    /// <summary>The folder that holds Rapport.slnx, found upward from the test's own folder.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Rapport.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("Rapport.slnx was not found above " + AppContext.BaseDirectory);
    }
}
