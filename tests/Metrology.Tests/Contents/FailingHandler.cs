using Metrology.Core.Content;

namespace Metrology.Tests.Contents;

/// <summary>A module handler that fails while its index is written, for items titled with <see cref="Marker"/>.</summary>
public sealed class FailingHandler : IContentHandler
{
    public const string Marker = "索引失败";

    public Task SavedAsync(ContentContext context) =>
        context.Item.DisplayText?.Contains(Marker) == true ? throw new InvalidOperationException("index write failed") : Task.CompletedTask;
}
