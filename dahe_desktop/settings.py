"""User settings: every option declared once here, with its default; values live in the
database (`Setting` rows, JSON), so they travel with the data file."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from db.models import Setting


@dataclass(frozen=True)
class Option:
    key: str
    label: str
    default: Any


TOWNSHIP_NAME = Option("township.name", "乡镇名称", "大河乡")
COMMITTEE_NAME = Option("township.committee", "党委名称", "中共大河乡委员会")
SUPERVISION_PHONE = Option("township.supervision_phone", "监督电话", "")

OPTIONS = {opt.key: opt for opt in (TOWNSHIP_NAME, COMMITTEE_NAME, SUPERVISION_PHONE)}


def register(option: Option) -> Option:
    """Declare an option from a feature module (e.g. the card design); keys are unique."""
    if option.key in OPTIONS and OPTIONS[option.key] != option:
        raise ValueError(f"option {option.key} declared twice")
    OPTIONS[option.key] = option
    return option


def get(option: Option) -> Any:
    row = Setting.get_or_none(Setting.key == option.key)
    return option.default if row is None else json.loads(row.value)


def put(option: Option, value: Any) -> None:
    payload = json.dumps(value, ensure_ascii=False)
    Setting.insert(key=option.key, value=payload).on_conflict_replace().execute()
