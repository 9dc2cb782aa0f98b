using Gongkai.Workflow.Domain.Lifecycle;

namespace Gongkai.UnitTests.Lifecycle;

// Amounts computed by hand from 国办函〔2020〕109号 Arts. 4–5 (progressive: each unit priced by its own band).
public class FeeCalculatorTests
{
    [Theory]
    [InlineData(10, 0)]      // 1–10 free
    [InlineData(11, 100)]    // 11th at 100
    [InlineData(30, 2000)]   // 20 × 100
    [InlineData(31, 2200)]   // 2000 + 31st at 200
    [InlineData(40, 4000)]   // 2000 + 10 × 200
    [InlineData(41, 4300)]   // 4000 + 41st at 300
    [InlineData(55, 9000)]   // 4000 + 10 × 300 + 5 × 400
    public void Per_item_total_for_a_month(int items, int expectedYuan)
    {
        Assert.Equal(expectedYuan, FeeCalculator.PerItem(items).Amount);
    }

    [Theory]
    [InlineData(30, 0)]      // ≤ 30 pages free
    [InlineData(31, 10)]     // 31st at 10
    [InlineData(100, 700)]   // 70 × 10
    [InlineData(101, 720)]   // 700 + 101st at 20
    [InlineData(200, 2700)]  // 700 + 100 × 20
    [InlineData(201, 2740)]  // 2700 + 201st at 40
    public void Per_volume_amount_for_one_application(int pages, int expectedYuan)
    {
        Assert.Equal(expectedYuan, FeeCalculator.PerVolume(pages).Amount);
    }

    [Theory]
    [InlineData(9, 1, 0)]     // the 10th item of the month is still free
    [InlineData(9, 3, 200)]   // 10th free, 11th and 12th at 100
    [InlineData(30, 1, 200)]  // the 31st item
    [InlineData(40, 1, 300)]  // the 41st item
    [InlineData(28, 5, 800)]  // 29th, 30th at 100; 31st–33rd at 200
    public void Per_item_fee_of_one_application_depends_on_the_items_already_made_that_month(int earlier, int items, int expectedYuan)
    {
        Assert.Equal(expectedYuan, FeeCalculator.PerItem(earlier, items).Amount);
    }

    [Fact]
    public void Quote_explains_its_bands_in_chinese_for_the_fee_notice()
    {
        var quote = FeeCalculator.PerVolume(201);

        Assert.Equal(FeeMethod.PerVolume, quote.Method);
        Assert.Equal([0m, 10m, 20m, 40m], quote.Bands.Select(b => b.UnitPrice));
        Assert.Equal("按量计收（国办函〔2020〕109号，超额累进）：本申请第 1–30 页：不收费；本申请第 31–100 页：70 页 × 10 元 = 700 元；" +
            "本申请第 101–200 页：100 页 × 20 元 = 2000 元；本申请第 201–201 页：1 页 × 40 元 = 40 元；合计 2740 元。", quote.Explain());
    }

    [Fact]
    public void Zero_quantities_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FeeCalculator.PerVolume(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => FeeCalculator.PerItem(3, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => FeeCalculator.PerItem(-1, 1));
    }
}
