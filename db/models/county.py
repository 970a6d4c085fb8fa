"""The county's view of its townships: one row per township (乡镇).

A township's own file holds one row, made from its settings (name, 乡镇代码); the
county's store holds one per township that has sent a package. Branches point here.
"""

from __future__ import annotations

from peewee import CharField

from db.models.base import BaseModel


class Township(BaseModel):
    """A township, known by its code: the 行政区划 code or the one the county gave it."""

    code = CharField(unique=True)
    name = CharField()


MODELS = [Township]
