using Metrology.Core.Admin;
using Metrology.Core.Tenants;
using Metrology.Enterprises.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Metrology.Enterprises.Pages;

/// <summary>The public registration form: enterprise details, contact (the login), departments and documents.</summary>
[AllowAnonymous]
public sealed class RegisterModel(Registration registration, RegistrationThrottle throttle, TenantContext tenant) : PageModel
{
    [BindProperty] public RegisterInput Input { get; set; } = new();

    public RegistrationSettings Settings { get; private set; } = new();
    public bool Submitted { get; private set; }

    public async Task OnGetAsync(bool done, CancellationToken ct)
    {
        Settings = await registration.SettingsAsync(ct);
        Submitted = done;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Settings = await registration.SettingsAsync(ct);
        // Every post counts, refused ones too: the answers say whether a code or mobile is registered.
        var (clientRefusal, mobileRefusal) = throttle.Attempt(tenant.Tenant, HttpContext.Connection.RemoteIpAddress?.ToString(), Input.ContactMobile, Settings);
        if (clientRefusal is not null || mobileRefusal is not null)
        {
            if (clientRefusal is not null) ModelState.AddModelError(string.Empty, clientRefusal);
            if (mobileRefusal is not null) ModelState.AddModelError("Input.ContactMobile", mobileRefusal);
            return Page();
        }
        var documents = await DocumentUpload.ReadAsync(Request.Form.Files, Settings, Input.Kind, ModelState, ct);
        if (Input.Password != Input.ConfirmPassword && Settings.PasswordAtRegistration) ModelState.AddModelError("Input.ConfirmPassword", "两次输入的密码不一致。");
        foreach (var (field, value, label) in new[] { ("Name", Input.Name, "单位名称"), ("ContactName", Input.ContactName, "联系人"), ("ContactMobile", Input.ContactMobile, "联系人手机号") })
            if (string.IsNullOrWhiteSpace(value)) ModelState.AddModelError("Input." + field, $"请填写{label}。");
        if (ModelState.IsValid)
        {
            var departments = (Input.Departments ?? "").Split(['\n', '、', ',', '，'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
            var form = new RegistrationForm(Input.Name!, Input.CreditCode ?? "", Input.Kind, Input.LegalRepresentative, Input.Address, Input.RegionCode,
                Input.ContactName!, Input.ContactMobile!, Input.Email, departments, Settings.PasswordAtRegistration ? Input.Password : null, documents);
            foreach (var (field, message) in await registration.SubmitAsync(form, ct)) ModelState.AddModelError(field, message);
            if (ModelState.IsValid) return RedirectToPage(new { done = true });
        }
        // What was typed stays; files are not sent back by browsers, so the page asks for them again.
        if (documents.Count > 0 || Request.Form.Files.Count > 0) ModelState.AddModelError(string.Empty, "申请未提交，请改正标出的问题，并重新选择要上传的文件。");
        return Page();
    }

    public string? ErrorOf(string key) => ModelState.TryGetValue(key, out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;

    public sealed class RegisterInput
    {
        public string? Name { get; set; }
        public string? CreditCode { get; set; }
        public EnterpriseKind Kind { get; set; } = EnterpriseKind.Company;
        public string? LegalRepresentative { get; set; }
        public string? Address { get; set; }
        public string? RegionCode { get; set; }
        public string? ContactName { get; set; }
        public string? ContactMobile { get; set; }
        public string? Email { get; set; }

        /// <summary>One a line (or separated by 、), each at most 8 characters.</summary>
        public string? Departments { get; set; }

        public string? Password { get; set; }
        public string? ConfirmPassword { get; set; }
    }
}
