namespace Herald.Templates;

/// <summary>A place in a shared email body that holds a value of the recipient's own.</summary>
public enum PersonalSlot
{
    UnsubscribeUrl,
    PreferencesUrl,
    Name,
}
