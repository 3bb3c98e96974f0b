using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;

namespace Metrology.Workflows.Activities;

public sealed class ContentEventSettings
{
    [Options(OptionsAttribute.ContentTypes), Display(Name = "内容类型（不选为全部）")]
    public List<string> ContentTypes { get; set; } = [];
}

/// <summary>An item of the listed types (or any) was created, updated, published, unpublished or removed; correlation id = item id.</summary>
public abstract class ContentEvent : WorkflowEvent<ContentEventSettings>
{
    public override string Category => "内容";

    public override string EventName(ContentEventSettings settings) => Name;

    public override IEnumerable<string?> StartFilters(ContentEventSettings settings) =>
        settings.ContentTypes.Count == 0 ? [null] : settings.ContentTypes.Select(t => (string?)t);

    public override bool Matches(ContentEventSettings settings, JsonObject input) =>
        settings.ContentTypes.Count == 0 || settings.ContentTypes.Contains(input["ContentType"]?.GetValue<string>() ?? "");
}

public sealed class ContentCreatedEvent : ContentEvent
{
    public override string Name => "ContentCreated";
    public override string DisplayName => "内容已创建";
    public override string Description => "所选类型的内容新建并保存后开始或继续流程。";
}

public sealed class ContentUpdatedEvent : ContentEvent
{
    public override string Name => "ContentUpdated";
    public override string DisplayName => "内容已更新";
    public override string Description => "所选类型的内容修改并保存后开始或继续流程。";
}

public sealed class ContentPublishedEvent : ContentEvent
{
    public override string Name => "ContentPublished";
    public override string DisplayName => "内容已发布";
    public override string Description => "所选类型的内容发布后开始或继续流程。";
}

public sealed class ContentUnpublishedEvent : ContentEvent
{
    public override string Name => "ContentUnpublished";
    public override string DisplayName => "内容已取消发布";
    public override string Description => "所选类型的内容取消发布后开始或继续流程。";
}

public sealed class ContentRemovedEvent : ContentEvent
{
    public override string Name => "ContentRemoved";
    public override string DisplayName => "内容已删除";
    public override string Description => "所选类型的内容删除后开始或继续流程。";
}
