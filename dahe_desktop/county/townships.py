"""The township's own row in its own file, kept in step with its settings.

A township's file holds one `Township` row: the name and 乡镇代码 from 乡镇设置. A branch
without a township in that file is the township's own (a branch added before the row
existed, or by a feature that does not know about townships); `own_township` attaches
such branches, so a package always says whose branches it carries.
"""

from __future__ import annotations

import re

from db import audit, changes, writing
from db.models import Branch, Township

CODE_PATTERN = re.compile(r"^[0-9A-Za-z]{1,20}$")


def code_problem(code: str) -> str | None:
    """Why a 乡镇代码 is refused (an empty one is allowed until a package is made)."""
    if code and not CODE_PATTERN.match(code):
        return "乡镇代码只能包含数字和字母（不超过20位），如行政区划代码 632523101 或县里给的代码"
    return None


def sync_own(old_code: str, code: str, name: str) -> Township:
    """Make the own row say `code` and `name` (called when 乡镇设置 is saved): the row
    under the old code is renamed, else the one under the new code, else the one without
    a code, else one is made.
    The row is part of the settings; branches are reported only when some were attached."""
    with writing(changes.SETTINGS):
        row = Township.get_or_none(Township.code == old_code)
        if row is None or (code != old_code and Township.get_or_none(Township.code == code) is not None):
            row = Township.get_or_none(Township.code == code)
        if row is None:  # the row an upgrade made before any code was saved
            row = Township.get_or_none(Township.code == "")
        if row is None:
            row = Township.get_by_id(audit.insert(Township, dict(code=code, name=name)))
        elif (row.code, row.name) != (code, name):
            audit.update(Township, dict(code=code, name=name), [row.id])
            row.code, row.name = code, name
        homeless = [b for (b,) in Branch.select(Branch.id).where(Branch.township.is_null()).tuples()]
        if homeless:
            with writing(changes.BRANCHES):
                audit.update(Branch, dict(township=row.id), homeless)
    return row


def own_township(code: str, name: str) -> Township:
    """The file's own township (made from the settings when missing), with every branch
    that has no township attached to it."""
    return sync_own(code, code, name)
