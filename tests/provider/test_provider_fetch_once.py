"""One catalog fetch per deployment: 500 distinct lookups through one provider process (issue 4 §2)."""

from __future__ import annotations

import math
import re
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from pulumi_tione.emulator import Emulator, bundled_catalog
from tests.support.engine import urn
from tests.support.provider import Engine
from tests.support.seed import IMAGE


def distinct_queries(count: int) -> list[tuple[dict[str, Any], str]]:
    """``count`` different queries, each with the ImageId it must resolve to."""
    named = [e for e in bundled_catalog() if e.get("ImageName")]
    shapes = (
        lambda e: {"name": e["ImageName"]},
        lambda e: {"image_id": e["ImageId"]},
        lambda e: {"name_regex": f"^{re.escape(e['ImageName'])}$"},
        lambda e: {"name": e["ImageName"], "select": "highest_version"},
    )
    queries = [(shape(e), e["ImageId"]) for shape in shapes for e in named]
    assert len(queries) >= count
    return queries[:count]


def test_500_lookups_cost_one_paged_fetch_with_four_concurrent_callers(engine: Engine, emu: Emulator) -> None:
    """The engine's four worker threads ask at once; the process still lists the catalog once."""
    queries = distinct_queries(500)

    def lookup(item: tuple[int, tuple[dict[str, Any], str]]) -> tuple[str, str]:
        index, (query, _) = item
        checked = engine.client.check(urn(IMAGE, f"img-{index}"), {}, engine.image(**query))
        assert checked.failures == [], (query, checked.failures)
        return str(checked.inputs["image_id"]), str(checked.inputs["image_url"])

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lookup, enumerate(queries)))

    catalog = {e["ImageId"]: e["ImageUrl"] for e in bundled_catalog()}
    assert [image_id for image_id, _ in results] == [expected for _, expected in queries]
    assert all(catalog[image_id] == url for image_id, url in results)
    pages = math.ceil(len(catalog) / 100)
    assert emu.stats()["total"] == pages == 2
    assert emu.stats()["actions"]["DescribePlatformImages"] == {"ok": pages}
