namespace Herald.Templates;

/// <summary>One recipient's value for each <see cref="PersonalSlot"/>: their two links and their name.</summary>
public sealed record PersonalValues(string UnsubscribeUrl = "", string PreferencesUrl = "", string Name = "")
{
    public static PersonalValues None { get; } = new();

    public string this[PersonalSlot slot] => slot switch
    {
        PersonalSlot.UnsubscribeUrl => UnsubscribeUrl,
        PersonalSlot.PreferencesUrl => PreferencesUrl,
        PersonalSlot.Name => Name,
        _ => "",
    };
}
