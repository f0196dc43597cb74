using Rapport.IntegrationTests.Infrastructure;

// One app per database for the whole run: test classes share it, each working with its own accounts.
[assembly: AssemblyFixture(typeof(SqliteApp))]
[assembly: AssemblyFixture(typeof(PostgresApp))]
