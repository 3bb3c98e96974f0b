using Microsoft.EntityFrameworkCore.Migrations;

namespace Metrology.Core.Data;

/// <summary>
/// A module's schema, as numbered steps of provider-neutral <see cref="MigrationBuilder"/> operations.
/// Step n (1-based) is <c>Steps[n - 1]</c>. Steps are only ever appended: an applied step never changes.
/// </summary>
public abstract class DataMigration
{
    /// <summary>The id under which the applied version is recorded; by default the assembly name.</summary>
    public virtual string ModuleId => GetType().Assembly.GetName().Name!;

    public abstract IReadOnlyList<Action<MigrationBuilder>> Steps { get; }
}
