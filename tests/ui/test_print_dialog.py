"""打印党员名片 as the clerk uses it: choose whom, see the real PDF, save it (which logs
the print), the error for a character no font has, cancelling, and the design dialog."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from PySide6.QtWidgets import QDialog

from dahe_desktop.namecards.design import load_design
from db.models import CardPrint, Member
from tests.helpers.roster import small_roster
from ui.namecards.design_dialog import CardDesignDialog
from ui.namecards.print_dialog import NameCardPrintDialog


@pytest.fixture
def ids(db):
    return small_roster()


def blocked_work(what: str):
    """A stand-in for a core job that waits for `gate`, then reports progress; `reached`
    records every step it got past (a cancelled job must stop at its first report);
    `entered` is set once the job has started, so a cancel test cannot pass vacuously."""
    gate, reached, entered = threading.Event(), [], threading.Event()

    def work(*_args, progress, cancelled, **_kwargs):
        entered.set()
        gate.wait(5)
        for i in range(100):
            progress(i + 1, 100)
            reached.append(i)
        raise AssertionError(f"a cancelled {what} went on")

    work.entered = entered
    return work, gate, reached


def open_dialog(qtbot, selected: list[int]) -> NameCardPrintDialog:
    dialog = NameCardPrintDialog(selected)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    return dialog


def test_selected_members_are_previewed_and_saving_logs_the_print(qtbot, ids, tmp_path):
    dialog = open_dialog(qtbot, [ids["卓玛才让"], ids["马福祥"]])
    assert dialog.scope_selected.isChecked()
    assert "共2张名片，2页" in dialog.status.text()
    assert dialog.preview.page_count() == 2
    assert dialog.save_button.isEnabled() and dialog.print_button.isEnabled()
    out = tmp_path / "cards.pdf"
    dialog.save_to(out)
    assert out.exists()
    assert sorted(p.member_id for p in CardPrint.select()) == sorted(
        [ids["卓玛才让"], ids["马福祥"]]
    )


def test_changing_the_choices_renders_again(qtbot, ids):
    dialog = open_dialog(qtbot, [])
    assert not dialog.scope_selected.isEnabled() and dialog.scope_all.isChecked()
    assert "共5张名片" in dialog.status.text()
    with qtbot.waitSignal(dialog.rendered, timeout=10_000):
        dialog.scope_branch.setChecked(True)
        dialog.branch.setCurrentIndex(dialog.branch.findData(ids["乡机关党支部"]))
    assert "共1张名片" in dialog.status.text()
    with qtbot.waitSignal(dialog.rendered, timeout=10_000):
        dialog.per_page.setCurrentIndex(2)  # one card per page
    assert dialog.preview.page_count() == 2  # front and back of the one card
    assert not dialog.start.isEnabled()


def test_a_character_no_font_has_is_shown_and_nothing_can_be_saved(qtbot, ids):
    Member.update(name="王𪚥明").where(Member.id == ids["马福祥"]).execute()
    dialog = open_dialog(qtbot, [])
    assert "王𪚥明" in dialog.status.text() and "𪚥" in dialog.status.text()
    assert not dialog.save_button.isEnabled() and not dialog.print_button.isEnabled()


def test_cancelling_a_render(qtbot, ids):
    dialog = open_dialog(qtbot, [])
    with qtbot.waitSignal(dialog.rendered, timeout=10_000):
        dialog.render_preview()
        dialog.cancel_render()
    qtbot.wait(300)  # a render that finished anyway must not show up
    assert "已取消" in dialog.status.text() and "共5张" not in dialog.status.text()
    assert not dialog.busy and dialog.render_result is None
    assert not dialog.save_button.isEnabled() and not dialog.cancel_button.isVisible()
    assert dialog.preview.page_count() == 0


def test_the_progress_bar_follows_the_render(qtbot, ids):
    dialog = open_dialog(qtbot, [])
    assert dialog.progress.value() == 100  # every page was reported before the result
    assert dialog.progress.isHidden() and dialog.cancel_button.isHidden()


def test_cancelling_stops_the_render_itself(qtbot, ids, monkeypatch):
    import ui.namecards.print_dialog as name_card_dialog
    from ui.background import wait_for_background

    dialog = open_dialog(qtbot, [])
    slow, gate, reached = blocked_work("render")

    monkeypatch.setattr(name_card_dialog, "print_name_cards", slow)
    dialog.render_preview()
    assert not dialog.cancel_button.isHidden() and dialog.busy
    dialog.cancel_button.click()
    gate.set()
    wait_for_background()
    qtbot.wait(100)  # whatever the worker left behind is delivered now, and ignored
    assert slow.entered.is_set() and reached == []  # started, then stopped at its first report
    assert "已取消" in dialog.status.text() and not dialog.busy
    monkeypatch.undo()
    with qtbot.waitSignal(dialog.rendered, timeout=10_000):
        dialog.render_preview()
    assert "共5张名片" in dialog.status.text()


def test_a_stale_render_never_replaces_a_newer_preview(qtbot, ids, monkeypatch):
    import ui.namecards.print_dialog as name_card_dialog
    from dahe_desktop.printing.document import PrintResult
    from ui.background import wait_for_background

    dialog = open_dialog(qtbot, [])
    real, gate = name_card_dialog.print_name_cards, threading.Event()
    calls = []

    def first_one_slow(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:  # deaf to cancelling: finishes late with its own result
            gate.wait(5)
            return PrintResult(documents=99, pages=20)
        return real(*args, **kwargs)

    monkeypatch.setattr(name_card_dialog, "print_name_cards", first_one_slow)
    dialog.render_preview()
    with qtbot.waitSignal(dialog.rendered, timeout=10_000):
        dialog.per_page.setCurrentIndex(2)  # a newer request
    gate.set()
    wait_for_background()
    qtbot.wait(100)
    assert "共5张名片，10页" in dialog.status.text() and "99" not in dialog.status.text()
    assert dialog.render_result.documents == 5 and dialog.preview.page_count() == 10


def locked_file(monkeypatch):
    """Saving meets a file another program holds open (a PDF viewer on Windows)."""
    import ui.printing.dialog as dialog_module

    def refused(_source, target):
        raise PermissionError(13, "Permission denied", str(target))

    monkeypatch.setattr(dialog_module, "copy_into_place", refused)


def test_a_file_that_cannot_be_written_is_reported_and_nothing_logged(qtbot, ids, tmp_path, monkeypatch):
    dialog = open_dialog(qtbot, [ids["马福祥"]])
    dialog.save_to(tmp_path)  # a folder: refused before anything is written
    assert "这是一个文件夹" in dialog.status.text() and str(tmp_path) in dialog.status.text()
    locked_file(monkeypatch)
    dialog.save_to(tmp_path / "cards.pdf")
    assert "无法保存" in dialog.status.text() and "cards.pdf" in dialog.status.text()
    assert "关闭正在打开此文件的程序后重试" in dialog.status.text()
    assert CardPrint.select().count() == 0


def test_the_data_file_is_never_overwritten_by_a_save(qtbot, ids, db):
    from db.connection import database_file

    dialog = open_dialog(qtbot, [ids["马福祥"]])
    before = database_file().read_bytes()
    dialog.save_to(database_file())
    assert "这是程序的数据文件" in dialog.status.text()
    assert database_file().read_bytes() == before


def test_an_unexpected_error_ends_the_wait(qtbot, ids, monkeypatch):
    import ui.namecards.print_dialog as name_card_dialog

    def broken(*_args, **_kwargs):
        raise ValueError("database is locked")

    monkeypatch.setattr(name_card_dialog, "print_name_cards", broken)
    dialog = open_dialog(qtbot, [])
    assert "生成名片时出错" in dialog.status.text() and "database is locked" in dialog.status.text()
    assert not dialog.save_button.isEnabled()


def test_printing_sends_vector_pages(qtbot, ids, tmp_path):
    from pypdf import PdfReader
    from PySide6.QtPrintSupport import QPrinter

    dialog = open_dialog(qtbot, [ids["卓玛才让"], ids["马福祥"]])
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "spool.pdf"
    printer.setOutputFileName(str(out))
    assert dialog.print_cards(printer=printer)
    pages = PdfReader(out).pages
    assert len(pages) == 2  # fronts, then backs
    text = pages[0].extract_text().replace(" ", "")
    assert "卓玛才让" in text and "马福祥" in text  # text, not a picture of text
    assert out.stat().st_size < 300_000


def test_cancelling_a_print_while_its_pages_are_sent(qtbot, ids, tmp_path, monkeypatch):
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QProgressDialog

    dialog = open_dialog(qtbot, [ids["马福祥"]])
    assert dialog.render_result.pages == 2
    sent: list[int] = []

    def cancel_after_first_page(done: int) -> bool:
        sent.append(done)
        dialog.findChild(QProgressDialog).cancel()
        return True

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "spool.pdf"))
    import ui.printing.dialog as dialog_module

    real = dialog_module.print_pages

    def watched(pages, device, *, on_page, **options):
        return real(pages, device, on_page=lambda done: cancel_after_first_page(done) and on_page(done), **options)

    monkeypatch.setattr(dialog_module, "print_pages", watched)
    assert not dialog.print_cards(printer=printer)
    assert sent == [1]  # the first page went, then the clerk cancelled
    assert "已送打印机" not in dialog.status.text() and "已取消打印" in dialog.status.text()
    assert CardPrint.select().count() == 0
    assert dialog.print_button.isEnabled()  # can be tried again


def test_design_dialog_stores_the_design(qtbot, db):
    dialog = CardDesignDialog()
    qtbot.addWidget(dialog)
    dialog.heading.setText("中共大河乡委员会")
    dialog.show_qr.setChecked(False)
    dialog.primary.set_color("#aa0000")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    design = load_design()
    assert (design.heading, design.show_qr, design.primary_color) == (
        "中共大河乡委员会",
        False,
        "#AA0000",
    )


def test_one_card_a_page_prints_on_card_sized_pages(qtbot, ids, tmp_path):
    from pypdf import PdfReader
    from PySide6.QtPrintSupport import QPrinter

    dialog = open_dialog(qtbot, [ids["马福祥"]])
    with qtbot.waitSignal(dialog.rendered, timeout=10_000):
        dialog.per_page.setCurrentIndex(2)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "spool.pdf"
    printer.setOutputFileName(str(out))
    assert dialog.print_cards(printer=printer)
    pages = PdfReader(out).pages
    assert len(pages) == 2
    box = pages[0].mediabox
    assert abs(float(box.width) - 255.1) < 2 and abs(float(box.height) - 153.1) < 2  # 90 x 54 mm


def test_printing_after_saving_prints_the_previewed_changed_members(qtbot, ids, tmp_path):
    from pypdf import PdfReader
    from PySide6.QtPrintSupport import QPrinter

    Member.update(updated_at=dt.datetime.now() - dt.timedelta(minutes=1)).execute()
    dialog = open_dialog(qtbot, [])
    with qtbot.waitSignal(dialog.rendered, timeout=10_000):
        dialog.scope_changed.setChecked(True)
    assert "共5张名片" in dialog.status.text()
    dialog.save_to(tmp_path / "cards.pdf")  # logs the print: none is "changed" any more
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "spool.pdf"
    printer.setOutputFileName(str(out))
    dialog.print_cards(printer=printer)
    assert "已送打印机：5张名片" in dialog.status.text()
    assert len(PdfReader(out).pages) == 2
    assert CardPrint.select().count() == 10  # saved, then printed


def test_commitment_print_dialog_reports_a_file_that_cannot_be_written(qtbot, db, tmp_path, monkeypatch):
    from dahe_desktop.commitments import postings
    from tests.core.test_commitments_data import commit, make_roster
    from ui.commitments.print_dialog import CommitmentPrintDialog

    member = next(iter(make_roster(1, 1).values()))[0]
    commit(member, ["修缮一社村道2公里"], year=2026, month=12)
    dialog = CommitmentPrintDialog(postings.CARD, 2026)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert dialog.render_result is not None
    locked_file(monkeypatch)
    dialog.save_to(tmp_path / "cards.pdf")
    assert (
        "无法保存" in dialog.status.text()
        and "关闭正在打开此文件的程序后重试" in dialog.status.text()
    )
    assert postings.last_posting(member, 2026, postings.CARD) is None  # nothing recorded


def test_the_clerk_chooses_the_cut_and_sees_which_cards_need_a_look(qtbot, ids):
    dialog = open_dialog(qtbot, [])
    lines = dialog.status.text().split("\n")
    assert lines[0] == "共5张名片，2页"
    assert lines[1].startswith("5张名片需要看一下：") and "没有填写服务事项" in lines[1]  # none has services
    with qtbot.waitSignal(dialog.rendered, timeout=10_000):
        dialog.per_page.setCurrentIndex(1)  # guillotine: 8 to a sheet with gutters
    assert dialog.job().layout().per_sheet == 8 and dialog.start.maximum() == 8
    assert dialog.render_result.pages == 2  # 5 cards: one sheet, front and back


def test_back_offsets_are_kept_for_this_printer_and_used_by_the_next_print(qtbot, ids):
    from ui.common import pc_settings

    dialog = open_dialog(qtbot, [])
    with qtbot.waitSignal(dialog.rendered, timeout=10_000):
        dialog.offset_x.setValue(1.2)
    assert pc_settings.printer_offsets(dialog.printer_name)[0] == pytest.approx(1.2)
    again = open_dialog(qtbot, [])
    assert again.job().back_shift_mm[0] == pytest.approx(1.2)


def test_reprinting_chosen_sheets_after_a_jam(qtbot, ids):
    dialog = open_dialog(qtbot, [])
    with qtbot.waitSignal(dialog.rendered, timeout=10_000):
        dialog.reprint.setChecked(True)
    assert dialog.first_sheet.isEnabled() and dialog.render_result.pages == 2


def test_a_printer_that_shrinks_pages_gets_them_enlarged_by_what_the_ruler_measured(qtbot, ids, tmp_path, monkeypatch):
    from pypdf import PdfReader
    from PySide6.QtPrintSupport import QPrinter

    import ui.printing.dialog as dialog_module
    from ui.common import pc_settings

    dialog = open_dialog(qtbot, [ids["马福祥"]])
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "spool.pdf"))
    dialog.ruler.setValue(97.0)
    pc_settings.set_ruler_mm(printer.printerName(), 97.0)  # the name Qt's PDF printer reports
    scales = []
    real = dialog_module.print_pages
    monkeypatch.setattr(dialog_module, "print_pages",
                        lambda pages, device, **kw: scales.append(kw["scale"]) or real(pages, device, **kw))  # fmt: skip
    assert dialog.print_cards(printer=printer)
    assert scales == [pytest.approx(100 / 97)]
    assert len(PdfReader(tmp_path / "spool.pdf").pages) == 2
    assert pc_settings.ruler_mm(dialog.printer_name) == pytest.approx(97.0)
