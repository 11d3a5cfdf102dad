using Herald.Summarizing;
using Herald.Text;

namespace Herald.UnitTests.Text;

/// <summary>
/// In-body promotions as a family: each member in several wordings no site rule names, and sentences written as news
/// about newsletters, apps and subscriptions, which must stay.
/// </summary>
public class PromoLineTests
{
    [Theory]
    [InlineData("Get the Politics Daily newsletter in your inbox every morning. Sign up here.")]
    [InlineData("Sign up for our free Morning Briefing newsletter")]
    [InlineData("Want the best of The Ledger delivered to you? Subscribe to our weekly email.")]
    [InlineData("Never miss a story: get breaking news alerts on your phone.")]
    [InlineData("Download our free app to get breaking news alerts on your phone.")]
    [InlineData("Follow us on Instagram and TikTok for daily updates.")]
    [InlineData("Stay up to date with our newsletter")]
    [InlineData("Listen to this article · 4 min")]
    [InlineData("Listen to this story")]
    [InlineData("Read more: House passes stopgap bill in late-night vote")]
    [InlineData("RELATED: What happens to federal workers in a shutdown")]
    [InlineData("See also — Senate leaders meet on Friday")]
    [InlineData("This article was originally published by Capitol Wire and is republished with permission.")]
    [InlineData("This story first appeared in The Conversation.")]
    [InlineData("Originally published on Example Times.")]
    [InlineData("(Photo: Jane Doe/Getty Images)")]
    [InlineData("Photo by John Smith")]
    [InlineData("AP Photo/Evan Vucci")]
    [InlineData("Advertisement")]
    [InlineData("— Advertisement —")]
    [InlineData("The Associated Press contributed to this report.")]
    [InlineData("Capitol Wire reporter Dana Reyes contributed to this report. This story was originally published by Capitol Wire and is distributed through a partnership with local newsrooms.")]
    [InlineData("Like what you read? Support local journalism — subscribe to the Valley Herald for $1 a week.")]
    [InlineData("Valley Herald is now on WhatsApp. Join our channel for the day's top stories.")]
    public void A_member_of_the_family_is_promotional(string line) =>
        Assert.True(PromoLine.IsPromotional(line), line);

    [Theory]
    [InlineData("Morning Post Media, which publishes a dozen daily newsletters on politics and business, said on Monday that it had raised $40 million.")]
    [InlineData("Readers can subscribe to most of its newsletters free of charge; about 6 percent pay $8 a month for longer editions and an app.")]
    [InlineData("The app has been downloaded 300,000 times, the company said.")]
    [InlineData("Users can download the app from Google Play starting Monday, the company said.")]
    [InlineData("The senator's campaign sent an email to supporters asking them to follow the vote closely.")]
    [InlineData("Investigators said they would follow the money wherever it leads.")]
    [InlineData("The photo, taken by a Reuters photographer in 2019, shows the president at the border.")]
    [InlineData("Related parties must disclose their holdings, the regulator said.")]
    [InlineData("More than 40 senators signed the letter.")]
    public void News_about_newsletters_apps_and_subscriptions_is_not(string sentence) =>
        Assert.False(PromoLine.IsPromotional(sentence), sentence);

    [Fact]
    public void A_promotion_left_in_an_articles_text_never_leads_or_enters_its_summary()
    {
        var text = string.Join(' ',
            "Sign up for our free Politics Daily newsletter to get stories like this in your inbox.",
            "Negotiators from both chambers returned to the Capitol on Tuesday to resume talks on a spending package.",
            "The sticking points remain the size of the defense increase and the future of two housing programs.",
            "Read more: House passes stopgap bill in late-night vote.",
            "Both sides expect to exchange new offers by Friday, and a vote would come the week after at the earliest.");

        var summary = SentencePicker.Summarize(text, new SummaryBudget(3, 80));

        Assert.NotEmpty(summary);
        Assert.DoesNotContain(summary, s => PromoLine.IsPromotional(s));
        Assert.StartsWith("Negotiators", summary[0], StringComparison.Ordinal);
    }
}
