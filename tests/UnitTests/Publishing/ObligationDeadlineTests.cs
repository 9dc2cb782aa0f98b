using Gongkai.Publishing.Domain.Standard;

namespace Gongkai.UnitTests.Publishing;

public class ObligationDeadlineTests
{
    [Theory]
    [InlineData("信息形成或者变更之日起20个工作日内", 20)]
    [InlineData("信息形成或变更之日起２０个工作日内", 20)]        // full-width digits
    [InlineData("自批准之日起5个工作日内公开", 5)]
    [InlineData("形成之日起二十个工作日内", 20)]
    [InlineData("收到后十五个工作日内", 15)]
    [InlineData("3 个工作日内", 3)]
    [InlineData("自收到之日起7个工作日内公开，公示期不少于5个工作日", 7)]
    public void A_number_of_working_days_is_read_from_the_text(string text, int days) =>
        Assert.Equal(new ObligationDeadline(DeadlineKind.WorkingDays, days), ObligationDeadline.Parse(text));

    [Theory]
    [InlineData("及时公开")]
    [InlineData("实时公开")]
    // The procurement notice: 5 working days is how long the notice stays up, not how soon it goes up.
    [InlineData("及时公开，公告期限为5个工作日")]
    public void Prompt_publication_has_no_number(string text) =>
        Assert.Equal(new ObligationDeadline(DeadlineKind.Promptly, null), ObligationDeadline.Parse(text));

    [Theory]
    [InlineData("常态公开")]
    [InlineData("")]
    [InlineData("公示期限为7个工作日")]
    public void A_text_without_a_publication_period_is_unstated(string text) =>
        Assert.Equal(DeadlineKind.Unstated, ObligationDeadline.Parse(text).Kind);

    [Fact]
    public void The_days_checked_are_the_texts_the_units_prompt_threshold_or_Art_26s()
    {
        Assert.Equal(7, ObligationDeadline.Parse("7个工作日内").EffectiveWorkingDays(5, 20));
        Assert.Equal(5, ObligationDeadline.Parse("及时公开").EffectiveWorkingDays(5, 20));
        Assert.Equal(3, ObligationDeadline.Parse("及时公开").EffectiveWorkingDays(3, 20));
        Assert.Equal(20, ObligationDeadline.Parse("长期公开").EffectiveWorkingDays(5, 20));
    }
}
