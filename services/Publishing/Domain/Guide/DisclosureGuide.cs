using System.Text.Json.Serialization;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Publishing.Domain.Catalogue;
using Gongkai.ServiceDefaults.Validation;

namespace Gongkai.Publishing.Domain.Guide;

/// <summary>
/// A unit's 政府信息公开指南 (Regulation Art. 12): how its information is classified and arranged, how to obtain it, and
/// its disclosure work unit's name, address, office hours, telephone, fax and internet contacts; plus the application
/// procedure, fees and remedies that guides carry in practice. Validated, trimmed, sections sanitised; built only by
/// <see cref="GuideInput.Validate"/>.
/// </summary>
public sealed record GuideContent(
    string OfficeName,
    string Address,
    string? Postcode,
    string OfficeHours,
    string Phone,
    string? Fax,
    string? Email,
    string? OnlineApplicationUrl,
    string ClassificationHtml,
    string HowToObtainHtml,
    string ApplicationProcedureHtml,
    string FeesHtml,
    string RemediesHtml);

/// <summary>A saved version of the unit's guide, kept for good with who saved it and when; the newest one is in force.</summary>
public sealed class GuideVersion : ITenantOwned
{
    public Guid Id { get; init; }
    public string TenantId { get; set; } = "";
    public int Version { get; init; }
    public required GuideContent Content { get; init; }

    /// <summary>更新日期 shown on the guide: the day (China time) this version was saved.</summary>
    public DateOnly UpdatedOn { get; init; }

    public required string SavedBy { get; init; }
    public DateTimeOffset SavedAt { get; init; }
}

/// <summary>
/// The guide in force, as the public reads it. Deliberately NOT tenant-owned, like <see cref="PublicItem"/>: anonymous
/// readers have no tenant; the table holds nothing but what a unit published, and not who saved it.
/// </summary>
public sealed class PublicGuide
{
    public string UnitCode { get; set; } = "";
    public string? UnitName { get; set; }
    public int Version { get; set; }
    public GuideContent Content { get; set; } = null!;
    public DateOnly UpdatedOn { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
}

/// <summary>A guide as a unit admin sends it; every value may be missing, and <see cref="Validate"/> says what is wrong.</summary>
/// <param name="BaseVersion">The version the admin started from (optional): a guide saved by someone else meanwhile is not overwritten.</param>
public sealed record GuideInput(
    string? OfficeName,
    string? Address,
    string? Postcode,
    string? OfficeHours,
    string? Phone,
    string? Fax,
    string? Email,
    string? OnlineApplicationUrl,
    [property: JsonConverter(typeof(DocumentTextConverter))] string? ClassificationHtml,
    [property: JsonConverter(typeof(DocumentTextConverter))] string? HowToObtainHtml,
    [property: JsonConverter(typeof(DocumentTextConverter))] string? ApplicationProcedureHtml,
    [property: JsonConverter(typeof(DocumentTextConverter))] string? FeesHtml,
    [property: JsonConverter(typeof(DocumentTextConverter))] string? RemediesHtml,
    int? BaseVersion = null)
{
    public const int MaxOfficeName = 100;
    public const int MaxAddress = 200;
    public const int MaxOfficeHours = 200;
    public const int MaxPhone = 100;
    public const int MaxEmail = 100;
    public const int MaxUrl = 500;
    public const int MaxSection = 50_000;

    /// <summary>The template marks what a unit must fill in with this; a guide still containing it is not published.</summary>
    public const string Placeholder = "【请填写";

    /// <summary>The validated content, or the problems keyed by field (camelCase, as sent) with a Chinese message each.</summary>
    public (GuideContent? Content, Dictionary<string, string[]> Errors) Validate()
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors.TryAdd(field, [message]);

        string? Line(string field, string name, string? value, int max, bool required)
        {
            var text = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
            if (text is null)
            {
                if (required)
                    Add(field, $"请填写{name}。");
                return null;
            }
            if (TextRules.Problem(text) is { } problem)
                Add(field, $"{name}：{problem}");
            else if (text.Length > max || text.Any(c => c is '\n' or '\r' or '\t'))
                Add(field, $"{name}不能超过 {max} 个字，且只能有一行。");
            else if (text.Contains(Placeholder, StringComparison.Ordinal))
                Add(field, $"请将{name}中的“{Placeholder}…】”替换为本单位的实际内容。");
            return text;
        }

        string Section(string field, string name, string? html)
        {
            if (html is { Length: > MaxSection })
            {
                Add(field, $"{name}不能超过 {MaxSection} 个字符。");
                return "";
            }
            if (html is not null && TextRules.Problem(html) is { } problem)
            {
                Add(field, $"{name}：{problem}");
                return "";
            }
            var clean = BodyHtml.Sanitize(html);
            var text = BodyHtml.TextOf(clean);
            if (string.IsNullOrWhiteSpace(text))
                Add(field, $"请填写{name}。");
            else if (text.Contains(Placeholder, StringComparison.Ordinal))
                Add(field, $"请将{name}中的“{Placeholder}…】”替换为本单位的实际内容。");
            return clean;
        }

        var officeName = Line("officeName", "政府信息公开工作机构名称", OfficeName, MaxOfficeName, required: true);
        var address = Line("address", "办公地址", Address, MaxAddress, required: true);
        var postcode = Line("postcode", "邮政编码", Postcode, 20, required: false);
        if (postcode is not null && !errors.ContainsKey("postcode") && !ContactFormats.IsPostcode(postcode))
            Add("postcode", "邮政编码应为 6 位数字。");
        var hours = Line("officeHours", "办公时间", OfficeHours, MaxOfficeHours, required: true);
        var phone = Line("phone", "联系电话", Phone, MaxPhone, required: true);
        if (phone is not null && !errors.ContainsKey("phone") && !ContactFormats.IsPhoneList(phone))
            Add("phone", "联系电话格式不正确：请填写带区号的固定电话（如 028-85123456，分机可写“转123”）、手机号码或 12345 等服务热线，多个号码用“、”分隔。");
        var fax = Line("fax", "传真号码", Fax, MaxPhone, required: false);
        if (fax is not null && !errors.ContainsKey("fax") && !ContactFormats.IsFaxList(fax))
            Add("fax", "传真号码格式不正确：请填写带区号的固定电话号码，如 028-85123457。");
        var email = Line("email", "电子邮箱", Email, MaxEmail, required: false);
        if (email is not null && !errors.ContainsKey("email") && !ContactFormats.IsEmail(email))
            Add("email", "电子邮箱格式不正确，如 gongkai@example.gov.cn。");
        var url = Line("onlineApplicationUrl", "互联网申请渠道网址", OnlineApplicationUrl, MaxUrl, required: false);
        if (url is not null && !errors.ContainsKey("onlineApplicationUrl") && !ContactFormats.IsWebAddress(url))
            Add("onlineApplicationUrl", "互联网申请渠道网址须以 http:// 或 https:// 开头的完整网址。");
        // Art. 12 names an internet contact among what a guide must give.
        if (email is null && url is null)
            Add("email", "请至少填写电子邮箱或互联网申请渠道网址之一（《政府信息公开条例》第十二条：互联网联系方式）。");

        var classification = Section("classificationHtml", "政府信息的分类与编排体系", ClassificationHtml);
        var howToObtain = Section("howToObtainHtml", "获取政府信息的方式", HowToObtainHtml);
        var procedure = Section("applicationProcedureHtml", "依申请公开的办理流程", ApplicationProcedureHtml);
        var fees = Section("feesHtml", "收费说明", FeesHtml);
        var remedies = Section("remediesHtml", "监督和救济途径", RemediesHtml);

        if (errors.Count > 0)
            return (null, errors);
        return (new GuideContent(officeName!, address!, postcode, hours!, phone!, fax, email, url, classification, howToObtain, procedure, fees,
            remedies), errors);
    }
}
