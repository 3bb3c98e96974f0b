using Metrology.Core.Content;
using Microsoft.AspNetCore.Mvc;

namespace Metrology.Contents.Pages.Shared;

/// <summary>
/// One content field in a form (named <c>Fields[Name]</c>, with its error), for other modules' forms, which invoke it by
/// name without a reference to this module: <c>@await Component.InvokeAsync("FieldEditor", new { field, value, error })</c>.
/// </summary>
public sealed class FieldEditorViewComponent : ViewComponent
{
    public IViewComponentResult Invoke(ContentFieldDefinition field, string? value, string? error, IReadOnlyList<ContentItem>? pickerOptions = null) =>
        View("~/Pages/Shared/_FieldEditor.cshtml", new FieldEditorView(field, value, error, pickerOptions));
}
