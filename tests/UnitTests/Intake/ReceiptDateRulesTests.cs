using Gongkai.Intake.Domain;

namespace Gongkai.UnitTests.Intake;

/// <summary>Art. 31: the legal receipt date by channel, with arrival and confirmation kept apart.</summary>
public class ReceiptDateRulesTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    // Monday 23 November 2026, 10:00 in Beijing.
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, China);

    private static ReceiptOutcome Decide(Channel channel, DateTimeOffset? arrivedAt, ReceiptConfirmation? confirmation = null)
    {
        var errors = new Dictionary<string, string[]>();
        var outcome = ReceiptDateRules.Decide(channel, arrivedAt, confirmation, Now, errors);
        Assert.Empty(errors);
        return outcome!;
    }

    [Theory]
    [InlineData(Channel.InPerson)]
    [InlineData(Channel.PostSigned)]
    [InlineData(Channel.OralTranscribed)]
    public void Handed_in_signed_for_or_transcribed_is_received_that_day_without_confirmation(Channel channel)
    {
        // Signed for on Saturday evening: Saturday is the receipt date; the clock counts from the next working day.
        var arrived = new DateTimeOffset(2026, 11, 21, 18, 30, 0, China);
        var outcome = Decide(channel, arrived);
        Assert.Equal(new DateOnly(2026, 11, 21), outcome.LegalReceiptDate);
        Assert.Equal(arrived, outcome.ArrivedAt);
        Assert.Null(outcome.ConfirmedAt);
        Assert.False(ReceiptDateRules.NeedsConfirmation(channel));
    }

    [Fact]
    public void The_receipt_date_is_the_china_date_not_the_utc_date()
    {
        // 23:30 UTC on the 22nd is 07:30 on the 23rd in Beijing.
        var outcome = Decide(Channel.InPerson, new DateTimeOffset(2026, 11, 22, 23, 30, 0, TimeSpan.Zero));
        Assert.Equal(new DateOnly(2026, 11, 23), outcome.LegalReceiptDate);
    }

    [Fact]
    public void Arrival_defaults_to_now()
    {
        var outcome = Decide(Channel.InPerson, null);
        Assert.Equal(Now, outcome.ArrivedAt);
        Assert.Equal(new DateOnly(2026, 11, 23), outcome.LegalReceiptDate);
    }

    [Theory]
    [InlineData(Channel.Online)]
    [InlineData(Channel.PostUnsigned)]
    [InlineData(Channel.Fax)]
    [InlineData(Channel.Email)]
    [InlineData(Channel.CityPlatform)]
    public void Letters_internet_and_fax_wait_for_confirmation(Channel channel)
    {
        var outcome = Decide(channel, new DateTimeOffset(2026, 11, 21, 22, 0, 0, China));
        Assert.Null(outcome.LegalReceiptDate);
        Assert.False(outcome.IsFixed);
        Assert.True(ReceiptDateRules.NeedsConfirmation(channel));
    }

    [Fact]
    public void An_online_application_of_saturday_night_confirmed_on_monday_is_received_on_monday()
    {
        var arrived = new DateTimeOffset(2026, 11, 21, 22, 0, 0, China);
        var confirmedAt = new DateTimeOffset(2026, 11, 23, 9, 15, 0, China);
        var errors = new Dictionary<string, string[]>();
        var outcome = ReceiptDateRules.Confirm(Channel.Online, arrived, new ReceiptConfirmation { ConfirmedAt = confirmedAt, Method = ConfirmationMethod.OnlineReceipt }, Now, errors);
        Assert.Empty(errors);
        Assert.Equal(new DateOnly(2026, 11, 23), outcome!.LegalReceiptDate);
        Assert.Equal(arrived, outcome.ArrivedAt);
        Assert.Equal(confirmedAt, outcome.ConfirmedAt);
        Assert.Equal(ConfirmationMethod.OnlineReceipt, outcome.Method);
        Assert.Empty(outcome.Warnings);
    }

    [Fact]
    public void A_fax_confirmed_by_phone_at_registration_is_fixed_at_once()
    {
        var arrived = new DateTimeOffset(2026, 11, 20, 16, 0, 0, China);
        var outcome = Decide(Channel.Fax, arrived, new ReceiptConfirmation { ConfirmedAt = arrived.AddMinutes(20), Method = ConfirmationMethod.Phone });
        Assert.Equal(new DateOnly(2026, 11, 20), outcome.LegalReceiptDate);
        Assert.Equal(ConfirmationMethod.Phone, outcome.Method);
    }

    [Fact]
    public void An_ordinary_letter_confirmed_after_its_arrival_day_is_received_on_the_confirmation_day_with_a_warning()
    {
        var errors = new Dictionary<string, string[]>();
        var outcome = ReceiptDateRules.Confirm(Channel.PostUnsigned, new DateTimeOffset(2026, 11, 19, 15, 0, 0, China),
            new ReceiptConfirmation { ConfirmedAt = new DateTimeOffset(2026, 11, 20, 9, 0, 0, China), Method = ConfirmationMethod.Phone }, Now, errors);
        Assert.Equal(new DateOnly(2026, 11, 20), outcome!.LegalReceiptDate);
        Assert.Contains(outcome.Warnings, w => w.Contains("到达当日"));
    }

    [Fact]
    public void Confirmation_defaults_to_now()
    {
        var errors = new Dictionary<string, string[]>();
        var outcome = ReceiptDateRules.Confirm(Channel.Email, Now.AddDays(-3), new ReceiptConfirmation { Method = ConfirmationMethod.Email }, Now, errors);
        Assert.Equal(Now, outcome!.ConfirmedAt);
        Assert.Equal(new DateOnly(2026, 11, 23), outcome.LegalReceiptDate);
    }

    [Fact]
    public void Bad_confirmations_name_their_field()
    {
        var arrived = Now.AddHours(-2);
        var cases = new (ReceiptConfirmation Confirmation, Channel Channel, string Field)[]
        {
            (new() { ConfirmedAt = arrived.AddHours(-1), Method = ConfirmationMethod.Phone }, Channel.Online, "confirmation.confirmedAt"),
            (new() { ConfirmedAt = Now.AddDays(1), Method = ConfirmationMethod.Phone }, Channel.Online, "confirmation.confirmedAt"),
            (new() { ConfirmedAt = Now }, Channel.Online, "confirmation.method"),
            (new() { Method = ConfirmationMethod.OnlineReceipt }, Channel.PostUnsigned, "confirmation.method"),
            (new() { Method = ConfirmationMethod.Other }, Channel.Fax, "confirmation.note"),
            (new() { Method = ConfirmationMethod.Phone }, Channel.InPerson, "confirmation"),
        };
        foreach (var (confirmation, channel, field) in cases)
        {
            var errors = new Dictionary<string, string[]>();
            Assert.Null(ReceiptDateRules.Decide(channel, arrived, confirmation, Now, errors));
            Assert.True(errors.ContainsKey(field), $"{channel}: expected an error on {field}, got {string.Join(", ", errors.Keys)}");
        }
    }

    [Fact]
    public void Arrival_in_the_future_or_more_than_a_year_ago_is_refused()
    {
        foreach (var arrived in new[] { Now.AddHours(1), Now.AddDays(-400) })
        {
            var errors = new Dictionary<string, string[]>();
            Assert.Null(ReceiptDateRules.Decide(Channel.InPerson, arrived, null, Now, errors));
            Assert.True(errors.ContainsKey("arrivedAt"));
        }
    }
}
