using Herald.Subscribers;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Herald.UnitTests.Subscribers;

/// <summary>Signed link tokens: genuine, unexpired and for the right purpose, or nothing.</summary>
public class SubscriberTokensTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 11, 0, 0, TimeSpan.Zero));

    private static readonly string Reader = Herald.Mail.EmailAddresses.IdOf("reader@example.com");

    private SubscriberTokens Tokens(string key = "token-tests-signing-key-0123456789abcdef", params string[] previous) => new(
        Options.Create(new Herald.Configuration.HeraldOptions { SigningKey = key, PreviousSigningKeys = [.. previous], Newsletters = [new() { Id = "white-house-watch" }, new() { Id = "capitol-brief" }] }),
        _time);

    [Fact]
    public void A_token_carries_its_purpose_newsletter_and_subscriber()
    {
        var token = Tokens().Create(TokenPurpose.Unsubscribe, "white-house-watch", Reader);

        Assert.Equal(new SubscriberToken(TokenPurpose.Unsubscribe, "white-house-watch", Reader), Tokens().Verify(token, TokenPurpose.Unsubscribe));
    }

    [Fact]
    public void A_token_works_for_its_own_purpose_only()
    {
        var token = Tokens().Create(TokenPurpose.Preferences, "white-house-watch", Reader);

        Assert.Null(Tokens().Verify(token, TokenPurpose.Unsubscribe));
        Assert.Null(Tokens().Verify(token, TokenPurpose.Confirm));
    }

    [Fact]
    public void A_confirm_token_expires_after_seven_days_and_an_unsubscribe_token_does_not()
    {
        var confirm = Tokens().Create(TokenPurpose.Confirm, "white-house-watch", Reader);
        var unsubscribe = Tokens().Create(TokenPurpose.Unsubscribe, "white-house-watch", Reader);

        _time.Advance(TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1));

        Assert.Null(Tokens().Verify(confirm, TokenPurpose.Confirm));
        Assert.NotNull(Tokens().Verify(unsubscribe, TokenPurpose.Unsubscribe));
    }

    [Fact]
    public void A_token_signed_with_another_key_or_changed_by_one_character_is_refused()
    {
        var token = Tokens().Create(TokenPurpose.Unsubscribe, "white-house-watch", Reader);
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
        Assert.Null(Tokens().Verify(new string('A', 600), TokenPurpose.Unsubscribe));
    }

    [Fact]
    public void After_a_key_rotation_old_links_still_verify_and_new_ones_use_the_new_key()
    {
        var old = Tokens("the-old-signing-key-0123456789abcdefghij").Create(TokenPurpose.Unsubscribe, "white-house-watch", Reader);
        var rotated = Tokens("the-new-signing-key-0123456789abcdefghij", "the-old-signing-key-0123456789abcdefghij");

        Assert.NotNull(rotated.Verify(old, TokenPurpose.Unsubscribe));
        Assert.NotNull(Tokens("the-new-signing-key-0123456789abcdefghij").Verify(rotated.Create(TokenPurpose.Unsubscribe, "white-house-watch", Reader), TokenPurpose.Unsubscribe));
        Assert.Null(Tokens("the-old-signing-key-0123456789abcdefghij").Verify(rotated.Create(TokenPurpose.Unsubscribe, "white-house-watch", Reader), TokenPurpose.Unsubscribe));
    }

    [Fact]
    public void A_token_names_its_newsletter_and_a_link_token_fits_an_rfc_5321_local_part()
    {
        var token = Tokens().Create(TokenPurpose.Unsubscribe, "capitol-brief", Reader);

        Assert.Equal("capitol-brief", Tokens().Verify(token, TokenPurpose.Unsubscribe)!.NewsletterId);
        Assert.True(("unsubscribe+" + token).Length <= 64, $"{token.Length} characters");
        Assert.Matches("^[A-Za-z0-9_-]+$", token);
    }

    [Fact]
    public void A_confirm_token_carries_the_nonce_of_its_request()
    {
        var token = Tokens().Create(TokenPurpose.Confirm, "white-house-watch", Reader, nonce: 4242);

        Assert.Equal(4242u, Tokens().Verify(token, TokenPurpose.Confirm)!.Nonce);
    }
}
