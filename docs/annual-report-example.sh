#!/usr/bin/env bash
# The demo district (510116) produces, checks, signs off and publishes its annual report through the gateway, then
# downloads the PDF. Run against a platform started with `./build.sh run --demo` (G defaults to its gateway).
set -euo pipefail
G=${G:-http://127.0.0.1:8080}
UNIT=510116
YEAR=$(TZ=Asia/Shanghai date +%Y)
login() { curl -sf -X POST $G/api/identity/token -H 'Content-Type: application/json' \
  -d "{\"grantType\":\"password\",\"unitCode\":\"$UNIT\",\"userName\":\"$1\",\"password\":\"Gongkai2026demo\"}" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])'; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
ADMIN=$(login admin); COUNSEL=$(login counsel); APPROVER=$(login approver)

# 1. Applications handled before the unit used Gongkai (the import template: GET .../annual-reports/import-template).
cat > /tmp/earlier.csv <<CSV
申请编号,申请人类别,收到申请日期,办结日期,办理结果,复议诉讼类型,复议诉讼提起日期,复议诉讼结果,复议诉讼审结日期
双府依申〔$YEAR〕1号,自然人,$YEAR-01-05,$YEAR-01-20,予以公开,,,,
双府依申〔$YEAR〕2号,自然人,$YEAR-01-08,$YEAR-02-03,部分公开,行政复议,$YEAR-03-01,维持,$YEAR-04-20
双府依申〔$YEAR〕3号,商业企业,$YEAR-01-15,$YEAR-02-10,本机关不掌握相关政府信息,,,,
双府依申〔$YEAR〕4号,法律服务机构,$YEAR-02-02,$YEAR-02-27,属于四类过程性信息,未经复议直接起诉,$YEAR-04-01,尚未审结,
双府依申〔$YEAR〕5号,自然人,$YEAR-02-11,$YEAR-03-04,重复申请,,,,
双府依申〔$YEAR〕6号,科研机构,$YEAR-03-02,$YEAR-03-25,予以公开,,,,
双府依申〔$YEAR〕7号,自然人,$YEAR-03-09,$YEAR-04-15,申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请,,,,
双府依申〔$YEAR〕8号,社会公益组织,$YEAR-04-01,$YEAR-04-28,予以公开,,,,
CSV
curl -sf -X POST $G/api/publishing/annual-reports/imports -H "Authorization: Bearer $ADMIN" -F "file=@/tmp/earlier.csv;filename=earlier.csv"; echo

# 2. The draft: tables counted from the cases, table 二 to fill in, a first text from the unit's own figures.
curl -sf -X POST $G/api/publishing/annual-reports/$YEAR -H "Authorization: Bearer $ADMIN" > /dev/null
NEW=$(curl -sf $G/api/publishing/annual-reports/$YEAR -H "Authorization: Bearer $ADMIN" | json 'd["applications"]["rows"][0]["counts"][6]')
CLOSED=$(curl -sf $G/api/publishing/annual-reports/$YEAR -H "Authorization: Bearer $ADMIN" | json '[r for r in d["applications"]["rows"] if r["row"]=="Total"][0]["counts"][6]')
FORWARD=$(curl -sf $G/api/publishing/annual-reports/$YEAR -H "Authorization: Bearer $ADMIN" | json '[r for r in d["applications"]["rows"] if r["row"]=="CarriedForward"][0]["counts"][6]')
curl -sf -X PUT $G/api/publishing/annual-reports/$YEAR -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' -d @- > /dev/null <<JSON
{"proactive":{"values":{"RegulationsIssued":0,"RegulationsRepealed":0,"RegulationsInForce":0,"NormativeDocumentsIssued":3,
  "NormativeDocumentsRepealed":1,"NormativeDocumentsInForce":27,"LicensingDecisions":1268,"PenaltyDecisions":342,"CoercionDecisions":15,"FeesAmount":0},
  "notApplicable":[]},
 "sections":{
  "ProactiveDisclosure":"$YEAR年，双流区坚持以公开为常态、不公开为例外，围绕重大建设项目、财政预决算、公共资源配置和民生实事等重点领域，及时公开政府信息，同步做好政策解读和回应关切。",
  "OnApplication":"本年度新收政府信息公开申请${NEW}件，上年结转0件，办结${CLOSED}件，结转下年度继续办理${FORWARD}件。本年度因政府信息公开申请行政复议1件，提起行政诉讼1件。",
  "InformationManagement":"落实公文公开属性源头认定，拟制公文时同步明确公开属性；对不予公开的信息每年复核一次，动态调整公开属性。",
  "PlatformBuilding":"区政府门户网站政府信息公开专栏按照统一栏目设置运行，政务新媒体同步发布重要信息，依申请公开实现网上申请、进度查询。",
  "SupervisionAndGuarantee":"区政务公开领导小组每季度研究政务公开工作，开展业务培训两次，将政务公开纳入年度目标考核。",
  "Problems":"一是部分单位信息发布不够及时；二是政策解读形式较为单一。下一步将建立按月检查通报制度，推广图解、视频等解读形式。",
  "OtherMatters":"本年度发出收费通知0件，收取信息处理费0元。"}}
JSON

# 3. Checks before sign-off: every failure names its cell or sentence.
curl -sf $G/api/publishing/annual-reports/$YEAR/checks -H "Authorization: Bearer $ADMIN" \
  | json 'chr(10).join(c["id"] + " " + c["result"].ljust(14) + c["location"] + "：" + c["message"] for c in d)'

# 4. Submit (frozen for review); 保密审查 by legal counsel, then the leader's 签发, in LegalReview.
REPORT=$(curl -sf -X POST $G/api/publishing/annual-reports/$YEAR/submission -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d '{"overrideReason":"本单位上一年度报告不在本平台，上年结转无法核对"}' | json 'd["id"]')
for i in $(seq 30); do
  REVIEW=$(curl -sf "$G/api/legalreview/reviews?caseId=$REPORT" -H "Authorization: Bearer $COUNSEL" | json 'd[0]["id"] if d else ""')
  [ -n "$REVIEW" ] && break; sleep 1
done
curl -sf -X POST $G/api/legalreview/reviews/$REVIEW/steps/1/opinion -H "Authorization: Bearer $COUNSEL" -H 'Content-Type: application/json' \
  -d '{"verdict":"Approve","text":"无不宜公开的内容","checklist":{"stateSecret":{"answer":false},"otherLaws":{"answer":false},"securityStability":{"answer":false},"tradeSecret":{"answer":false},"privacy":{"answer":false}}}' > /dev/null
curl -sf -X POST $G/api/legalreview/reviews/$REVIEW/steps/2/opinion -H "Authorization: Bearer $APPROVER" -H 'Content-Type: application/json' \
  -d '{"verdict":"Approve","text":"同意公布"}' > /dev/null

# 5. Published: the public JSON, page, tables, and the PDF/DOCX Document renders.
for i in $(seq 120); do
  PDF=$(curl -sf $G/api/publishing/public/$UNIT/annual-reports/$YEAR | json 'd["pdfUrl"] or ""' 2>/dev/null || true)
  [ -n "$PDF" ] && break; sleep 2
done
curl -sf $G$PDF -o annual-report-$YEAR.pdf
echo "Published: $G/api/publishing/public/$UNIT/annual-reports/$YEAR/page  PDF: annual-report-$YEAR.pdf"
