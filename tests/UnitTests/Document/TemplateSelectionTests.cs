using System.Reflection;
using Gongkai.Contracts;
using Gongkai.Document.Domain.Templates;
using Gongkai.Workflow.Domain.Lifecycle;

namespace Gongkai.UnitTests.Document;

public class TemplateSelectionTests
{
    private static (string? Key, string? Error) Reply(string replyType, string? outcome = null)
    {
        var fields = new Dictionary<string, string> { [DocumentKinds.Fields.ReplyType] = replyType };
        if (outcome is not null)
            fields[DocumentKinds.Fields.Outcome] = outcome;
        return TemplateCatalog.KeyFor(DocumentKinds.Reply, fields);
    }

    [Fact]
    public void Every_document_kind_of_the_contracts_has_a_template()
    {
        var kinds = typeof(DocumentKinds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).Where(k => k != DocumentKinds.Reply).ToList();
        Assert.Equal(9, kinds.Count);
        foreach (var kind in kinds)
            Assert.Equal(kind, TemplateCatalog.KeyFor(kind, new Dictionary<string, string>()).Key);
    }

    [Fact]
    public void Every_workflow_reply_type_but_withhold_has_its_own_reply_template()
    {
        foreach (var type in Enum.GetValues<ReplyType>().Where(t => t != ReplyType.Withhold))
        {
            var (key, error) = Reply(type.ToString(), type.AllowedOutcomes()[0].ToString());
            Assert.True(key == $"reply.{type}", error);
            Assert.Equal(DocumentKinds.Reply, TemplateCatalog.Find(key!)!.Kind);
        }
    }

    [Fact]
    public void Each_of_the_eight_withheld_outcomes_selects_its_own_ground()
    {
        var outcomes = ReplyType.Withhold.AllowedOutcomes();
        Assert.Equal(8, outcomes.Count);
        var keys = outcomes.Select(o => Reply("Withhold", o.ToString()).Key).ToList();
        Assert.All(keys, Assert.NotNull);
        Assert.Equal(8, keys.Distinct().Count());
        Assert.Equal("reply.Withhold.WithheldThirdPartyRights", Reply("Withhold", "WithheldThirdPartyRights").Key);
    }

    [Fact]
    public void The_outcome_of_a_non_withheld_reply_does_not_change_its_template() =>
        Assert.Equal("reply.NotThisBody", Reply("NotThisBody", "Other").Key);

    [Theory]
    [InlineData("Withhold", null)]
    [InlineData("Withhold", "Disclosed")]
    [InlineData("Approve", null)]
    [InlineData("", null)]
    public void Requests_without_a_fitting_template_are_errors(string replyType, string? outcome)
    {
        var (key, error) = Reply(replyType, outcome);
        Assert.Null(key);
        Assert.NotNull(error);
    }

    [Fact]
    public void An_unknown_kind_is_an_error() =>
        Assert.NotNull(TemplateCatalog.KeyFor("delivery-receipt", new Dictionary<string, string>()).Error);

    [Fact]
    public void Reply_templates_count_one_per_reply_leaf_of_the_brief()
    {
        // 17 reply types besides Withhold, plus the eight withheld grounds.
        Assert.Equal(Enum.GetValues<ReplyType>().Length - 1 + 8, TemplateCatalog.All.Count(t => t.Kind == DocumentKinds.Reply));
        Assert.Equal(TemplateCatalog.All.Count, TemplateCatalog.All.Select(t => t.Key).Distinct().Count());
    }

    [Fact]
    public void Legal_bases_agree_with_workflow_decision_rules()
    {
        foreach (var type in Enum.GetValues<ReplyType>().Where(t => t != ReplyType.Withhold))
        {
            var workflowBasis = type.LegalBasis();
            var basis = TemplateCatalog.BasisOf($"reply.{type}");
            if (workflowBasis.StartsWith("条例", StringComparison.Ordinal))
                Assert.Equal(TemplateCatalog.Regulation + workflowBasis["条例".Length..], basis);
            else if (workflowBasis.StartsWith("国办函", StringComparison.Ordinal))
                Assert.Contains(workflowBasis, basis);
            else
                Assert.Null(basis);
        }
        foreach (var outcome in ReplyType.Withhold.AllowedOutcomes())
            Assert.EndsWith("第三十六条第（三）项", TemplateCatalog.BasisOf($"reply.Withhold.{outcome}"));
    }
}
