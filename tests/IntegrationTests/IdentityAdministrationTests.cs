using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Gongkai.IntegrationTests;

/// <summary>The README's administration walk: platform admin → district → its township and staff → sign-in → roles.</summary>
[Collection(PlatformCollection.Name)]
public sealed class IdentityAdministrationTests(PlatformFixture platform)
{
    [Fact]
    public async Task An_approver_sees_the_own_units_staff_to_assign_a_handler_but_no_other_units_and_changes_nothing()
    {
        using var approver = await platform.ClientAsync(PlatformFixture.TenantA, "approver");
        var staff = await approver.GetFromJsonAsync<List<JsonElement>>($"/api/identity/units/{PlatformFixture.TenantA}/users");
        Assert.Contains(staff!, u => u.GetProperty("userName").GetString() == "handler");
        Assert.Equal(HttpStatusCode.NotFound, (await approver.GetAsync($"/api/identity/units/{PlatformFixture.TenantB}/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await approver.PostAsJsonAsync($"/api/identity/units/{PlatformFixture.TenantA}/users",
            new { userName = "sneaky", displayName = "不应创建", password = "Gongkai2026demo!", roles = new[] { "handler" } })).StatusCode);
    }

    [Fact]
    public async Task Platform_admin_creates_a_district_whose_admin_creates_a_township_and_its_staff_who_sign_in()
    {
        var suffix = Random.Shared.Next(1000, 9999);
        var district = $"5199{suffix}";
        var township = $"{district}-jd";
        using var platformAdmin = await platform.ClientAsync("platform", "admin");

        var created = await platformAdmin.PostAsJsonAsync("/api/identity/units", new { code = district, name = "示范区人民政府", kind = "District", parentCode = "5101" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await platformAdmin.PostAsJsonAsync($"/api/identity/units/{district}/users",
            new { userName = "admin", displayName = "区管理员", password = "District-admin-2026", roles = new[] { "unit_admin" } })).StatusCode);

        // A district cannot hang under a township, and a duplicate code is refused, both naming the field.
        var wrongParent = await platformAdmin.PostAsJsonAsync("/api/identity/units", new { code = $"{district}-x", name = "错误", kind = "District", parentCode = PlatformFixture.TenantA });
        Assert.Equal(HttpStatusCode.BadRequest, wrongParent.StatusCode);
        Assert.True((await wrongParent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("parentCode", out _));
        Assert.Equal(HttpStatusCode.BadRequest, (await platformAdmin.PostAsJsonAsync("/api/identity/units", new { code = district, name = "重复", kind = "District", parentCode = "5101" })).StatusCode);

        using var districtAdmin = await platform.ClientAsync(district, "admin", "District-admin-2026");
        Assert.Equal(HttpStatusCode.Created, (await districtAdmin.PostAsJsonAsync("/api/identity/units",
            new { code = township, name = "示范区某街道办事处", kind = "Township", parentCode = district })).StatusCode);
        // Not under someone else's district.
        Assert.Equal(HttpStatusCode.Forbidden, (await districtAdmin.PostAsJsonAsync("/api/identity/units",
            new { code = $"{district}-other", name = "越权", kind = "Township", parentCode = PlatformFixture.District })).StatusCode);

        var weak = await districtAdmin.PostAsJsonAsync($"/api/identity/units/{township}/users", new { userName = "zhang", displayName = "张", password = "123", roles = new[] { "registrar" } });
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        var user = await districtAdmin.PostAsJsonAsync($"/api/identity/units/{township}/users",
            new { userName = "zhang", displayName = "张登记", password = "Township-staff-2026", roles = new[] { "registrar", "handler" } });
        Assert.Equal(HttpStatusCode.Created, user.StatusCode);
        var userId = (await user.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        // Another district's admin cannot see that township's staff.
        using var otherDistrictAdmin = await platform.ClientAsync(PlatformFixture.District, "admin");
        Assert.Equal(HttpStatusCode.NotFound, (await otherDistrictAdmin.GetAsync($"/api/identity/units/{township}/users")).StatusCode);

        using var staff = await platform.ClientAsync(township, "zhang", "Township-staff-2026");
        var me = await staff.GetFromJsonAsync<JsonElement>("/api/identity/me");
        Assert.Equal(township, me.GetProperty("unit").GetString());
        Assert.Equal(["registrar", "handler"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(HttpStatusCode.Created, (await staff.PostAsJsonAsync("/api/intake/applications",
            new { applicantName = "李四", description = "街道2026年财政预算", channel = "InPerson", idNumber = IntakeTestData.NewIdNumber(),
                phone = "13912345678", requestedForm = "Paper", deliveryRoute = "PickUp" })).StatusCode);

        var changed = await districtAdmin.PutAsJsonAsync($"/api/identity/units/{township}/users/{userId}/roles", new { roles = new[] { "handler" } });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var log = await districtAdmin.GetFromJsonAsync<List<JsonElement>>($"/api/identity/audit/{township}");
        Assert.Contains(log!, e => e.GetProperty("action").GetString() == "roles-changed" && e.GetProperty("detail").GetString()!.Contains("登记员、承办人 → 承办人"));
        Assert.Contains(log!, e => e.GetProperty("action").GetString() == "signed-in");
        var verification = await districtAdmin.GetFromJsonAsync<JsonElement>($"/api/identity/audit/{township}/verification");
        Assert.True(verification.GetProperty("intact").GetBoolean());
    }
}
