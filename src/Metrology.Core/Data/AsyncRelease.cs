namespace Metrology.Core.Data;

/// <summary>Runs an action when disposed: the release of a lock taken with <c>await using</c>.</summary>
internal sealed class AsyncRelease(Func<Task> release) : IAsyncDisposable
{
    public async ValueTask DisposeAsync() => await release();
}
