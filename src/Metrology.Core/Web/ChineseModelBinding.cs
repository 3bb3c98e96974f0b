using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Metrology.Core.Web;

/// <summary>
/// Model binding speaks Chinese: its own messages (a letter where a number goes) are translated, and
/// fields are required only where a page says so, with its own message, never MVC's implicit English one.
/// </summary>
internal static class ChineseModelBinding
{
    public static void Configure(MvcOptions o)
    {
        o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
        var m = o.ModelBindingMessageProvider;
        m.SetAttemptedValueIsInvalidAccessor((value, field) => $"「{value}」不是有效的{field}。");
        m.SetMissingBindRequiredValueAccessor(field => $"请填写{field}。");
        m.SetMissingKeyOrValueAccessor(() => "请填写此项。");
        m.SetMissingRequestBodyRequiredValueAccessor(() => "请求内容不能为空。");
        m.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"「{value}」无效。");
        m.SetNonPropertyUnknownValueIsInvalidAccessor(() => "输入的值无效。");
        m.SetNonPropertyValueMustBeANumberAccessor(() => "请输入数字。");
        m.SetUnknownValueIsInvalidAccessor(field => $"{field}的值无效。");
        m.SetValueIsInvalidAccessor(value => $"「{value}」无效。");
        m.SetValueMustBeANumberAccessor(field => $"{field}须为数字。");
        m.SetValueMustNotBeNullAccessor(field => $"请填写{field}。");
    }
}

/// <summary>
/// MVC treats every bool or int property as required and, for the markup, makes its own [Required] with the
/// English "The 记住我 field is required." unless the property has one: each such property gets one with a
/// Chinese message, and a page's [Required] without a message gets the same.
/// </summary>
internal sealed class ChineseRequiredMessage : IValidationMetadataProvider
{
    public void CreateValidationMetadata(ValidationMetadataProviderContext context)
    {
        var validators = context.ValidationMetadata.ValidatorMetadata;
        foreach (var required in validators.OfType<RequiredAttribute>())
            if (required.ErrorMessage is null && required.ErrorMessageResourceName is null) required.ErrorMessage = "请填写{0}。";
        var type = context.Key.ModelType;
        if (context.Key.MetadataKind == ModelMetadataKind.Property && type.IsValueType && Nullable.GetUnderlyingType(type) is null && !validators.OfType<RequiredAttribute>().Any())
            validators.Add(new RequiredAttribute { ErrorMessage = "请填写{0}。" });
    }
}
