"""The score-sheet template as an `.xlsx` workbook (one worksheet per category, a block of
rows per rater), and importing it once filled: every bad cell is named by worksheet, row
and item, and nothing is written unless the whole file is right."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dahe_desktop.appraisal import labels
from dahe_desktop.appraisal.entry import PASSES, appraised_subjects, parse_cell, save_sheets
from dahe_desktop.appraisal.records import AppraisalError
from dahe_desktop.appraisal.runs import editable_run, list_raters, run_info
from dahe_desktop.audit.viewing import FRAIL, frail_appraised_exported
from dahe_desktop.exporting.cells import append_row
from dahe_desktop.importing.tables import read_sheets
from dahe_desktop.safety.backups import backup_before
from dahe_desktop.safety.outputs import safe_output
from dahe_desktop.textnorm import clean_name, clean_text

FIXED_HEADERS = ("评议人类别", "评议人编号", "评议人", "序号", "党员姓名")
HEADER_ROW = 2  # row 1 is the title
MAX_LINES = 60  # a file wrong everywhere: the first problems, then how many more


class ScoreImportError(AppraisalError):
    """A filled template refused; each line names a worksheet, row and item."""


@dataclass
class ImportSummary:
    sheets: int
    rows: int
    cells: int


def export_template(run_id: int, path: str | Path) -> int:
    """Write the template for every rater and category; returns the rows written."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    run = run_info(run_id)
    raters = list_raters(run_id)
    book = Workbook()
    book.remove(book.active)
    count = 0
    for category, rubric in run.rubrics.items():
        subjects = appraised_subjects(run_id, category)
        if not subjects:
            continue
        sheet = book.create_sheet(category)
        items = rubric.rated_items
        append_row(sheet, [f"{run.branch_name}{run.year}年党员考核评议评分录入表（{category}）"])
        append_row(sheet, [*FIXED_HEADERS, *(i.heading for i in items)])
        for cell in sheet[HEADER_ROW]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDEBF7")
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        for rater in raters:
            for number, s in enumerate(subjects, start=1):  # numbered as on the printed sheet
                append_row(sheet, [rater.group, rater.seq, rater.name, number, s["name"]])
                count += 1
        sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=len(FIXED_HEADERS) + 1)
        for col, width in enumerate((10, 10, 10, 6, 10, *([12] * len(items))), start=1):
            sheet.column_dimensions[get_column_letter(col)].width = width
        sheet.row_dimensions[HEADER_ROW].height = 48
    if not book.worksheets:
        raise AppraisalError("没有参加考核评议的党员，无法导出评分表")
    with safe_output(path) as temp:  # beside and renamed: never onto the data file, a kill leaves the old one
        book.save(str(temp))
        # A worksheet per category names who is appraised as 老病残党员: who took it out is logged.
        frail_appraised_exported([s["member"] for s in appraised_subjects(run_id, FRAIL)] if FRAIL in run.rubrics else [])
    return count


def import_scores(run_id: int, path: str | Path, pass_no: int = 1) -> ImportSummary:
    """Read a filled template into one pass; refuses the whole file naming every bad cell."""
    if pass_no not in PASSES:
        raise ValueError(pass_no)
    run = run_info(run_id)
    editable_run(run_id, labels.SCORING)
    raters = {(r.group, r.seq): r for r in list_raters(run_id)}
    lines: list[str] = []
    writes: dict[tuple[int, str], dict[int, list[int | None]]] = {}
    sheets = rows_read = cells = 0
    for table in read_sheets(path):
        category = clean_text(table.name)
        if category not in run.rubrics:
            lines.append(f"工作表“{table.name}”不是考核类别（应为{'、'.join(labels.CATEGORIES)}），请使用本程序导出的模板")
            continue
        items = run.rubrics[category].rated_items
        subjects = dict(enumerate(appraised_subjects(run_id, category), start=1))
        header = next((cells_ for number, cells_ in table.rows if number == HEADER_ROW), None)
        expected = [clean_text(h) for h in (*FIXED_HEADERS, *(i.heading for i in items))]
        got = [clean_text(v) for v in (header or [])][: len(expected)]
        if got != expected:
            lines.append(f"工作表“{category}”第{HEADER_ROW}行的表头与本次考核评议的评分项目不一致，请重新导出模板")
            continue
        sheets += 1
        for number, values in table.rows:
            if number <= HEADER_ROW:
                continue
            values = list(values) + [None] * (len(expected) - len(values))
            where = f"工作表“{category}”第{number}行"
            group, seq, rater_name, subject_seq, member_name = values[:5]
            rater = raters.get((clean_text(group), _int(seq)))
            if rater is None or clean_name(rater_name) != rater.name:
                lines.append(f"{where}：评议人“{clean_text(group)}{clean_text(seq)}号 {clean_text(rater_name)}”不在本次评议人名单中")
                continue
            subject = subjects.get(_int(subject_seq))
            if subject is None or clean_name(member_name) != subject["name"]:
                lines.append(f"{where}：序号{clean_text(subject_seq)}“{clean_text(member_name)}”不是本表的考核对象")
                continue
            parsed = []
            for item, raw in zip(items, values[5 : 5 + len(items)], strict=True):
                value, problem = parse_cell(raw, item)
                if problem:
                    lines.append(f"{where}“{item.heading}”：{problem}")
                parsed.append(value)
            if all(v is None for v in parsed):
                continue  # a row not filled in: leave what is entered
            rows_read += 1
            cells += sum(v is not None for v in parsed)
            writes.setdefault((rater.id, category), {})[subject["id"]] = parsed
    if not sheets and not lines:
        lines.append("文件中没有评分表，请使用本程序导出的模板")
    if lines:
        more = len(lines) - MAX_LINES
        raise ScoreImportError(lines[:MAX_LINES] + ([f"……另有{more}处问题"] if more > 0 else []))
    backup_before("scores")  # a whole pass of a branch's scores at once: keep the file before it
    save_sheets(run_id, pass_no, writes)
    return ImportSummary(sheets, rows_read, cells)


def _int(value: object) -> int | None:
    text = clean_text(value)
    if text.endswith(".0"):
        text = text[:-2]
    return int(text) if text.isdecimal() else None  # isdigit() holds for ፩, which int() refuses
