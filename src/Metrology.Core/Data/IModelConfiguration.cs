using Microsoft.EntityFrameworkCore;

namespace Metrology.Core.Data;

/// <summary>A module's part of the tenant database model (entities, keys, indexes).</summary>
public interface IModelConfiguration
{
    void Configure(ModelBuilder builder);
}
