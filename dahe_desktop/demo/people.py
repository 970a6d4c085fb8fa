"""Plausible invented people for the demo: names by ethnic group, ID numbers, phones and
birth dates, all from one seeded random source so every run builds the same township."""

from __future__ import annotations

import datetime as dt
import heapq
import json
import random
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from dahe_desktop.paths import resources_dir
from dahe_desktop.roster.idcard import make_id_number
from dahe_desktop.stats import latest_birth_date_for_age

HUI_LIKE = frozenset({"回族", "撒拉族", "东乡族", "保安族"})


@lru_cache(maxsize=1)
def township_data() -> dict[str, Any]:
    """The demo's villages, name pools and wording (resources/demo/township.json)."""
    path = resources_dir() / "demo" / "township.json"
    return json.loads(path.read_text(encoding="utf-8"))


def pick_exact(rng: random.Random, weights: Sequence[float], k: int) -> set[int]:
    """Exactly k indices, drawn without replacement with the given weights
    (Efraimidis-Spirakis keys): exact totals, yet plausible who-gets-what."""
    if k > sum(1 for w in weights if w > 0):
        raise ValueError(f"cannot pick {k} of {len(weights)} with positive weight")
    keys = ((rng.random() ** (1.0 / w), i) for i, w in enumerate(weights) if w > 0)
    return {i for _, i in heapq.nlargest(k, keys)}


def weighted_choice(rng: random.Random, table: dict[str, float]) -> str:
    names = list(table)
    return rng.choices(names, weights=[table[n] for n in names])[0]


def birth_for_age(rng: random.Random, age: int, on: dt.date) -> dt.date:
    """A random birth date giving exactly `age` whole years on `on`."""
    latest = latest_birth_date_for_age(age, on)
    earliest = latest_birth_date_for_age(age + 1, on) + dt.timedelta(days=1)
    return earliest + dt.timedelta(days=rng.randrange((latest - earliest).days + 1))


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 Feb
        return day.replace(year=day.year + years, day=28)


class PeopleMaker:
    """Names, ID numbers and phones; IDs and phones are unique across one maker."""

    def __init__(self, rng: random.Random, unique_names: bool = True):
        self.rng = rng
        self.unique_names = unique_names
        data = township_data()
        self.names = data["names"]
        self.regions = data["id_regions"]
        self.phone_prefixes = data["phone_prefixes"]
        self.used_ids: set[str] = set()
        self.used_phones: set[str] = set()
        self.used_names: set[str] = set()

    # ---- names ------------------------------------------------------------------

    def name(self, ethnicity: str, sex: str) -> str:
        """A name usual for the group; the demo avoids namesakes where it can."""
        for _ in range(30 if self.unique_names else 1):
            name = self._draw_name(ethnicity, sex)
            if name not in self.used_names:
                break
        if self.unique_names:
            self.used_names.add(name)
        return name

    def _draw_name(self, ethnicity: str, sex: str) -> str:
        rng, n = self.rng, self.names
        female = sex == "女"
        if ethnicity == "藏族":
            return self._tibetan(female)
        if ethnicity == "蒙古族":
            if rng.random() < 0.5:  # Qinghai Mongols often carry Tibetan names
                return self._tibetan(female)
            return rng.choice(n["mongol_female" if female else "mongol_male"])
        if ethnicity in HUI_LIKE:
            return rng.choice(n["hui_surnames"]) + rng.choice(n["hui_given_female" if female else "hui_given_male"])
        if ethnicity == "土族":
            if rng.random() < 0.3:
                return self._tibetan(female)
            return rng.choice(n["tu_surnames"]) + rng.choice(n["han_given_female" if female else "han_given_male"])
        return rng.choice(n["han_surnames"]) + rng.choice(n["han_given_female" if female else "han_given_male"])

    def _tibetan(self, female: bool) -> str:
        rng, n = self.rng, self.names
        if rng.random() < 0.25:
            return rng.choice(n["tibetan_female" if female else "tibetan_male"])
        if female:
            first = rng.choice(n["tibetan_male"] + n["tibetan_female"])
            second = rng.choice(n["tibetan_female"])
        else:
            first, second = rng.sample(n["tibetan_male"], 2)
        return first + second if first != second else first

    # ---- numbers ----------------------------------------------------------------

    def region(self, local: bool = True) -> str:
        if local or self.rng.random() < 0.5:
            return self.regions["home"]
        return self.rng.choice(self.regions["elsewhere"])

    def id_number(self, region: str, birth: dt.date, sex: str) -> str:
        """A valid, unused number for this birth date and sex."""
        start = self.rng.randrange(100)
        for step in range(100):
            number = make_id_number(region, birth, (start + step) % 100, sex)
            if number not in self.used_ids:
                self.used_ids.add(number)
                return number
        raise RuntimeError(f"no free ID number for {region} {birth}")

    def phone(self) -> str:
        while True:
            number = self.rng.choice(self.phone_prefixes) + f"{self.rng.randrange(10**8):08d}"
            if number not in self.used_phones:
                self.used_phones.add(number)
                return number
