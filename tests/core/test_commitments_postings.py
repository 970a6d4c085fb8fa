"""Posted versions: stored after a print, only when changed; reprint and diff."""

from __future__ import annotations

import datetime as dt

from dahe_desktop.commitments import postings, service
from dahe_desktop.commitments.records import CommitmentInput
from tests.core.test_commitments_data import commit, item, make_roster


def test_versions_are_kept_after_posting_and_can_be_reprinted(db):
    members = make_roster(1, 2)["大河乡第1村党支部"]
    road, vaccine = commit(members[0], ["修缮村道", "牲畜防疫"])
    commit(members[1], ["义务植树"])
    cards = postings.current_cards(2026)
    assert [c.name for c in cards] == ["卓玛才让", "李建国"]
    assert postings.record_postings(cards, postings.CARD, dt.datetime(2026, 3, 1, 9)) == 2
    # printing the same again stores nothing new
    assert postings.record_postings(postings.current_cards(2026), postings.CARD) == 0

    # an edit after posting: change one, drop one, add one
    rows = service.member_commitments(members[0], 2026)
    changed = CommitmentInput(rows[0].area, "修缮村道2公里", rows[0].due_date, rows[0].quality, road)
    service.save_member_commitments(members[0], 2026, [changed, item("带动合作社增收")], removed_ids=[vaccine])

    posted = postings.posted_cards(2026, postings.CARD)
    assert [i.content for i in posted[0].items] == ["修缮村道", "牲畜防疫"]  # exactly what is on the wall
    diff = postings.changes_since_posting(members[0], 2026)
    assert diff.posted_at == dt.datetime(2026, 3, 1, 9)
    assert [i.content for i in diff.added] == ["带动合作社增收"]
    assert [i.id for i in diff.removed] == [vaccine]
    assert [(a.content, b.content) for a, b in diff.changed] == [("修缮村道", "修缮村道2公里")]
    assert any(line.startswith("修改：") and "修缮村道2公里" in line for line in diff.lines())
    assert postings.members_changed_since_posting(2026, postings.CARD) == [members[0]]
    assert not postings.changes_since_posting(members[1], 2026)

    # a new print stores a second version for the changed member only
    assert postings.record_postings(postings.current_cards(2026), postings.CARD, dt.datetime(2026, 4, 1, 9)) == 1
    history = postings.posting_history(members[0], 2026)
    assert [len(v.card.items) for v in history] == [2, 2]
    assert [v.card.items[0].content for v in history] == ["修缮村道2公里", "修缮村道"]
    first = postings.posting_by_id(history[-1].id)
    assert first.card.items[1].content == "牲畜防疫" and first.kind == "card"
    assert postings.members_changed_since_posting(2026, postings.CARD) == []


def test_card_and_notice_versions_are_separate(db):
    m = make_roster(1, 1)["大河乡第1村党支部"][0]
    commit(m, ["修缮村道"])
    postings.record_postings(postings.current_cards(2026), postings.CARD)
    assert postings.last_posting(m, 2026, postings.NOTICE) is None
    assert postings.record_postings(postings.current_cards(2026), postings.NOTICE) == 1
    assert {v.kind for v in postings.posting_history(m, 2026)} == {"card", "notice"}


def test_members_to_post_are_the_new_and_the_changed(db):
    a, b, c = make_roster(1, 3)["大河乡第1村党支部"]
    commit(a, ["修缮村道"])
    commit(b, ["义务植树"])
    postings.record_postings(postings.current_cards(2026), postings.CARD)
    assert postings.members_to_post(2026, postings.CARD) == []
    commit(c, ["牲畜防疫"])
    service.save_member_commitments(a, 2026, [item("修缮村道3公里")])
    assert sorted(postings.members_to_post(2026, postings.CARD)) == sorted([a, c])
    assert sorted(postings.members_to_post(2026, postings.NOTICE)) == sorted([a, b, c])
