using System.Text.RegularExpressions;
using Gongkai.Contracts;

namespace Gongkai.Intake.Domain;

/// <summary>The result of validation: errors (field → Chinese messages) or the normalised application.</summary>
public sealed record ValidationOutcome(Dictionary<string, string[]> Errors, ValidatedApplication? Application)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Art. 29: who applies (name, proof of identity, contact), what is sought (a description specific enough to
/// find it) and in what form and by what route. Messages name the field in Chinese and never echo the
/// value, so a rejected ID number or phone does not end up in a response or a log.
/// </summary>
public static partial class ApplicationValidator
{
    public const int DescriptionMinLength = 5;

    /// <summary>One application per matter (一事一申请): longer texts are usually several requests in one.</summary>
    public const int DescriptionMaxLength = 2000;

    public static ValidationOutcome Validate(ApplicationForm? form, RegistrationSource source, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        if (form is null)
        {
            errors["body"] = ["请求内容为空。"];
            return new(errors, null);
        }
        var warnings = new List<string>();
        var today = Gongkai.BuildingBlocks.ChinaTime.DateOf(now);

        // Where it comes from, and so which channel and dates the caller may set.
        var unitCode = Clean(form.UnitCode);
        Channel? channel = form.Channel;
        switch (source)
        {
            case RegistrationSource.Staff:
                if (channel is null || !Enum.IsDefined(channel.Value))
                    errors["channel"] = ["请选择申请渠道。"];
                else if (channel == Domain.Channel.CityPlatform)
                    errors["channel"] = ["市级平台转来的申请由市级平台推送，登记员不能选择该渠道。"];
                unitCode = null; // staff register for the unit of their token
                break;
            case RegistrationSource.PublicForm:
                if (channel is not null && channel != Domain.Channel.Online)
                    errors["channel"] = ["网上申请的渠道只能是 Online。"];
                channel = Domain.Channel.Online;
                if (form.ArrivedAt is not null)
                    errors["arrivedAt"] = ["网上申请的到达时间由系统记录，不能填写。"];
                if (form.Confirmation is not null)
                    errors["confirmation"] = ["网上申请由工作机构确认收到，申请人不能填写确认信息。"];
                if (form.ExternalReference is not null)
                    errors["externalReference"] = ["网上申请不能填写外部编号。"];
                break;
            case RegistrationSource.CityPlatform:
                if (channel is not null && channel != Domain.Channel.CityPlatform)
                    errors["channel"] = ["市级平台推送的申请渠道只能是 CityPlatform。"];
                channel = Domain.Channel.CityPlatform;
                break;
        }
        if (source != RegistrationSource.Staff)
        {
            if (unitCode is null)
                errors["unitCode"] = ["请填写受理申请的单位代码。"];
            else if (!TenantIds.IsWellFormed(unitCode))
                errors["unitCode"] = ["单位代码只能由字母、数字和“-”组成，不超过 64 个字符。"];
        }
        var externalReference = Clean(form.ExternalReference);
        if (externalReference is { Length: > 100 })
            errors["externalReference"] = ["外部编号不能超过 100 个字符。"];

        ReceiptOutcome? receipt = null;
        if (channel is { } c && Enum.IsDefined(c) && !errors.ContainsKey("channel"))
            receipt = ReceiptDateRules.Decide(c, form.ArrivedAt, form.Confirmation, now, errors);

        // Who applies.
        var kind = form.ApplicantKind ?? ApplicantKind.NaturalPerson;
        if (!Enum.IsDefined(kind))
            errors["applicantKind"] = ["申请人类型只能是自然人（NaturalPerson）或法人或其他组织（Organisation）。"];
        var name = Clean(form.ApplicantName);
        var maxName = kind == ApplicantKind.Organisation ? 200 : 100;
        if (name is null)
            errors["applicantName"] = [kind == ApplicantKind.Organisation ? "申请单位名称不能为空。" : "申请人姓名或名称不能为空。"];
        else if (name.Length > maxName)
            errors["applicantName"] = [$"申请人姓名或名称不能超过 {maxName} 个字。"];

        OrganisationCategory? category = null;
        string? creditCode = null;
        var contactName = Clean(form.ContactName);
        if (kind == ApplicantKind.Organisation)
        {
            category = form.OrganisationCategory;
            if (category is null || !Enum.IsDefined(category.Value))
                errors["organisationCategory"] = ["请选择申请单位类别（商业企业、科研机构、社会公益组织、法律服务机构或其他）。"];
            creditCode = form.CreditCode is null ? null : IdentityDocuments.Normalize(form.CreditCode);
            if (string.IsNullOrEmpty(creditCode))
                errors["creditCode"] = ["法人或其他组织申请的，请填写统一社会信用代码。"];
            else
            {
                var problem = CreditCode.Check(creditCode) switch
                {
                    CreditCodeProblem.None => null,
                    CreditCodeProblem.WrongLength => "统一社会信用代码应为 18 位。",
                    CreditCodeProblem.WrongCharacters => "统一社会信用代码只能由数字和大写字母组成（不含 I、O、Z、S、V）。",
                    _ => "统一社会信用代码校验位不正确，请核对。",
                };
                if (problem is not null)
                    errors["creditCode"] = [problem];
            }
            if (contactName is { Length: > 50 })
                errors["contactName"] = ["联系人姓名不能超过 50 个字。"];
        }
        else
        {
            if (form.OrganisationCategory is not null)
                errors["organisationCategory"] = ["自然人申请无需选择申请单位类别。"];
            if (!string.IsNullOrWhiteSpace(form.CreditCode))
                errors["creditCode"] = ["自然人申请无需填写统一社会信用代码。"];
            contactName = null;
        }

        // Proof of identity: required of a person; an organisation may add its representative's.
        IdDocumentType? idType = null;
        string? idNumber = null;
        var idNumberGiven = !string.IsNullOrWhiteSpace(form.IdNumber);
        if (kind == ApplicantKind.NaturalPerson || idNumberGiven || form.IdType is not null)
        {
            idType = form.IdType ?? IdDocumentType.ResidentIdCard;
            if (!Enum.IsDefined(idType.Value))
                errors["idType"] = ["请选择身份证件类型。"];
            else if (!idNumberGiven)
                errors["idNumber"] = ["请填写身份证件号码。"];
            else
            {
                idNumber = IdentityDocuments.Normalize(form.IdNumber!);
                if (IdentityDocuments.Problem(idType.Value, idNumber, today) is { } problem)
                    errors["idNumber"] = [problem];
            }
        }

        // Contact: at least one way to reach the applicant, each checked when given.
        string? phone = null;
        if (!string.IsNullOrWhiteSpace(form.Phone))
        {
            phone = ContactRules.NormalizePhone(form.Phone);
            if (!ContactRules.IsValidPhone(phone))
                errors["phone"] = ["联系电话格式不正确：手机号为 11 位数字，固定电话请带区号。"];
        }
        var email = Clean(form.Email);
        if (email is not null && !ContactRules.IsValidEmail(email))
            errors["email"] = ["电子邮箱格式不正确。"];
        var address = Clean(form.Address);
        if (address is { Length: > 200 })
            errors["address"] = ["通信地址不能超过 200 个字。"];
        var postalCode = Clean(form.PostalCode);
        if (postalCode is not null && !PostalCode().IsMatch(postalCode))
            errors["postalCode"] = ["邮政编码应为 6 位数字。"];
        if (phone is null && email is null && address is null)
            errors["contact"] = ["请至少填写联系电话、电子邮箱、通信地址中的一项。"];

        // Application by an agent: the applicant fields are the principal's; the agent is identified too.
        ValidatedAgent? agent = null;
        if (form.Agent is { } a)
        {
            var agentName = Clean(a.Name);
            if (agentName is null)
                errors["agent.name"] = ["委托代理申请的，请填写代理人姓名。"];
            else if (agentName.Length > 100)
                errors["agent.name"] = ["代理人姓名不能超过 100 个字。"];
            var agentIdType = a.IdType ?? IdDocumentType.ResidentIdCard;
            string? agentId = null;
            if (!Enum.IsDefined(agentIdType))
                errors["agent.idType"] = ["请选择代理人身份证件类型。"];
            else if (string.IsNullOrWhiteSpace(a.IdNumber))
                errors["agent.idNumber"] = ["委托代理申请的，请填写代理人身份证件号码。"];
            else
            {
                agentId = IdentityDocuments.Normalize(a.IdNumber);
                if (IdentityDocuments.Problem(agentIdType, agentId, today) is { } problem)
                    errors["agent.idNumber"] = ["代理人" + problem];
            }
            string? agentPhone = null;
            if (!string.IsNullOrWhiteSpace(a.Phone))
            {
                agentPhone = ContactRules.NormalizePhone(a.Phone);
                if (!ContactRules.IsValidPhone(agentPhone))
                    errors["agent.phone"] = ["代理人联系电话格式不正确。"];
            }
            if (agentName is not null && agentId is not null)
                agent = new ValidatedAgent(agentName, agentIdType, agentId, agentPhone);
        }

        // What is sought.
        var description = Clean(form.Description);
        if (description is null)
            errors["description"] = ["请填写所需政府信息的名称、文号或者便于查询的其他特征性描述。"];
        else if (description.Length < DescriptionMinLength)
            errors["description"] = [$"所需信息描述过短（至少 {DescriptionMinLength} 个字），请写明信息的名称、文号或其他特征。"];
        else if (description.Length > DescriptionMaxLength)
            errors["description"] = [$"所需信息描述不能超过 {DescriptionMaxLength} 个字；涉及多项信息的，请按“一事一申请”分别提交。"];
        else
            warnings.AddRange(VagueWordWarnings(description));
        var documentNumber = Clean(form.DocumentNumber);
        if (documentNumber is { Length: > 100 })
            errors["documentNumber"] = ["文号不能超过 100 个字。"];
        var purpose = Clean(form.Purpose);
        if (purpose is { Length: > 500 })
            errors["purpose"] = ["用途说明不能超过 500 个字。"];

        // In what form and by what route (Art. 29 item 3, Art. 40).
        var requestedForm = form.RequestedForm;
        var route = form.DeliveryRoute;
        if (requestedForm is null || !Enum.IsDefined(requestedForm.Value))
            errors["requestedForm"] = ["请选择所需信息的提供形式（纸质、电子文档、电子邮件、光盘或现场查阅）。"];
        if (route is null || !Enum.IsDefined(route.Value))
            errors["deliveryRoute"] = ["请选择获取信息的方式（自行领取、邮寄、电子邮件或网上获取）。"];
        else if (requestedForm is { } f && Enum.IsDefined(f) && !RouteFits(f, route.Value))
            errors["deliveryRoute"] = [RouteMismatch(f)];
        if (route == DeliveryRoute.Post && address is null)
            errors["address"] = ["选择邮寄的，请填写通信地址。"];
        if ((route == DeliveryRoute.Email || requestedForm == Domain.RequestedForm.Email) && email is null)
            errors["email"] = ["选择以电子邮件提供的，请填写电子邮箱。"];

        var attachments = AttachmentRules.Validate(form.Attachments, errors);
        if (form.Agent is not null && !errors.Keys.Any(k => k.StartsWith("attachments", StringComparison.Ordinal))
            && attachments.All(x => x.Kind != AttachmentKind.PowerOfAttorney))
            errors["attachments"] = ["委托代理申请的，须附授权委托书（附件类别 PowerOfAttorney）。"];
        if (source != RegistrationSource.Staff && attachments.All(x => x.Kind != AttachmentKind.IdentityProof))
            warnings.Add("未上传身份证明，工作机构可能要求补正。");

        if (errors.Count > 0 || receipt is null)
        {
            if (errors.Count == 0)
                errors["channel"] = ["请选择申请渠道。"];
            return new(errors, null);
        }
        warnings.AddRange(receipt.Warnings);
        return new(errors, new ValidatedApplication(unitCode, channel!.Value, receipt, kind, name!, category, creditCode, contactName,
            idType, idNumber, phone, email, address, postalCode, agent, description!, documentNumber, purpose,
            requestedForm!.Value, route!.Value, attachments, externalReference, warnings));
    }

    /// <summary>Which routes can carry which form: an inspection happens on site, an e-mail goes by e-mail.</summary>
    public static bool RouteFits(RequestedForm form, DeliveryRoute route) => form switch
    {
        Domain.RequestedForm.Paper or Domain.RequestedForm.Disc => route is DeliveryRoute.PickUp or DeliveryRoute.Post,
        Domain.RequestedForm.Electronic => route is DeliveryRoute.Email or DeliveryRoute.Online or DeliveryRoute.PickUp,
        Domain.RequestedForm.Email => route is DeliveryRoute.Email,
        Domain.RequestedForm.Inspection => route is DeliveryRoute.PickUp,
        _ => false,
    };

    private static string RouteMismatch(RequestedForm form) => form switch
    {
        Domain.RequestedForm.Paper => "纸质信息只能自行领取或邮寄。",
        Domain.RequestedForm.Disc => "光盘只能自行领取或邮寄。",
        Domain.RequestedForm.Electronic => "电子文档可通过电子邮件、网上获取或自行领取。",
        Domain.RequestedForm.Email => "以电子邮件提供的，获取方式应为电子邮件。",
        _ => "现场查阅的，获取方式应为自行领取（到场查阅）。",
    };

    /// <summary>
    /// Guides ask applicants to avoid sweeping words (所有、全部、相关、等): such requests usually need a
    /// correction (Art. 30). A warning, never an error: the unit decides.
    /// </summary>
    public static IReadOnlyList<string> VagueWordWarnings(string description)
    {
        var found = new List<string>();
        foreach (var word in new[] { "所有", "全部", "一切", "相关" })
            if (description.Contains(word, StringComparison.Ordinal))
                found.Add(word);
        if (EnumerationDeng().IsMatch(description))
            found.Add("等");
        return found.Count == 0
            ? []
            : [$"所需信息描述含有“{string.Join("”“", found)}”等概括性用语，可能不足以确定所需信息，工作机构可能要求补正（第三十条）。"];
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    // "等" closing an enumeration ("…文件等", "等材料", "等等"), not inside words such as 等级 or 平等.
    [GeneratedRegex("等(等|$|[，。；、,.;\\s）)]|(文件|材料|资料|信息|情况|内容|事项|数据))")]
    private static partial Regex EnumerationDeng();

    [GeneratedRegex("^[0-9]{6}$")]
    private static partial Regex PostalCode();
}
