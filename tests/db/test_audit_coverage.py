"""The audit's mechanism, not its list: every table says whether its changes are logged,
and a write that changes a logged table without logging it is caught before it commits."""

from __future__ import annotations

import pytest

from db import audit, writing
from db.models import ALL_MODELS, Branch, Member, Setting, TeamMember
from db.models.base import LOGGED, UNDER


def test_every_table_says_whether_its_changes_are_logged():
    names = {m._meta.table_name for m in ALL_MODELS}
    for model in ALL_MODELS:
        policy = model.__dict__.get("AUDIT", "")
        assert policy, f"{model.__name__} must say AUDIT = LOGGED, logged_under(table) or why not"
        if policy.startswith(UNDER):
            assert policy.removeprefix(UNDER) in names, f"{model.__name__}: no table {policy}"
    assert audit.policies()["member"] == LOGGED


def _branch() -> int:
    with writing():
        return audit.insert(Branch, {"name": "大河村党支部", "kind": "村"})


def test_a_logged_table_written_without_a_word_in_the_log_is_refused(db, monkeypatch):
    monkeypatch.setattr(audit, "_strict", True)
    branch = _branch()
    with pytest.raises(audit.UnloggedWrite, match="member"):
        with writing():
            Member.insert(name="张三", branch=branch, sex="男", ethnicity="汉族").execute()
    assert Member.select().count() == 0  # rolled back with the write


def test_derived_columns_and_unlogged_writes_pass(db, monkeypatch):
    monkeypatch.setattr(audit, "_strict", True)
    branch = _branch()
    with writing():
        member = audit.insert(Member, {"name": "张三", "branch": branch, "sex": "男", "ethnicity": "汉族"})
    with writing():  # a spelling refresh changes what the log skips
        Member.update(search_key="zhangsan").where(Member.id == member).execute()
    with writing(unlogged="the demo township"):
        Member.insert(name="李四", branch=branch, sex="女", ethnicity="汉族").execute()
    assert Member.select().count() == 2


def test_rows_logged_under_their_parent(db, monkeypatch):
    monkeypatch.setattr(audit, "_strict", True)
    assert audit.policies()[TeamMember._meta.table_name] == UNDER + "team"


def test_outside_strict_mode_the_change_is_kept_and_noted(db, monkeypatch, caplog):
    monkeypatch.setattr(audit, "_strict", False)
    with writing():
        Setting.insert(key="x", value="1").execute()
    assert Setting.select().count() == 1
    assert "setting" in caplog.text  # the error log hears it (the window keeps one)


def test_the_viewer_offers_every_logged_table_by_its_chinese_name():
    from dahe_desktop.safety.labels import AUDIT_TABLES, AUDITED

    logged = {t for t, policy in audit.policies().items() if policy == LOGGED}
    parts = {t for t, policy in audit.policies().items() if policy.startswith(UNDER)}  # logged as their own too
    assert logged <= set(AUDITED) <= logged | parts | {"appraisal_run", "appraisal_subject", "appraisal_score"}
    assert all(AUDIT_TABLES.get(t, "").strip() and not AUDIT_TABLES[t].isascii() for t in AUDITED)
