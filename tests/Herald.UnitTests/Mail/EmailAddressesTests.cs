using Herald.Mail;

namespace Herald.UnitTests.Mail;

public class EmailAddressesTests
{
    [Theory]
    [InlineData("reader@example.com", "reader@example.com")]
    [InlineData("  Reader@EXAMPLE.com ", "Reader@example.com")]
    [InlineData("first.last+news@sub.example.org", "first.last+news@sub.example.org")]
    public void A_plain_address_is_kept_with_its_domain_lowercased(string input, string expected)
    {
        Assert.Equal(expected, EmailAddresses.Normalize(input));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-an-address")]
    [InlineData("two@example.com, three@example.com")]
    [InlineData("Eve <eve@example.com>")]
    [InlineData("eve@example.com\r\nBcc: victim@example.com")]
    [InlineData("eve@localhost")]
    [InlineData("eve@example..com")]
    [InlineData("=?utf-8?q?eve?=@example.com")]
    [InlineData("eve@xn--zz-zzz.com")]
    [InlineData("eve@[127.0.0.1]")]
    [InlineData("eve\u200b@example.com")]
    public void Anything_but_one_plain_address_is_refused(string? input)
    {
        Assert.Null(EmailAddresses.Normalize(input));
    }

    [Fact]
    public void An_address_longer_than_254_characters_is_refused()
    {
        Assert.Null(EmailAddresses.Normalize(new string('a', 250) + "@example.com"));
    }

    [Fact]
    public void The_id_ignores_case_and_reveals_nothing_of_the_address()
    {
        var id = EmailAddresses.IdOf("Reader@example.com");

        Assert.Equal(id, EmailAddresses.IdOf("reader@example.com"));
        Assert.Matches("^[0-9a-f]{32}$", id);
    }

    [Theory]
    [InlineData("jane.doe@example.com", "j***@example.com")]
    [InlineData("x@example.com", "x***@example.com")]
    [InlineData("nonsense", "***")]
    public void The_masked_form_keeps_only_the_first_letter_and_the_domain(string address, string masked)
    {
        Assert.Equal(masked, EmailAddresses.Mask(address));
    }
}
