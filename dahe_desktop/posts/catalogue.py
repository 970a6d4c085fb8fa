"""The township's post catalogue: seeded from `resources/posts/catalogue.json` on first
use, then stored in the data file and edited there (never in code)."""

from __future__ import annotations

import json
from functools import cache

from peewee import IntegrityError

from dahe_desktop.paths import resources_dir
from dahe_desktop.posts.records import CatalogueEntry
from dahe_desktop.posts.rules import PostsError
from dahe_desktop.textnorm import clean_prose, clean_text
from dahe_desktop.versions import current_version, refusing_stale
from db import audit, bulk_insert, changes, writing
from db.models.posts import PostType


@cache
def default_catalogue() -> tuple[CatalogueEntry, ...]:
    """The shipped list (at least the 12 posts of a pastoral township)."""
    data = json.loads((resources_dir() / "posts" / "catalogue.json").read_text(encoding="utf-8"))
    return tuple(
        CatalogueEntry(None, p["name"], "\n".join(p["duties"]), "\n".join(p["targets"]))
        for p in data["posts"]
    )


# The catalogue the program ships is put in a new file unasked: nobody's change to log.
SHIPPED = "the shipped post catalogue"


def ensure_catalogue() -> None:
    """Seed the catalogue once, when the file has none."""
    if PostType.select().exists():
        return
    with writing(changes.POST_CATALOGUE, unlogged=SHIPPED):
        if PostType.select().exists():
            return
        rows = [dict(name=e.name, duties=e.duties, targets=e.targets, sort_order=i)
                for i, e in enumerate(default_catalogue(), start=1)]  # fmt: skip
        bulk_insert(PostType, rows)


def list_catalogue(include_retired: bool = False) -> list[CatalogueEntry]:
    ensure_catalogue()
    query = PostType.select().order_by(PostType.sort_order, PostType.id)
    if not include_retired:
        query = query.where(PostType.in_use == True)  # noqa: E712 (peewee expression)
    return [CatalogueEntry(p.id, p.name, p.duties, p.targets, p.in_use, p.version) for p in query]


def clean_lines(text: str) -> str:
    """Duties and targets as one item a line, blank lines and stray spaces gone."""
    return "\n".join(line for line in (clean_prose(x) for x in (text or "").splitlines()) if line)


def save_catalogue_entry(entry: CatalogueEntry) -> int:
    """Add or edit a catalogue post; names are unique. An edit from a loaded
    `entry.version` over another clerk's save is refused. Returns its id; `entry.version`
    becomes the saved one."""
    ensure_catalogue()
    name = clean_text(entry.name)
    lines = []
    if not name:
        lines.append("请填写岗位名称")
    clash = PostType.get_or_none(PostType.name == name)
    if clash is not None and clash.id != entry.id:
        lines.append(f"岗位目录中已有“{name}”，请换一个名称")
    if lines:
        raise PostsError(lines)
    values = dict(name=name, duties=clean_lines(entry.duties), targets=clean_lines(entry.targets), in_use=entry.in_use)
    try:
        with refusing_stale("岗位"), writing(changes.POST_CATALOGUE):
            if entry.id is None:
                last = PostType.select().order_by(PostType.sort_order.desc()).first()
                post_id = audit.insert(PostType, dict(sort_order=(last.sort_order + 1 if last else 1), **values))
            else:
                audit.update(PostType, values, [entry.id], expected_version=entry.version)
                post_id = entry.id
            entry.version = current_version(PostType, post_id)
            return post_id
    except IntegrityError:  # written meanwhile by another window
        raise PostsError(f"岗位目录中已有“{name}”，请换一个名称") from None
