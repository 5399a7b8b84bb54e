"""No torn catalogs (issue 5 §2): a listing that changes while paged restarts, then fails clearly."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from pulumi_tione.errors import InconsistentCatalogError
from tests.support.wire import Reply, Request, ScriptedServer, client_for, envelope, image, page_of

Pager = Callable[[Request, int], Reply]
ENTRIES = [image(i) for i in range(250)]


def offset(req: Request) -> int:
    return int(req.params.get("Offset", 0))


def total_moves(req: Request, n: int) -> Reply:
    return page_of(ENTRIES, req, total=250 + n)


def duplicates(req: Request, n: int) -> Reply:
    shifted = ENTRIES[:100] + ENTRIES[99:249]
    return page_of(shifted, req, total=250)


def short_page(req: Request, n: int) -> Reply:
    reply = page_of(ENTRIES, req)
    if offset(req) == 100:
        return envelope({"TotalCount": 250, "PlatformImageInfos": ENTRIES[100:150]})
    return reply


def empty_page(req: Request, n: int) -> Reply:
    if offset(req) == 200:
        return envelope({"TotalCount": 250, "PlatformImageInfos": []})
    return page_of(ENTRIES, req)


def too_many(req: Request, n: int) -> Reply:
    if offset(req) == 200:
        return envelope({"TotalCount": 250, "PlatformImageInfos": [*ENTRIES[200:], image(999)]})
    return page_of(ENTRIES, req)


def duplicates_on_one_page(req: Request, n: int) -> Reply:
    if offset(req) == 0:
        return envelope({"TotalCount": 2, "PlatformImageInfos": [image(1), image(1)]})
    return page_of(ENTRIES, req)


@pytest.mark.parametrize(("pager", "why"), [
    (total_moves, "TotalCount moved from"),
    (duplicates, r"250 images \(249 distinct ids\) for TotalCount 250"),
    (empty_page, "empty page at offset 200 of 250"),
    (too_many, r"251 images \(251 distinct ids\) for TotalCount 250"),
    (duplicates_on_one_page, r"2 images \(1 distinct ids\) for TotalCount 2"),
])
def test_torn_listings_restart_then_fail(pager: Pager, why: str) -> None:
    with ScriptedServer(pager) as server:
        client = client_for(server.url)
        with pytest.raises(InconsistentCatalogError, match=why) as info:
            client.list_images(max_restarts=2)
    message = str(info.value)
    assert "kept changing while it was paged" in message
    assert "on 3 attempts; try again in a minute" in message
    assert info.value.endpoint == server.url
    assert client.stats.listings_restarted == 3
    assert sum(1 for r in server.requests if offset(r) == 0) == 3


def test_restarts_are_bounded_by_max_restarts() -> None:
    with ScriptedServer(total_moves) as server, \
            pytest.raises(InconsistentCatalogError, match="on 1 attempts"):
        client_for(server.url).list_images(max_restarts=0)
    assert len(server.requests) == 2


def test_default_restart_budget() -> None:
    with ScriptedServer(total_moves) as server, \
            pytest.raises(InconsistentCatalogError, match="on 4 attempts"):
        client_for(server.url).list_images()
    assert len(server.requests) == 8


@pytest.mark.parametrize("pager", [total_moves, duplicates, empty_page, too_many])
def test_torn_only_on_the_first_attempt_then_complete(pager: Pager) -> None:
    def answer(req: Request, n: int) -> Reply:
        first_listing = sum(1 for r in server.requests if offset(r) == 0) <= 1
        return pager(req, n) if first_listing else page_of(ENTRIES, req)

    with ScriptedServer(answer) as server:
        client = client_for(server.url)
        images = client.list_images()
    assert [i["ImageId"] for i in images] == [e["ImageId"] for e in ENTRIES]
    assert client.stats.listings_restarted == 1


def test_short_pages_are_followed_by_offset_not_treated_as_torn() -> None:
    with ScriptedServer(short_page) as server:
        client = client_for(server.url)
        assert [i["ImageId"] for i in client.list_images()] == [e["ImageId"] for e in ENTRIES]
    assert client.stats.listings_restarted == 0
    assert [offset(r) for r in server.requests] == [0, 100, 150]


def test_a_consistent_short_final_page_is_fine() -> None:
    with ScriptedServer(lambda req, n: page_of(ENTRIES[:201], req)) as server:
        client = client_for(server.url)
        assert len(client.list_images()) == 201
    assert client.stats.listings_restarted == 0
    assert [offset(r) for r in server.requests] == [0, 100, 200]
