namespace Metrology.Users.Pages.Admin.Users;

public sealed record UserFieldsView(UserInput Input, IReadOnlyList<string> AllRoles, bool IsNew);
