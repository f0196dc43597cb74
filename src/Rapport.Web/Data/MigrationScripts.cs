using System.Reflection;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;

namespace Rapport.Web.Data;

/// <summary>
/// The SQL EF cannot express (triggers, an exclusion constraint) is kept as named <c>.sql</c> files embedded in each
/// migrations project (<c>Scripts/</c>), so it is reviewed as SQL rather than as strings inside generated code
/// (docs/adr/0002-migrations-apart-and-squashed.md).
/// </summary>
public static class MigrationScripts
{
    public static OperationBuilder<SqlOperation> Script(this MigrationBuilder migrationBuilder, Assembly migrations, string name)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        ArgumentNullException.ThrowIfNull(migrations);
        using var stream = migrations.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{migrations.GetName().Name} embeds no script named {name}.");
        using var reader = new StreamReader(stream);
        return migrationBuilder.Sql(reader.ReadToEnd());
    }
}
