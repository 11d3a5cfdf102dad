namespace Herald.Subscribers;

public enum ChangeOutcome
{
    Done,
    AlreadyDone,
    InvalidLink,
    NotAllowed,
}
