"""Importing a roster (花名册) from a village's spreadsheet: preview first, then apply.

The preview checks every row with the same rules as the member dialog
(`MemberData.cleaned`, `check_member`) and lists each bad row by the number Excel shows.
A member already on file (the same ID number) is updated where the file says something
new (`updates.py`); summary rows (合计：6人) are skipped. Applying writes in one
transaction: all rows, or only the good ones when the clerk says so.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
from collections import defaultdict
from collections.abc import Callable
from contextlib import closing
from dataclasses import replace
from pathlib import Path

from peewee import IntegrityError, chunked

from dahe_desktop import labels
from dahe_desktop.dates import DateError, parse_date
from dahe_desktop.importing import columns as col
from dahe_desktop.importing.roster_records import (
    BadRow,
    GoodRow,
    ImportPreview,
    ImportRefused,
    ImportResult,
    KnownRow,
    NewBranch,
)
from dahe_desktop.importing.tables import ImportFileError, SheetRows, read_sheets
from dahe_desktop.importing.updates import (
    StoredMember,
    cell_readings,
    field_changes,
    merged,
    stored_by_id_number,
    summary_row_text,
)
from dahe_desktop.roster.idcard import birth_date_from_id, id_number_error, normalize_id_number
from dahe_desktop.roster.service import (
    RosterSnapshot,
    ValidationError,
    add_branches,
    check_member,
    member_row_values,
    roster_snapshot,
)
from dahe_desktop.roster.validation import BRANCH_MAX, MemberData, Problems
from dahe_desktop.safety.backups import backup_before
from dahe_desktop.textnorm import clean_name, clean_text, formula_error
from db import audit, changes, writing
from db.bulk import insert_prepared_returning_ids
from db.connection import database
from db.models import Branch, Member

_TEXT_FIELDS = ("sex", "ethnicity", "education", "membership", "phone", "position",
                "category", "specialties", "services", "service_promise")  # fmt: skip
_LOOKUP_CHUNK = 500  # ids per IN (...): far below SQLite's and PostgreSQL's limits


def _cycle_collector_paused(function: Callable) -> Callable:
    """Reading and checking 10,000 rows allocates millions of objects, none in cycles
    (refcounting frees them); Python's cycle collector would walk all of them again
    and again meanwhile, a fifth of the import. Paused for the call, then restored."""

    @functools.wraps(function)
    def paused(*args, **kwargs):
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()

    return paused


@_cycle_collector_paused
def preview_roster_import(
    path: str | Path,
    *,
    today: dt.date | None = None,
    progress: Callable[[int, int], None] | None = None,
    mapping: dict[str, str] | None = None,
) -> ImportPreview:
    """Read and check a roster file without writing anything. `mapping` names the field
    of headers the program does not know (header as written -> field; '' ignores it).
    Raises ImportFileError when the file cannot be read or has no recognisable header."""
    sheet, header_row, columns, header_cells = _find_table(path, mapping or {})
    today = today or dt.date.today()  # one date for every row, asked once
    good: list[GoodRow] = []
    bad: list[BadRow] = []
    summary_rows: list[tuple[int, str]] = []
    rows = [(n, cells) for n, cells in sheet.rows if n > header_row]
    checked: list[tuple[str, GoodRow | BadRow]] = []
    # One read transaction: every row is checked against the same state of the roster.
    with database.atomic():
        existing = {name: bid for bid, name in Branch.select(Branch.id, Branch.name).tuples()}
        snapshot = roster_snapshot()  # two queries for the file, not two per row
        id_column = columns.get("id_number")
        on_file = stored_by_id_number([  # only the numbers the snapshot says are on file
            number for _, c in rows if id_column is not None and id_column < len(c)
            if (number := normalize_id_number(clean_text(c[id_column]))) in snapshot.id_holders
        ])  # fmt: skip
        for done, (number, cells) in enumerate(rows, start=1):
            if progress is not None and done % 200 == 0:
                progress(done, len(rows))
            values = {f: cells[i] if i < len(cells) else None for f, i in columns.items()}
            summary = summary_row_text(cells)
            if summary is not None:
                summary_rows.append((number, summary))
                continue
            if not any(clean_text(v) for v in values.values()):
                continue
            id_number, row = _check_row(number, values, existing, today, on_file, snapshot)
            if isinstance(row, BadRow):
                row.cells = list(cells)
            checked.append((id_number, row))
    for row in _mark_duplicates_in_file(checked):
        (good if isinstance(row, GoodRow) else bad).append(row)
    good, already, twice = _match_people_without_id(good)
    bad.extend(twice)
    per_branch: dict[str, int] = defaultdict(int)
    for row in good:
        if row.data.branch_id is None:
            per_branch[row.branch_name] += 1
    new_branches = [NewBranch(n, col.guess_branch_kind(n), c) for n, c in per_branch.items()]
    return ImportPreview(
        path=str(path),
        sheet=sheet.name,
        header_row=header_row,
        columns={f: clean_text(header_cells[i]) for f, i in columns.items()},
        ignored_headers=[
            clean_text(c)
            for i, c in enumerate(header_cells)
            if clean_text(c) and i not in columns.values()
        ],
        good=good,
        bad=sorted(bad, key=lambda b: b.row),
        new_branches=new_branches,
        encoding=sheet.encoding,
        header_cells=[clean_text(c) for c in header_cells],
        summary_rows=summary_rows,
        already=already,
    )


@_cycle_collector_paused
def apply_roster_import(
    preview: ImportPreview, *, skip_invalid: bool = False, create_branches: bool = True
) -> ImportResult:
    """Write the previewed rows in one transaction: nothing is written when it fails.
    Bad rows refuse the import unless `skip_invalid`; new branches need `create_branches`."""
    if preview.bad and not skip_invalid:
        raise ImportRefused(
            f"有{len(preview.bad)}行有误，未导入任何数据；请改正后重新导入，或选择只导入无误的行"
        )
    if preview.new_branches and not create_branches:
        names = "、".join(b.name for b in preview.new_branches)
        raise ImportRefused(f"文件中的支部“{names}”尚不存在，请确认新建后再导入")
    if not preview.new_rows and not preview.changed_rows:
        if preview.already and not preview.unchanged:
            raise ImportRefused(f"文件中的{len(preview.already)}人都已在花名册中，没有需要导入的行")
        raise ImportRefused(
            f"文件中的{preview.unchanged}名党员与花名册一致，没有需要导入或更新的内容"
            if preview.unchanged else "没有可导入的行"
        )
    backup_before("import")
    try:
        with writing(changes.MEMBERS, changes.BRANCHES):
            branch_ids = {name: bid for bid, name in Branch.select(Branch.id, Branch.name).tuples()}
            branch_ids.update(add_branches([(b.name, b.kind) for b in preview.new_branches if b.name not in branch_ids]))
            rows = [_row_values(good, branch_ids) for good in preview.new_rows]
            new_ids = insert_prepared_returning_ids(Member, rows)  # one prepared INSERT run for every row
            changed_ids = [good.member_id for good in preview.changed_rows]
            audit.update_each(Member, [(g.member_id, _row_values(g, branch_ids)) for g in preview.changed_rows])
            if changed_ids:  # a secretary moved to another branch no longer leads the old one
                _release_moved_secretaries({g.member_id: _branch_of(g, branch_ids) for g in preview.changed_rows})
            audit.created_many(Member, [(mid, {"name": row["name"]}) for mid, row in zip(new_ids, rows, strict=True)])
    except IntegrityError:
        raise ImportRefused(
            "预览之后花名册已有变化（身份证号重复），未导入任何数据，请重新预览"
        ) from None
    except ValidationError as error:  # a new branch was refused: nothing is kept
        raise ImportRefused(f"无法新建支部（{'；'.join(error.lines)}），未导入任何数据") from None
    return ImportResult(
        imported=len(rows), skipped=len(preview.bad), new_branches=list(preview.new_branches),
        updated=len(changed_ids), member_ids=new_ids + changed_ids,
    )  # fmt: skip


def _release_moved_secretaries(new_branch: dict[int, int]) -> None:
    """Branches whose secretary (member id -> the branch the member is now in) moved
    away lose that secretary: one look-up and one update per batch, not one per row."""
    for batch in chunked(list(new_branch), _LOOKUP_CHUNK):
        led = Branch.select(Branch.id, Branch.secretary).where(Branch.secretary.in_(batch)).tuples()
        left = [bid for bid, secretary in led if new_branch[secretary] != bid]
        if left:
            audit.update(Branch, {"secretary": None}, left)


def _branch_of(good: GoodRow, branch_ids: dict[str, int]) -> int:
    return good.data.branch_id or branch_ids[good.branch_name]


def _row_values(good: GoodRow, branch_ids: dict[str, int]) -> dict:
    data = replace(good.data, branch_id=_branch_of(good, branch_ids))
    values = member_row_values(data)
    values.update(status=good.status, status_date=good.status_date)
    return values


# ---- reading ---------------------------------------------------------------------


def _find_table(path: str | Path, mapping: dict[str, str]) -> tuple[SheetRows, int, dict[str, int], list[object]]:
    """The first sheet with a header row, that row's number, field -> column, its cells."""
    seen_any = False
    with closing(read_sheets(path)) as sheets:  # closes the workbook at once
        for sheet in sheets:
            seen_any = seen_any or bool(sheet.rows)
            for number, cells in sheet.rows[: col.HEADER_SEARCH_ROWS]:
                columns = col.map_header(cells, mapping)
                if col.looks_like_header(columns):
                    return sheet, number, columns, cells
    if not seen_any:
        raise ImportFileError("文件中没有数据")
    raise ImportFileError("找不到表头行：表格前几行中应有“姓名”“性别”“身份证号”“所在支部”等列名")


def _check_row(
    number: int, values: dict[str, object], branches: dict[str, int], today: dt.date | None,
    on_file: dict[str, StoredMember] | None = None, snapshot: RosterSnapshot | None = None,
) -> tuple[str, GoodRow | BadRow]:
    """One row through the dialog's rules; file-only problems (dates, status) added first.
    A row whose ID number is on file updates that member: its empty cells keep what is on
    file. Returns the row's ID number too, for the same-ID-twice check across the file."""
    early = Problems()
    dates: dict[str, dt.date | None] = {}
    for name in ("birth_date", "joined_party", "status_date"):
        try:
            dates[name] = parse_date(_date_cell(values.get(name)))
        except DateError as error:
            early.add(name, str(error))
            dates[name] = None
    id_number, id_problem = _id_cell(values.get("id_number"))
    if id_problem:
        early.add("id_number", id_problem)
    text = {name: _text_cell(values.get(name)) for name in _TEXT_FIELDS}
    text["education"] = col.normalize_word(clean_text(text["education"]), col.EDUCATION_ALIASES)
    text["sex"] = col.normalize_word(clean_text(text["sex"]), col.SEX_ALIASES)
    text["membership"] = col.normalize_word(clean_text(text["membership"]), col.MEMBERSHIP_ALIASES)
    text["category"] = col.normalize_word(clean_text(text["category"]), col.CATEGORY_ALIASES)
    stored = (on_file or {}).get(normalize_id_number(clean_text(id_number))) if not id_problem else None
    status = col.normalize_word(clean_text(values.get("status")), col.STATUS_ALIASES) or (
        stored.status if stored else labels.STATUS_ACTIVE
    )
    if status not in labels.STATUSES:
        early.add("status", f"状态应为：{'、'.join(labels.STATUSES)}")
    branch_name = _known_branch_name(clean_name(values.get("branch")), branches)
    birth_date = _full_birth_date(dates["birth_date"], id_number)
    data = MemberData(
        name=_text_cell(values.get("name")),
        birth_date=birth_date,
        joined_party=dates["joined_party"],
        id_number="" if id_problem else id_number,
        branch_id=branches.get(branch_name),
        **text,
    )
    if stored is not None and data.name and clean_name(data.name) != stored.data.name:
        # The same ID under another name is more often a mistyped ID than a new name.
        early.add("id_number", f"该身份证号已登记在“{stored.data.name}”名下，与本行姓名不同，请核对身份证号"
                  "（如确是改名，请在花名册中修改姓名）")  # fmt: skip
        stored = None
    if stored is not None:
        data = merged(stored.data, data, set(values))
        branch_name = branch_name or stored.branch_name
    data.membership = data.membership or "正式党员"
    data.category = data.category or labels.DEFAULT_CATEGORY
    data, problems = check_member(data, stored.id if stored else None, today=today, snapshot=snapshot)
    if branch_name and data.branch_id is None:
        problems.by_field.pop("branch", None)  # a new branch, created on import
    elif not branch_name:
        problems.by_field["branch"] = "请填写所在支部"
    if len(branch_name) > BRANCH_MAX:
        problems.by_field["branch"] = f"支部名称过长（最多{BRANCH_MAX}个字，现为{len(branch_name)}个字）"
    elif branch_name and (error := formula_error(branch_name)):
        problems.by_field["branch"] = error
    for name, message in problems.by_field.items():
        early.add(name, message)
    if early:
        return data.id_number, BadRow(number, data.name, _reasons(early))
    status_date = dates["status_date"] if status != labels.STATUS_ACTIVE else None
    row = GoodRow(number, data, branch_name, status, status_date, readings=cell_readings(values, data, branch_name))
    if stored is not None:
        row.member_id = stored.id
        row.changes = field_changes(stored, data, branch_name, status)
    return data.id_number, row


def _date_cell(value: object) -> object:
    """1985.03 typed into a number cell arrives as the float 1985.03 (and 1985.10 as
    1985.1): read it as year.month with two digits, the way it was typed."""
    if isinstance(value, float) and 1900 < value < 2100 and not value.is_integer():
        return f"{value:.2f}"
    return value


def _known_branch_name(name: str, branches: dict[str, int]) -> str:
    """Villages often write just 新庄村 or 中共新庄村支部委员会 for 新庄村党支部. An
    unknown branch gets its full form, so two spellings in one file make one branch."""
    if not name or name in branches:
        return name
    short = name.removeprefix("中共")
    for candidate in (
        short,
        name + "党支部",
        short + "党支部",
        short.replace("支部委员会", "党支部"),
    ):
        if candidate in branches:
            return candidate
    full = short.replace("支部委员会", "党支部")
    return full if full.endswith("支部") else full + "党支部"


def _full_birth_date(birth: dt.date | None, id_number: str) -> dt.date | None:
    """Rosters often give only 1985.03; the valid ID number in the same row has the day."""
    if birth is None or birth.day != 1:
        return birth
    number = normalize_id_number(clean_text(id_number))
    if id_number_error(number) is not None:
        return birth
    from_id = birth_date_from_id(number)
    if from_id and (from_id.year, from_id.month) == (birth.year, birth.month):
        return from_id
    return birth


def _text_cell(value: object) -> str:
    """Numbers typed into text columns (phones) arrive as 13912345678 or 13912345678.0."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime | dt.date):
        return f"{value:%Y-%m-%d}"
    return "" if value is None else str(value)


def _id_cell(value: object) -> tuple[str, str | None]:
    """An ID number cell; numbers stored as Excel numbers have lost their last digits."""
    if value is None:
        return "", None
    if isinstance(value, int | float) and not isinstance(value, bool):
        digits = str(int(value))
        if len(digits) > 15:
            return digits, "身份证号被保存为数字，后几位已丢失，请把该列设为文本后重新填写"
        return digits, None
    text = clean_text(value)
    if "*" in text:
        return text, "身份证号已打码，无法导入（导出时请勾选包含身份证号）"
    return text, None


def _reasons(problems: Problems) -> list[str]:
    """Chinese reasons; the column name is said unless the message already says it."""
    reasons = []
    for name, message in problems.by_field.items():
        label = labels.FIELD_LABELS.get(name, name)
        reasons.append(message if label in message else f"{label}：{message}")
    return reasons


def _mark_duplicates_in_file(checked: list[tuple[str, GoodRow | BadRow]]) -> list[GoodRow | BadRow]:
    """The same ID number twice in one file is an error for every row that carries it,
    good or already bad: which of them is the right person is for the clerk to decide."""
    by_id: dict[str, list[int]] = defaultdict(list)
    for id_number, row in checked:
        if id_number:
            by_id[id_number].append(row.row)
    result: list[GoodRow | BadRow] = []
    for id_number, row in checked:
        rows = by_id.get(id_number, [])
        if len(rows) < 2:
            result.append(row)
            continue
        others = "、".join(f"第{n}行" for n in rows if n != row.row)
        reason = f"身份证号与{others}重复（同一人出现两次？）"
        if isinstance(row, BadRow):
            row.reasons.append(reason)
            result.append(row)
        else:
            result.append(BadRow(row.row, row.data.name, [reason]))
    return result


def _match_people_without_id(good: list[GoodRow]) -> tuple[list[GoodRow], list[KnownRow], list[BadRow]]:
    """Rows without an ID number are matched by name + birth date + branch: against the
    roster (a second import of the same file adds no one twice) and within the file."""
    known = {
        (name, birth, branch): member_id
        for member_id, name, birth, branch in Member.select(
            Member.id, Member.name, Member.birth_date, Member.branch
        )
        .where(Member.id_number.is_null())
        .tuples()
    }
    kept: list[GoodRow] = []
    already: list[KnownRow] = []
    twice: list[BadRow] = []
    first_row: dict[tuple, int] = {}
    for row in good:
        if row.data.id_number:
            kept.append(row)
            continue
        key = (row.data.name, row.data.birth_date, row.data.branch_id)
        if row.data.branch_id is not None and key in known:
            already.append(KnownRow(row.row, row.data.name, known[key]))
            continue
        file_key = (row.data.name, row.data.birth_date, row.branch_name)
        if file_key in first_row:
            twice.append(BadRow(row.row, row.data.name, [
                f"与第{first_row[file_key]}行的姓名、出生日期、支部都相同且都没有身份证号（同一人出现两次？）"
            ]))  # fmt: skip
            continue
        first_row[file_key] = row.row
        kept.append(row)
    return kept, already, twice
