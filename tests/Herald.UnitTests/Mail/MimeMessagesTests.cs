using Herald.Mail;
using Herald.Testing;
using MimeKit;

namespace Herald.UnitTests.Mail;

public class MimeMessagesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 11, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_message_has_a_text_and_an_html_alternative_and_the_given_headers()
    {
        var message = MimeMessages.Build(SampleEmail.Content(), SampleEmail.Recipient("k1"), Now);

        var body = Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Equal(["text/plain", "text/html"], body.Select(p => p.ContentType.MimeType));
        Assert.Equal("White House Watch <white-house-watch.herald>", message.Headers["List-Id"]);
        Assert.Equal(Now, message.Date);
    }

    [Fact]
    public void The_message_id_follows_from_the_key_so_a_resent_copy_is_recognizably_the_same()
    {
        Assert.Equal(MimeMessages.Build(SampleEmail.Content(), SampleEmail.Recipient("k1"), Now).MessageId, MimeMessages.Build(SampleEmail.Content(), SampleEmail.Recipient("k1"), Now.AddHours(1)).MessageId);
        Assert.NotEqual(MimeMessages.Build(SampleEmail.Content(), SampleEmail.Recipient("k1"), Now).MessageId, MimeMessages.Build(SampleEmail.Content(), SampleEmail.Recipient("k2"), Now).MessageId);
        Assert.EndsWith("@herald.example", MimeMessages.Build(SampleEmail.Content(), SampleEmail.Recipient("k1"), Now).MessageId, StringComparison.Ordinal);
    }
}
