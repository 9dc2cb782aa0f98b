#!/usr/bin/env bash
# The demo district (510116) supervises its units: cases handled last month in two townships and a department, a spot
# check, then last month's 通报 drafted, remarked, published and downloaded as PDF (page 1 → docs/bulletin-example.png).
# Run against a platform started with `./build.sh run --demo` (G defaults to its gateway).
set -euo pipefail
G=${G:-http://127.0.0.1:8080}
login() { curl -sf -X POST $G/api/identity/token -H 'Content-Type: application/json' \
  -d "{\"grantType\":\"password\",\"unitCode\":\"$1\",\"userName\":\"$2\",\"password\":\"Gongkai2026demo\"}" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])'; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
day() { TZ=Asia/Shanghai date -d "$1" +%Y-%m-%d; }
FIRST=$(day "$(TZ=Asia/Shanghai date +%Y-%m-01) -1 month"); LAST=$(day "$(TZ=Asia/Shanghai date +%Y-%m-01) -1 day"); PERIOD=${FIRST:0:7}

# One case: registered at the counter on $2 (09:00), answered on the spot on $3 (or left open).
case_of() {
  local unit=$1 received=$2 replied=$3 text=$4 token app id
  token=$(login $unit registrar)
  app=$(curl -sf -X POST $G/api/intake/applications -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "{
    \"channel\":\"InPerson\",\"arrivedAt\":\"${received}T09:00:00+08:00\",\"applicantName\":\"张三\",\"idType\":\"ResidentIdCard\",
    \"idNumber\":\"11010519491231002X\",\"phone\":\"13900000000\",\"address\":\"四川省成都市双流区东升街道棠湖路1号\",
    \"description\":\"$text\",\"requestedForm\":\"Paper\",\"deliveryRoute\":\"PickUp\"}" | json 'd["id"]')
  for _ in $(seq 60); do
    id=$(curl -sf "$G/api/workflow/cases?applicationId=$app" -H "Authorization: Bearer $token" | json 'd[0]["id"] if d else ""')
    [ -n "$id" ] && break; sleep 1
  done
  [ "$replied" = open ] || curl -sf -X POST $G/api/workflow/cases/$id/on-the-spot-reply -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' -d "{\"replyType\":\"Disclose\",\"outcome\":\"Disclosed\",\"reasons\":\"当场提供\",\"on\":\"$replied\"}" > /dev/null
}
case_of 510116-dsj "$FIRST" "$FIRST" "东升街道棠湖路房屋征收补偿安置方案"
case_of 510116-dsj "$FIRST" "$(day "$FIRST +9 day")" "东升街道老旧小区改造项目资金拨付文件"
case_of 510116-dsj "$(day "$FIRST -60 day")" "$LAST" "东升街道2025年度部门预算"
case_of 510116-xhg "$FIRST" "$(day "$FIRST +3 day")" "西航港街道义务教育学校招生划片方案"
case_of 510116-xhg "$(day "$FIRST +5 day")" "$(day "$FIRST +12 day")" "西航港街道社会救助低保审批名单"
case_of 510116-fgj "$(day "$FIRST +2 day")" "$(day "$FIRST +8 day")" "双流区重大建设项目立项批复"
case_of 510116-fgj "$(day "$FIRST -50 day")" open "双流区公共资源交易中标结果"

S=$(login 510116 supervisor)
# Indicators of every unit and the district's roll-up.
curl -sf "$G/api/publishing/supervision/district/indicators?period=$PERIOD" -H "Authorization: Bearer $S" \
  | json '"\n".join("%s: 收到 %d 办结 %d 按时率 %s 逾期未结 %d" % (u["unitName"], u["received"], u["closed"], u["onTimeRate"], u["overdueOpen"]) for u in d["units"])'
# A spot check of one closed case per unit; the first one reviewed with a finding.
CHECK=$(curl -sf -X POST $G/api/publishing/supervision/district/spot-checks -H "Authorization: Bearer $S" -H 'Content-Type: application/json' \
  -d "{\"period\":\"$PERIOD\",\"perUnit\":1}")
echo "$CHECK" | python3 -c '
import json, sys
d = json.load(sys.stdin); item = d["items"][0]
answers = [{"question": q, "passed": i != 7, "note": "未告知救济途径" if i == 7 else None} for i, q in enumerate(d["checklist"])]
print(json.dumps({"path": d["id"] + "/items/" + item["unitCode"] + "/" + item["id"], "body": {"answers": answers, "findings": "答复书未告知申请人复议和诉讼的途径及期限。"}}))' > /tmp/review.json
curl -sf -X PUT "$G/api/publishing/supervision/district/spot-checks/$(json 'd["path"]' < /tmp/review.json)" -H "Authorization: Bearer $S" \
  -H 'Content-Type: application/json' -d "$(json 'json.dumps(d["body"], ensure_ascii=False)' < /tmp/review.json)" > /dev/null
# Last month's 通报: draft, remarks, publication, and the PDF once Document has rendered it.
ID=$(curl -sf -X POST $G/api/publishing/supervision/district/bulletins -H "Authorization: Bearer $S" -H 'Content-Type: application/json' \
  -d "{\"period\":\"$PERIOD\"}" | json 'd["id"]')
curl -sf -X PUT $G/api/publishing/supervision/district/bulletins/$ID/remarks -H "Authorization: Bearer $S" -H 'Content-Type: application/json' \
  -d '{"remarks":"各单位要对照通报问题逐项整改，严格执行答复期限，答复书须告知救济途径。","units":{"510116-fgj":"存在逾期未办结申请，请立即办理并说明原因。"}}' > /dev/null
curl -sf -X POST $G/api/publishing/supervision/district/bulletins/$ID/publication -H "Authorization: Bearer $S" | json 'd["number"]'
for _ in $(seq 120); do
  curl -sf -o /tmp/bulletin.pdf $G/api/document/bulletins/$ID/pdf -H "Authorization: Bearer $S" && break; sleep 2
done
pdftoppm -png -r 70 -f 1 -l 1 -singlefile /tmp/bulletin.pdf "$(dirname "$0")/bulletin-example"
echo "saved $(dirname "$0")/bulletin-example.png"
