"""Peewee models: the current schema, one module per feature. Migrations in
`db.migrations` build it step by step; a feature adds its module here and its step there.

Plain storage only: rules, wording and validation live in `dahe_desktop`.
"""

from db.models import appraisal, audit, commitments, county, pairing, posts, roster, service
from db.models.appraisal import (
    AppraisalEvent,
    AppraisalRater,
    AppraisalRubric,
    AppraisalRun,
    AppraisalSheet,
    AppraisalSubject,
)
from db.models.audit import AuditEntry
from db.models.base import BaseModel, now
from db.models.commitments import Commitment, CommitmentPosting
from db.models.county import PackageExport, PackageImport, PackageOrigin, PackageSent, Township
from db.models.pairing import Household, Pairing, PairingHelper, PairingProfile
from db.models.roster import Branch, CardPrint, Member, SchemaVersion, Setting
from db.models.service import (
    Inspection,
    InspectionParticipant,
    OpinionItem,
    OpinionItemEvent,
    Team,
    TeamHousehold,
    TeamMember,
    Visit,
)

# Every table of the current schema (the migration test compares them with the file).
ALL_MODELS = [*roster.MODELS, *commitments.MODELS, *service.MODELS, *posts.MODELS, *audit.MODELS, *pairing.MODELS,
              *appraisal.MODELS, *county.MODELS]

__all__ = [
    "ALL_MODELS", "AppraisalEvent", "AppraisalRater", "AppraisalRubric", "AppraisalRun", "AppraisalSheet",
    "AppraisalSubject", "AuditEntry", "BaseModel", "Branch", "CardPrint", "Commitment", "CommitmentPosting",
    "Household", "Inspection", "InspectionParticipant", "Member", "OpinionItem", "OpinionItemEvent", "PackageExport", "PackageImport", "PackageOrigin", "PackageSent", "Pairing",
    "PairingHelper", "PairingProfile", "SchemaVersion", "Setting", "Team", "TeamHousehold", "TeamMember",
    "Township", "Visit", "now",
]

import db.audit  # noqa: E402,F401  # registers the audit's check on every write (it reads these models)
