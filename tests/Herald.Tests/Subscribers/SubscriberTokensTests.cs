using Herald.Subscribers;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Subscribers;

/// <summary>Signed link tokens: genuine, unexpired and for the right purpose, or nothing.</summary>
public class SubscriberTokensTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 11, 0, 0, TimeSpan.Zero));

    private SubscriberTokens Tokens(string key = "token-tests-signing-key-0123456789abcdef") => new(Options.Create(new TokenOptions { SigningKey = key }), _time);

    [Fact]
    public void A_token_carries_its_purpose_newsletter_and_subscriber()
    {
        var token = Tokens().Create(TokenPurpose.Unsubscribe, "white-house-watch", "abc123");

        Assert.Equal(new SubscriberToken(TokenPurpose.Unsubscribe, "white-house-watch", "abc123"), Tokens().Verify(token, TokenPurpose.Unsubscribe));
    }

    [Fact]
    public void A_token_works_for_its_own_purpose_only()
    {
        var token = Tokens().Create(TokenPurpose.Preferences, "white-house-watch", "abc123");

        Assert.Null(Tokens().Verify(token, TokenPurpose.Unsubscribe));
        Assert.Null(Tokens().Verify(token, TokenPurpose.Confirm));
    }

    [Fact]
    public void A_confirm_token_expires_after_seven_days_and_an_unsubscribe_token_does_not()
    {
        var confirm = Tokens().Create(TokenPurpose.Confirm, "white-house-watch", "abc123");
        var unsubscribe = Tokens().Create(TokenPurpose.Unsubscribe, "white-house-watch", "abc123");

        _time.Advance(TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1));

        Assert.Null(Tokens().Verify(confirm, TokenPurpose.Confirm));
        Assert.NotNull(Tokens().Verify(unsubscribe, TokenPurpose.Unsubscribe));
    }

    [Fact]
    public void A_token_signed_with_another_key_or_changed_by_one_character_is_refused()
    {
        var token = Tokens().Create(TokenPurpose.Unsubscribe, "white-house-watch", "abc123");
        var tampered = token[..5] + (token[5] == 'A' ? 'B' : 'A') + token[6..];

        Assert.Null(Tokens("another-signing-key-0123456789abcdefghij").Verify(token, TokenPurpose.Unsubscribe));
        Assert.Null(Tokens().Verify(tampered, TokenPurpose.Unsubscribe));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("no-dot")]
    [InlineData("a.b.c")]
    [InlineData("!!!.???")]
    public void Malformed_tokens_are_refused(string? token)
    {
        Assert.Null(Tokens().Verify(token, TokenPurpose.Unsubscribe));
    }

    [Fact]
    public void An_overlong_token_is_refused_before_any_work()
    {
        Assert.Null(Tokens().Verify(new string('A', 600) + "." + new string('B', 43), TokenPurpose.Unsubscribe));
    }
}
