using Microsoft.AspNetCore.Identity;

namespace Metrology.Core.Security;

/// <summary>A disabled user cannot sign in (the sign-in answers "not allowed").</summary>
internal sealed class EnabledUserConfirmation : IUserConfirmation<User>
{
    public Task<bool> IsConfirmedAsync(UserManager<User> manager, User user) => Task.FromResult(user.IsEnabled);
}
