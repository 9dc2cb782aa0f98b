using Gongkai.Contracts;
using Gongkai.Document.Domain;
using Gongkai.Document.Issuing;

namespace Gongkai.UnitTests.Document;

public class RequestRetryTests
{
    [Fact]
    public void Retries_back_off_exponentially_up_to_the_cap_and_outlast_a_busy_quarter_of_an_hour()
    {
        var options = new DocumentRequestRetryOptions();
        Assert.Equal([5, 10, 20, 40, 80, 160, 300, 300, 300], Enumerable.Range(1, 9).Select(a => options.DelayAfter(a).TotalSeconds));
        var waited = Enumerable.Range(1, options.MaxAttempts - 1).Sum(a => options.DelayAfter(a).TotalMinutes);
        Assert.InRange(waited, 15, 30);
        Assert.Equal(options.MaxDelay, options.DelayAfter(1000));
    }

    [Fact]
    public void A_failure_text_names_the_cause_without_the_applicant_or_the_particulars()
    {
        var command = new IssueCommand(Guid.NewGuid(), Guid.NewGuid(), DocumentKinds.Reply, "510116-dsj-2026-00042", "王小明", new DateOnly(2026, 11, 2),
            new Dictionary<string, string> { [DocumentKinds.Fields.Reasons] = "涉及王小明邻居张大山的住址" });
        var error = new InvalidOperationException("outer", new FormatException("cannot print 涉及王小明邻居张大山的住址 for 王小明"));

        var text = RequestedDocuments.FailureText(error, command);

        Assert.Equal("FormatException: cannot print *** for ***", text);
        Assert.StartsWith("单位全称未设置", RequestedDocuments.FailureText(new UnitNameMissingException(), command));
        Assert.Equal(500, RequestedDocuments.FailureText(new Exception(new string('x', 2000)), command).Length);
    }
}
