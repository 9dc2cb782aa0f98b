using System.Text.Json;
using Gongkai.Publishing.Domain.AnnualReports;
using Gongkai.ServiceDefaults.Validation;
using Gongkai.Workflow.Domain;
using Gongkai.Workflow.Domain.Lifecycle;

namespace Gongkai.UnitTests.Validation;

public class InputRulesTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new StrictEnumConverterFactory(), new SafeStringConverter() },
    };

    private sealed record Body(DeliveryMethod? Method, string? Text);

    [Theory]
    [InlineData("张三", -1)]
    [InlineData("第一行\n第二行\t缩进\r\n", -1)]
    [InlineData("𠀀生僻字", -1)]
    [InlineData("a\u0000b", 1)]
    [InlineData("\u0001", 0)]
    [InlineData("abc\u007F", 3)]
    [InlineData("x\u0085", 1)]
    [InlineData("invoice\u202Efdp.exe", 7)]
    [InlineData("a\u2066b", 1)]
    [InlineData("\uFEFF", 0)]
    public void Text_may_not_hold_control_bidi_or_broken_characters(string text, int expected)
    {
        Assert.Equal(expected, TextRules.IndexOfForbidden(text));
    }

    [Fact]
    public void A_surrogate_without_its_pair_is_refused()
    {
        // Built in code: test-case serialisation would replace a lone surrogate with U+FFFD.
        Assert.Equal(1, TextRules.IndexOfForbidden(new string(['a', (char)0xD800])));
        Assert.Equal(0, TextRules.IndexOfForbidden(new string([(char)0xDC00, 'a'])));
    }

    [Theory]
    [InlineData("""{"method":99}""", "$.method")]
    [InlineData("""{"method":-1}""", "$.method")]
    [InlineData("""{"method":"7"}""", "$.method")]
    [InlineData("""{"method":"Teleport"}""", "$.method")]
    [InlineData("""{"method":"Post, InPerson"}""", "$.method")]
    [InlineData("""{"text":"a\u0000b"}""", "$.text")]
    [InlineData("""{"text":"\u0001"}""", "$.text")]
    [InlineData("""{"text":"evil\u202Etxt"}""", "$.text")]
    public void Bodies_with_undefined_enums_or_control_characters_are_refused_naming_the_field(string body, string path)
    {
        var error = Assert.Throws<InvalidInputException>(() => JsonSerializer.Deserialize<Body>(body, Json));
        Assert.Equal(path, error.Path);
        Assert.Matches("[\u4e00-\u9fff]", error.Message);
    }

    [Fact]
    public void Defined_names_and_ordinary_text_are_read()
    {
        var body = JsonSerializer.Deserialize<Body>("""{"method":"post","text":"第一行\n第二行"}""", Json)!;
        Assert.Equal(DeliveryMethod.Post, body.Method);
        Assert.Equal("第一行\n第二行", body.Text);
        Assert.Equal("""{"method":"Post","text":null}""", JsonSerializer.Serialize(body with { Text = null }, Json));
    }

    [Fact]
    public void Dictionary_keys_are_read_and_written_by_the_same_rules()
    {
        var errors = new Dictionary<string, string[]> { ["items"] = ["empty"] };
        Assert.Equal("""{"items":["empty"]}""", JsonSerializer.Serialize(errors, Json));
        Assert.Equal(["answer"], JsonSerializer.Deserialize<Dictionary<string, bool>>("""{"answer":true}""", Json)!.Keys);
        Assert.Throws<InvalidInputException>(() => JsonSerializer.Deserialize<Dictionary<string, bool>>("""{"a\u0000":true}""", Json));
    }

    [Fact]
    public void Enum_dictionary_keys_are_read_and_written_as_defined_names_only()
    {
        var values = JsonSerializer.Deserialize<Dictionary<ProactiveCell, int>>("""{"LicensingDecisions":12,"feesAmount":3}""", Json)!;
        Assert.Equal(12, values[ProactiveCell.LicensingDecisions]);
        Assert.Equal(3, values[ProactiveCell.FeesAmount]);
        Assert.Equal(2, values.Count);

        Assert.Equal("""{"RegulationsInForce":40,"CoercionDecisions":0}""",
            JsonSerializer.Serialize(new Dictionary<ProactiveCell, int> { [ProactiveCell.RegulationsInForce] = 40, [ProactiveCell.CoercionDecisions] = 0 }, Json));

        foreach (var body in new[] { """{"Teleport":1}""", """{"6":1}""", """{"99":1}""", """{"-1":1}""", """{"LicensingDecisions, FeesAmount":1}""", """{"":1}""" })
        {
            var error = Assert.Throws<InvalidInputException>(() => JsonSerializer.Deserialize<Dictionary<ProactiveCell, int>>(body, Json));
            Assert.Contains("LicensingDecisions", error.Message);
            Assert.Matches("[\u4e00-\u9fff]", error.Message);
        }
    }

    [Fact]
    public void Text_longer_than_any_field_is_refused()
    {
        var body = JsonSerializer.Serialize(new { text = new string('字', SafeStringConverter.MaxLength + 1) });
        Assert.Throws<InvalidInputException>(() => JsonSerializer.Deserialize<Body>(body, Json));
    }

    [Theory]
    [InlineData(null, 15)]
    [InlineData(1, 1)]
    [InlineData(60, 60)]
    public void Periods_within_the_legal_range_are_taken(int? given, int expected)
    {
        Assert.Equal(expected, ActionInput.Period(given, "periodWorkingDays", 15));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(61)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public void Periods_outside_the_legal_range_are_refused(int given)
    {
        var error = Assert.Throws<InvalidFieldException>(() => ActionInput.Period(given, "replyWithinWorkingDays", 10));
        Assert.Equal("replyWithinWorkingDays", error.Field);
    }

    [Fact]
    public void Dates_of_what_happened_lie_between_receipt_and_today()
    {
        var input = new ActionInput(Today: new DateOnly(2026, 11, 30), CaseReceivedOn: new DateOnly(2026, 11, 2));

        Assert.Equal(new DateOnly(2026, 11, 30), input.Happened(null, "on"));
        Assert.Equal(new DateOnly(2026, 11, 2), input.Happened(new DateOnly(2026, 11, 2), "on"));
        Assert.Null(input.HappenedOrNull(null, "noticeReceivedOn"));
        Assert.Equal("withdrawnOn", Assert.Throws<InvalidFieldException>(() => input.Happened(new DateOnly(9999, 12, 31), "withdrawnOn")).Field);
        Assert.Throws<InvalidFieldException>(() => input.Happened(new DateOnly(2026, 12, 1), "on"));
        Assert.Throws<InvalidFieldException>(() => input.HappenedOrNull(DateOnly.MinValue, "letterReceivedOn"));
        Assert.Throws<InvalidFieldException>(() => input.Happened(new DateOnly(2026, 11, 1), "decidedOn"));
    }

    [Fact]
    public void Planned_dates_lie_after_today_within_a_year()
    {
        var input = new ActionInput(Today: new DateOnly(2026, 11, 30), CaseReceivedOn: new DateOnly(2026, 11, 2));

        Assert.Equal(new DateOnly(2027, 1, 15), input.Planned(new DateOnly(2027, 1, 15), "until", "请填写"));
        Assert.Throws<InvalidFieldException>(() => input.Planned(null, "until", "请填写"));
        Assert.Throws<InvalidFieldException>(() => input.Planned(new DateOnly(2026, 11, 30), "until", "请填写"));
        Assert.Throws<InvalidFieldException>(() => input.Planned(new DateOnly(2099, 6, 1), "until", "请填写"));
    }

    [Fact]
    public void Text_fields_have_a_length_limit()
    {
        Assert.Equal("理由", ActionInput.Text("  理由 ", "reason"));
        Assert.Equal("reasons", Assert.Throws<InvalidFieldException>(() => ActionInput.OptionalText(new string('字', 100_000), "reasons")).Field);
        Assert.Throws<InvalidFieldException>(() => ActionInput.Text(" ", "reason"));
    }

    [Fact]
    public void Timeline_lines_are_shortened_to_their_column()
    {
        var line = CaseEvent.Fit(new string('字', 5000))!;
        Assert.Equal(CaseEvent.MaxTextLength, line.Length);
        Assert.EndsWith("…", line);
        Assert.Equal("短", CaseEvent.Fit("短"));
    }
}
