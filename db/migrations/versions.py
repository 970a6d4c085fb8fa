"""Step: a record version (`version INTEGER NOT NULL DEFAULT 1`) on every table whose
records a clerk edits in place, so a save over someone else's change is refused; and
the version each audit entry gave its record, so the refusal names the changes since.

Versioned: settings, branches, members, commitments, households, pairing helpers and
profiles, pairings (locked, ended), the post catalogue, selections, branch posts,
applications and appointments, appraisal rubrics, runs, subjects and sheets, visits,
opinion items, inspections and teams. Not: append-only logs (card prints, postings,
audit entries, item and run events, tie decisions, duty logs), rows written from others
(candidates' tally, ballot entries, each one pass of one clerk) and rows replaced as a
set with their parent (raters, participants, team members and households).
"""

from __future__ import annotations

from peewee import SQL, Database, IntegerField

TABLES = (
    "setting", "branch", "member", "commitment", "household", "pairing_helper", "pairing_profile",
    "pairing", "post_type", "post_selection", "branch_post", "post_application", "post_appointment",
    "appraisal_rubric", "appraisal_run", "appraisal_subject", "appraisal_sheet", "visit",
    "opinion_item", "inspection", "team",
)  # fmt: skip


def step(db: Database) -> None:
    """`ALTER TABLE t ADD COLUMN version INTEGER NOT NULL DEFAULT 1` on both engines (one
    statement: SQLite fills the default in, and no table is rebuilt)."""
    # Here, not at the top: a start on an up-to-date file needs no schema migrator.
    from db.migrations.schema import SchemaMigrator, migrate

    migrator = SchemaMigrator.from_database(db)
    migrate(*(
        migrator.alter_add_column(table, "version", IntegerField(default=1, constraints=[SQL("DEFAULT 1")]),
                                  allow_not_null=True)
        for table in TABLES
    ), migrator.add_column("audit_entry", "version", IntegerField(null=True)))  # fmt: skip
