using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gongkai.Portal.Pages;

/// <summary>
/// The page for an error status (re-executed by the status-code and exception middleware, so the status stays). A
/// refused form post re-executes as a post too: the page takes it without a token of its own.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }

    public void OnGet(int code) => Code = code;

    public void OnPost(int code) => Code = code;

    public (string Title, string Text) Message => Code switch
    {
        404 => ("未找到该页面", "您要找的页面或信息不存在，或尚未公开。"),
        400 => ("请求无法处理", "页面可能已过期或填写的内容无法识别。请返回上一页，刷新后重新填写提交。"),
        429 => ("访问过于频繁", "请稍等一分钟后再试。"),
        _ => ("服务暂时不可用", "系统暂时无法完成您的请求，请稍后再试；如急需办理，可拨打各机关政府信息公开指南中的联系电话。"),
    };
}
