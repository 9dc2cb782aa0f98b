using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;

namespace Gongkai.UnitTests;

public class TenantIdTests
{
    [Theory]
    [InlineData("510116", true)]
    [InlineData("510116-001", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("510116' OR '1'='1", false)]
    [InlineData("租户", false)]
    public void Tenant_ids_are_unit_codes(string? value, bool expected) => Assert.Equal(expected, TenantIds.IsWellFormed(value));

    [Fact]
    public void Tenant_of_a_scope_cannot_change()
    {
        var tenant = new TenantContext();
        tenant.Set("510116");
        tenant.Set("510116");
        Assert.Throws<InvalidOperationException>(() => tenant.Set("510117"));
    }
}
