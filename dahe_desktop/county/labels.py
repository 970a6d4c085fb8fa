"""What the clerk reads about packages: field names and the choices for a conflict."""

from __future__ import annotations

KEEP_COUNTY = "county"
TAKE_TOWNSHIP = "township"
CHOICES = {KEEP_COUNTY: "保留县里的", TAKE_TOWNSHIP: "采用乡镇的"}

OWNER = "*"  # the conflict "this ID number belongs to another township's member"
REMOVED = "-"  # the conflict "the township removed a record the county has changed"
# Two values that differ only in what masking hides (a birth day, an ID number's middle):
# the member's edit dialog shows them whole.
MASKED_DIFFER = "（打码部分不同，请在党员编辑窗口核对）"

FIELDS = {
    "name": "名称/姓名", "kind": "类型", "village": "村", "sort_order": "排序", "secretary": "书记",
    "name_initials": "姓名首字母", "name_pinyin": "姓名拼音", "search_key": "检索词",
    "sex": "性别", "ethnicity": "民族", "birth_date": "出生日期", "id_number": "身份证号",
    "education": "学历", "joined_party": "入党时间", "membership": "党籍", "branch": "所在支部",
    "phone": "电话", "position": "职务", "category": "人员类别", "specialties": "特长",
    "services": "服务事项", "service_promise": "服务承诺", "status": "状态", "status_date": "状态日期",
    "status_note": "状态说明", "member": "党员", "year": "年度", "seq": "序号", "area": "承诺领域",
    "content": "承诺内容", "due_date": "完成时限", "quality": "质量要求", "status_reason": "撤回原因",
    "done_date": "完成日期", "verified_how": "核实方式", "verified_by": "核实人", "is_draft": "待确认",
    "carried_from": "结转自", "head": "户主", "settlement": "居住点", "people": "人口",
    "away_member": "外出党员", "notes": "备注", "note": "备注", "role": "身份",
    "max_households": "最多联系户数", "committee": "支委", "household": "农牧户", "helper": "帮扶人",
    "date_from": "开始日期", "date_to": "结束日期", "locked": "锁定", "candidates_fixed_on": "确定候选人日期",
    "tallied_on": "计票日期", "appointed_on": "确定岗位日期", "selection": "设岗定责", "seats": "名额",
    "opened_on": "设岗日期", "duties": "职责任务", "targets": "年度目标", "post": "岗位", "source": "产生方式",
    "reason": "理由", OWNER: "所属乡镇", REMOVED: "整条记录",
}  # fmt: skip


def field_label(name: str) -> str:
    return FIELDS.get(name, name)
