using Gongkai.Publishing.Domain.Catalogue;

namespace Gongkai.UnitTests.Publishing;

public class ItemAttachmentTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 30);
    private const string Sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private static InformationItem Draft() =>
        InformationItem.Draft(Guid.NewGuid(), InformationItemTests.Content(), new DateOnly(2026, 12, 18), "登记员", Now);

    private static void Publish(InformationItem item)
    {
        var round = item.Submit("登记员", Now);
        Assert.NotNull(item.Publish(round, item.NeedsIndexNumber ? "510116-dsj/2026-00001" : null, "负责人", Today, Now));
    }

    private static ItemAttachment Attach(InformationItem item, string name) =>
        item.Attach(Guid.NewGuid(), name, AttachmentType.Pdf, 1024, Sha, "登记员", Now);

    private static void Edit(InformationItem item) =>
        item.Edit(InformationItemTests.Content("关于2026年度老旧小区改造资金拨付的通知（更正）"), Today, Today, Today.AddDays(28), "登记员", Now);

    [Fact]
    public void A_new_version_carries_the_attachments_over_and_a_removal_there_leaves_the_published_version_intact()
    {
        var item = Draft();
        var notice = Attach(item, "通知.pdf");
        var table = Attach(item, "明细表.pdf");
        Publish(item);

        Edit(item); // version 2, a draft
        Assert.True(notice.IsIn(2) && table.IsIn(2));
        Assert.False(item.Detach(table, "登记员", Now)); // published in version 1: kept for it
        var correction = Attach(item, "更正说明.pdf");

        Assert.True(table.IsIn(1));
        Assert.False(table.IsIn(2));
        Assert.Equal(2, correction.AddedInVersion);
        Assert.False(correction.IsIn(1));
        Assert.Equal([notice, correction], new[] { notice, table, correction }.Where(a => a.IsIn(2)));
        Assert.Equal([notice, table], new[] { notice, table, correction }.Where(a => a.IsIn(1)));
    }

    [Fact]
    public void An_attachment_never_published_is_deleted_when_removed()
    {
        var item = Draft();
        var draftOnly = Attach(item, "草稿附件.pdf");
        Assert.True(item.Detach(draftOnly, "登记员", Now));

        Publish(Draft());
        Publish(item);
        Edit(item);
        var added = Attach(item, "新增.pdf");
        Assert.True(item.Detach(added, "登记员", Now)); // added in the unpublished version 2
    }

    [Fact]
    public void Attachments_change_only_on_a_draft()
    {
        var item = Draft();
        var attachment = Attach(item, "通知.pdf");
        var round = item.Submit("登记员", Now);
        Assert.Contains("审核中", Assert.Throws<ItemRuleException>(() => Attach(item, "晚到的.pdf")).Message);
        Assert.Throws<ItemRuleException>(() => item.Detach(attachment, "登记员", Now));

        item.Publish(round, "510116-dsj/2026-00001", "负责人", Today, Now);
        Assert.Contains("新版本", Assert.Throws<ItemRuleException>(() => Attach(item, "晚到的.pdf")).Message);
        item.Withdraw("内容有误", "登记员", Now);
        Assert.Contains("撤回", Assert.Throws<ItemRuleException>(() => item.Detach(attachment, "登记员", Now)).Message);
    }

    [Fact]
    public void Changing_attachments_touches_the_item_so_a_racing_submission_conflicts()
    {
        var item = Draft();
        var revision = item.Revision;
        var attachment = Attach(item, "通知.pdf");
        Assert.Equal(revision + 1, item.Revision);
        item.Detach(attachment, "登记员", Now);
        Assert.Equal(revision + 2, item.Revision);
    }
}
