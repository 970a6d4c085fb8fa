"""录入选票: one of the two entries of the counted ballots, candidate by candidate. The
second entry starts empty (never copied from the first): the two must agree on their own
before the tally counts (labels.DOUBLE_ENTRY_RULE)."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QScrollArea, QSpinBox, QWidget

from dahe_desktop.posts import labels
from dahe_desktop.posts import service as posts
from dahe_desktop.posts.records import BallotInput, CandidateVotes
from ui.posts.dialogs import CoreDialog, date_edit, in_year


def _spin() -> QSpinBox:
    return QSpinBox(minimum=0, maximum=9999)


class BallotEntryDialog(CoreDialog):
    def __init__(self, branch_id: int, year: int, round_no: int, selection_id: int, parent: QWidget | None = None):
        super().__init__(f"录入选票（第{round_no}次）", parent)
        self.branch_id, self.year, self.round_no = branch_id, year, round_no
        self.candidates = posts.ballot_candidates(selection_id)
        saved = posts.ballot_entry(selection_id, round_no)
        self.entered_by = QLineEdit(placeholderText="录入人姓名")
        self.voted_on = date_edit(saved.voted_on if saved else in_year(year))
        self.member_voters, self.rep_voters, self.invalid, self.blank = (_spin() for _ in range(4))
        self.form.addRow(QLabel(labels.DOUBLE_ENTRY_RULE, wordWrap=True))
        self.form.addRow("录入人", self.entered_by)
        self.form.addRow("投票日期", self.voted_on)
        self.form.addRow("党员投票人数（收回党员票）", self.member_voters)
        self.form.addRow("群众代表投票人数（收回代表票）", self.rep_voters)
        self.form.addRow("无效票", self.invalid)
        self.form.addRow("空白票", self.blank)
        grid = QGridLayout()
        for col, title in enumerate(("岗位", "候选人", "党员票", "群众代表票")):
            grid.addWidget(QLabel(f"<b>{title}</b>"), 0, col)
        self.votes: list[tuple[int, QSpinBox, QSpinBox]] = []
        for row, c in enumerate(self.candidates, start=1):
            members, reps = _spin(), _spin()
            grid.addWidget(QLabel(f"{c.post_name}（{c.seats}名）"), row, 0)
            grid.addWidget(QLabel(c.name), row, 1)
            grid.addWidget(members, row, 2)
            grid.addWidget(reps, row, 3)
            self.votes.append((c.candidate_id, members, reps))
        inner = QWidget()
        inner.setLayout(grid)
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(inner)
        scroll.setMinimumHeight(min(420, 40 + 30 * len(self.candidates)))
        self.form.addRow(scroll)
        if saved is not None:  # correcting this entry after the comparison
            self.entered_by.setText(saved.entered_by)
            for spin, value in zip((self.member_voters, self.rep_voters, self.invalid, self.blank),
                                   (saved.member_voters, saved.rep_voters, saved.invalid, saved.blank), strict=True):  # fmt: skip
                spin.setValue(value)
            by_candidate = saved.by_candidate()
            for cid, members, reps in self.votes:
                if cid in by_candidate:
                    members.setValue(by_candidate[cid].member_votes)
                    reps.setValue(by_candidate[cid].rep_votes)
        self.resize(560, 640)

    def entry(self) -> BallotInput:
        return BallotInput(
            self.entered_by.text(), self.voted_on.date().toPython(), self.member_voters.value(),
            self.rep_voters.value(), self.invalid.value(), self.blank.value(),
            [CandidateVotes(cid, m.value(), r.value()) for cid, m, r in self.votes],
        )  # fmt: skip

    def save(self) -> None:
        posts.save_ballot_entry(self.branch_id, self.year, self.round_no, self.entry())
