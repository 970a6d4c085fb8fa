"""Township settings: stored with an upsert, reported as a settings change."""

from dahe_desktop import settings
from db import changes
from db.models import Setting


def test_saving_twice_keeps_one_row_with_the_last_value_and_reports_it(db):
    heard = []
    changes.subscribe(heard.append)
    try:
        settings.put(settings.TOWNSHIP_NAME, "小河乡")
        settings.put(settings.TOWNSHIP_NAME, "大河乡")
    finally:
        changes.unsubscribe(heard.append)
    assert settings.get(settings.TOWNSHIP_NAME) == "大河乡"
    assert Setting.select().where(Setting.key == settings.TOWNSHIP_NAME.key).count() == 1
    assert heard == [frozenset({changes.SETTINGS})] * 2


def test_the_township_is_saved_in_one_reported_write(db):
    heard = []
    changes.subscribe(heard.append)
    try:
        settings.save_township("小河乡", "中共小河乡委员会", "0974 8591234")
    finally:
        changes.unsubscribe(heard.append)
    assert heard == [frozenset({changes.SETTINGS})]
    assert settings.get(settings.SUPERVISION_PHONE) == "09748591234"
