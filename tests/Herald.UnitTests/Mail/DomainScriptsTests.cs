using System.Text;
using Herald.Mail;

namespace Herald.UnitTests.Mail;

/// <summary>UTS #39's "moderately restrictive" level on each label of an address's domain, through the one parser every sign-up uses.</summary>
public class DomainScriptsTests
{
    [Theory]
    [InlineData("joe@ex\u0430mple.com", "Cyrillic,Latin")]          // exаmple.com: a Cyrillic а among Latin letters
    [InlineData("joe@p\u0430ypal.com", "Cyrillic,Latin")]
    [InlineData("joe@\u03bfpen.example", "Greek,Latin")]            // a Greek omicron for the o
    [InlineData("joe@\u0430\u03b1.example", "Cyrillic,Greek")]      // two scripts, neither Latin
    [InlineData("joe@xn--exmple-4nf.com", "Cyrillic,Latin")]        // the same look-alike typed in punycode
    [InlineData("joe@\u0430b\u0441.\u0440\u0444", "Cyrillic,Latin")] // one mixed label is enough, whatever the others
    public void A_label_mixing_scripts_as_the_level_forbids_is_refused(string address, string scripts)
    {
        Assert.Null(EmailAddresses.Parse(address));
        var mixed = EmailAddresses.MixedScriptDomain(address);
        Assert.NotNull(mixed);
        Assert.Equal(scripts, string.Join(',', mixed.Value.Scripts));
    }

    [Theory]
    [InlineData("joe@example.com")]                                   // Latin
    [InlineData("joe@\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444")] // пример.рф: Cyrillic alone
    [InlineData("joe@b\u00fccher.example")]                           // Latin with a diacritic
    [InlineData("joe@\u6771\u4eac\u3068\u30c6\u30b9\u30c8abc.jp")]     // Latin + Han + Hiragana + Katakana (Japanese)
    [InlineData("joe@\u4e2d\u6587\u3105abc.tw")]                      // Latin + Han + Bopomofo
    [InlineData("joe@\ud55c\uad6d\u6f22abc.kr")]                      // Latin + Han + Hangul
    [InlineData("joe@abc\u0e44\u0e17\u0e22.example")]                  // Latin + Thai: allowed, Thai is neither Cyrillic nor Greek
    [InlineData("joe@123-\u0430\u0431\u0432.example")]               // digits and hyphen are Common: Cyrillic alone
    public void Single_scripts_and_the_levels_CJK_and_Latin_combinations_are_allowed(string address)
    {
        Assert.Null(EmailAddresses.MixedScriptDomain(address));
        Assert.NotNull(EmailAddresses.Parse(address));
    }

    [Fact]
    public void A_combining_mark_is_Inherited_so_it_neither_mixes_nor_hides_a_mix()
    {
        Assert.Null(EmailAddresses.MixedScriptDomain("joe@\u0438\u0306\u043e\u0434.example"));       // й written as и + combining breve: Cyrillic only
        Assert.NotNull(EmailAddresses.MixedScriptDomain("joe@e\u0301x\u0430mple.example"));          // é decomposed does not hide the Cyrillic а
    }

    [Fact]
    public void Code_points_of_each_script_the_level_names_have_that_script()
    {
        var probes = new[] { 0x41, 0x430, 0x3b1, 0x3042, 0x30a2, 0x3105, 0xac00, 0x4e00, 0x20000, 0x0301, 0x30 };
        string[] expected = ["Latin", "Cyrillic", "Greek", "Hiragana", "Katakana", "Bopomofo", "Hangul", "Han", "Han", "Inherited", "Common"];
        Assert.Equal(expected, probes.Select(p => ScriptRanges.Of(new Rune(p))));
    }
}
