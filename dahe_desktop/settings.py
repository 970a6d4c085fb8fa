"""User settings: every option declared once here, with its default; values live in the
database (`Setting` rows, JSON), so they travel with the data file."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from dahe_desktop.county import townships
from dahe_desktop.errors import UserError
from dahe_desktop.textnorm import clean_text
from dahe_desktop.versions import refusing_stale, stale_error
from db import audit, changes, writing
from db.models import Setting


@dataclass(frozen=True)
class Option:
    key: str
    label: str
    default: Any


TOWNSHIP_NAME = Option("township.name", "乡镇名称", "大河乡")
COMMITTEE_NAME = Option("township.committee", "党委名称", "中共大河乡委员会")
SUPERVISION_PHONE = Option("township.supervision_phone", "监督电话", "")
# The 行政区划 code or the code the county gave the township: how the county knows whose
# package it is importing.
TOWNSHIP_CODE = Option("township.code", "乡镇代码", "")

CLERK_NAME = Option("township.clerk", "经办人", "")  # whose changes the audit log records

OPTIONS = {opt.key: opt for opt in (TOWNSHIP_NAME, COMMITTEE_NAME, SUPERVISION_PHONE, TOWNSHIP_CODE, CLERK_NAME)}


def register(option: Option) -> Option:
    """Declare an option from a feature module (e.g. the card design); keys are unique."""
    if option.key in OPTIONS and OPTIONS[option.key] != option:
        raise ValueError(f"option {option.key} declared twice")
    OPTIONS[option.key] = option
    return option


def get(option: Option) -> Any:
    row = Setting.get_or_none(Setting.key == option.key)
    return option.default if row is None else json.loads(row.value)


def versions(*options: Option) -> dict[str, int]:
    """The stored version of each option (0: not stored yet), read with the values a
    dialog shows, so its save can refuse to overwrite another clerk's change."""
    stored = dict(Setting.select(Setting.key, Setting.version).where(Setting.key.in_([o.key for o in options])).tuples())
    return {o.key: stored.get(o.key, 0) for o in options}


def put(option: Option, value: Any, expected_version: int | None = None) -> None:
    """Store one value (an upsert that SQLite 3.24+ and PostgreSQL both run). With the
    `expected_version` a dialog loaded (0: absent), another clerk's save since is
    refused (`audit.StaleWrite`, rolled back with the whole write)."""
    payload = json.dumps(value, ensure_ascii=False)
    with writing(changes.SETTINGS):
        before = Setting.get_or_none(Setting.key == option.key)
        current = before.version if before else 0
        if expected_version is not None and expected_version != current:
            raise audit.StaleWrite("setting", option.key, expected_version, current)
        if before is not None and expected_version is not None:
            if not Setting.update(value=payload).where((Setting.key == option.key)
                                                       & (Setting.version == expected_version)).execute():
                raise audit.StaleWrite("setting", option.key, expected_version, audit.version_of(Setting, option.key))
        else:
            Setting.insert(key=option.key, value=payload).on_conflict(
                conflict_target=[Setting.key], update={Setting.value: payload, Setting.version: Setting.version + 1}
            ).execute()
        audit.changed_many("setting", [(option.key, {"value": before.value if before else None}, {"value": payload},
                                        audit.version_of(Setting, option.key))])  # fmt: skip


class SettingsError(UserError, ValueError):
    """Settings refused; `lines` says what to do, one line per problem."""


_LANDLINE_OR_MOBILE = re.compile(r"^\d[\d-]{4,19}$")


TOWNSHIP_OPTIONS = (TOWNSHIP_NAME, COMMITTEE_NAME, SUPERVISION_PHONE, TOWNSHIP_CODE)


def save_township(
    name: str,
    committee: str,
    supervision_phone: str,
    code: str | None = None,
    *,
    loaded: dict[str, int] | None = None,
) -> None:
    """The township's facts printed on cards and postings, checked and saved together;
    the name and code (None: unchanged) also make the file's own township row.
    `loaded`: `versions(*TOWNSHIP_OPTIONS)` as the dialog opened; a save over another
    clerk's change is refused (`StaleRecordError`) and nothing is saved."""
    name, committee, phone = clean_text(name), clean_text(committee), clean_text(supervision_phone)
    old_code = get(TOWNSHIP_CODE)
    code = old_code if code is None else clean_text(code).replace(" ", "")
    problems = []
    if not name:
        problems.append("请填写乡镇名称")
    if not committee:
        problems.append("请填写党委名称（公示的发布单位）")
    if phone and not _LANDLINE_OR_MOBILE.match(phone.replace(" ", "")):
        problems.append("监督电话只能包含数字和“-”，如 0974-8591234")
    if townships.code_problem(code):
        problems.append(townships.code_problem(code))
    if problems:
        raise SettingsError(problems)
    loaded = loaded or {}
    with refusing_stale("设置"), writing(changes.SETTINGS):
        now = versions(*TOWNSHIP_OPTIONS)
        stale = [audit.StaleWrite("setting", key, loaded[key], now[key]) for key in now
                 if key in loaded and loaded[key] != now[key]]  # fmt: skip
        if stale:  # every setting changed since, named at once
            raise stale_error(stale, "设置")
        put(TOWNSHIP_NAME, name, loaded.get(TOWNSHIP_NAME.key))
        put(COMMITTEE_NAME, committee, loaded.get(COMMITTEE_NAME.key))
        put(SUPERVISION_PHONE, phone.replace(" ", ""), loaded.get(SUPERVISION_PHONE.key))
        put(TOWNSHIP_CODE, code, loaded.get(TOWNSHIP_CODE.key))
        townships.sync_own(old_code, code, name)
