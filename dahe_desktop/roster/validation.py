"""Rules for one member's record, shared by the dialog, the importer and the demo."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields

from dahe_desktop import labels
from dahe_desktop.roster.idcard import (
    birth_date_from_id,
    id_number_error,
    normalize_id_number,
    sex_from_id,
)
from dahe_desktop.textnorm import (
    clean_multiline,
    clean_name,
    clean_phone,
    clean_text,
    formula_error,
    phone_error,
)

POSITION_MAX = 30  # printed on name cards and commitment postings
# Lengths at the door: printed on cards (QR codes hold the name and branch) and postings.
NAME_MAX = 20
BRANCH_MAX = 40
TEXT_MAX = {"ethnicity": 10, "education": 20, "membership": 10, "category": 20,
            "specialties": 100, "services": 300, "service_promise": 200}  # fmt: skip


@dataclass
class MemberData:
    """A member's editable fields as plain values (no database objects)."""

    name: str = ""
    sex: str = ""
    ethnicity: str = ""
    birth_date: dt.date | None = None
    id_number: str = ""
    education: str = ""
    joined_party: dt.date | None = None
    membership: str = "正式党员"
    branch_id: int | None = None
    phone: str = ""
    position: str = ""
    category: str = labels.DEFAULT_CATEGORY
    specialties: str = ""
    services: str = ""
    service_promise: str = ""
    version: int | None = None  # the version it was loaded at (None: a new record, or an import)

    def cleaned(self) -> MemberData:
        """A copy with text normalised (full-width digits, stray spaces, X upper case)."""
        data = MemberData(**{f.name: getattr(self, f.name) for f in fields(self)})
        data.name = clean_name(data.name)
        data.id_number = normalize_id_number(clean_text(data.id_number))
        data.phone = clean_phone(data.phone)
        for name in ("sex", "ethnicity", "education", "membership", "position", "category"):
            setattr(data, name, clean_text(getattr(data, name)))
        for name in ("specialties", "services", "service_promise"):
            setattr(data, name, clean_multiline(getattr(data, name)))
        if data.ethnicity and not data.ethnicity.endswith("族") and data.ethnicity + "族" in labels.ETHNIC_GROUPS:
            data.ethnicity += "族"
        if data.id_number and id_number_error(data.id_number) is None:
            data.birth_date = data.birth_date or birth_date_from_id(data.id_number)
            data.sex = data.sex or sex_from_id(data.id_number)
        return data


@dataclass
class Problems:
    """Field name -> Chinese message; empty when the record may be saved."""

    by_field: dict[str, str] = field(default_factory=dict)

    def add(self, name: str, message: str) -> None:
        self.by_field.setdefault(name, message)

    def __bool__(self) -> bool:
        return bool(self.by_field)

    def lines(self) -> list[str]:
        return [f"{labels.FIELD_LABELS.get(k, k)}：{v}" for k, v in self.by_field.items()]


def validate_member(data: MemberData, today: dt.date | None = None) -> Problems:
    """Check a cleaned record. Uniqueness of the ID number is the service's job."""
    today = today or dt.date.today()
    problems = Problems()
    if not data.name:
        problems.add("name", "请填写姓名")
    elif len(data.name) > NAME_MAX:
        problems.add("name", f"姓名过长（最多{NAME_MAX}个字）")
    for name in ("name", "position", *TEXT_MAX):
        value = getattr(data, name)
        if error := formula_error(value):
            problems.add(name, error)
        elif name in TEXT_MAX and len(value) > TEXT_MAX[name]:
            problems.add(name, f"过长（最多{TEXT_MAX[name]}个字，现为{len(value)}个字）")
    if data.sex not in labels.SEXES:
        problems.add("sex", "请选择性别（男或女）")
    if data.ethnicity not in labels.ETHNIC_GROUPS:
        problems.add("ethnicity", f"“{data.ethnicity}”不是民族名称，请填写如汉族、藏族" if data.ethnicity else "请填写民族")
    if data.education and data.education not in labels.EDUCATION_LEVELS:
        problems.add("education", f"文化程度应为：{'、'.join(labels.EDUCATION_LEVELS)}")
    if data.membership not in labels.MEMBERSHIPS:
        problems.add("membership", "党员类型应为正式党员或预备党员")
    if data.category not in labels.CATEGORIES:
        problems.add("category", f"人员类别应为：{'、'.join(labels.CATEGORIES)}")
    if data.branch_id is None:
        problems.add("branch", "请选择所在支部")
    if len(data.position) > POSITION_MAX:
        problems.add("position", f"职务过长（最多{POSITION_MAX}个字），请写简称，如“支部书记、村委会主任”")
    if error := phone_error(data.phone):
        problems.add("phone", error)
    if data.birth_date is None:
        problems.add("birth_date", "请填写出生日期")
    elif data.birth_date > today:
        problems.add("birth_date", "出生日期晚于今天")
    elif data.birth_date.year < 1900:
        problems.add("birth_date", "出生日期早于1900年")
    if data.joined_party is not None:
        if data.joined_party > today:
            problems.add("joined_party", "入党时间晚于今天")
        elif data.birth_date and data.joined_party < data.birth_date.replace(year=data.birth_date.year + 16, day=1):
            problems.add("joined_party", "入党时间早于年满16岁，请核对")
    if data.id_number:
        if error := id_number_error(data.id_number, today):
            problems.add("id_number", error)
        else:
            id_birth = birth_date_from_id(data.id_number)
            if data.birth_date and id_birth and (data.birth_date.year, data.birth_date.month) != (id_birth.year, id_birth.month):
                problems.add("birth_date", f"出生日期与身份证号（{id_birth:%Y-%m-%d}）不符")
            if data.sex in labels.SEXES and sex_from_id(data.id_number) != data.sex:
                problems.add("sex", f"性别与身份证号（{sex_from_id(data.id_number)}）不符")
    return problems
