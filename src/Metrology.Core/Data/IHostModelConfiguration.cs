using Microsoft.EntityFrameworkCore;

namespace Metrology.Core.Data;

/// <summary>
/// A feature's tables in the host database (<see cref="HostDbContext"/>, Default's database), as
/// <see cref="IModelConfiguration"/> is for a tenant's. Register as a singleton; the model is the same for the process.
/// </summary>
public interface IHostModelConfiguration
{
    void Configure(ModelBuilder builder);
}
