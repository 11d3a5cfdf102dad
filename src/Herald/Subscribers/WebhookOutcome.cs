namespace Herald.Subscribers;

public enum WebhookOutcome
{
    Accepted,
    Unauthorized,
    BadRequest,
}
