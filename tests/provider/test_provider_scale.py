"""Thousands of dynamic resources in one program: the pickling-leak guard holds and one fetch serves all."""

from __future__ import annotations

import pickle

import pytest

import pulumi_tione as tione
from pulumi_tione.emulator import Emulator
from tests.support.engine import ProviderMocks, run_program
from tests.support.seed import SEED_ID, SEED_NAME

COUNT = 5_000


@pytest.mark.slow
def test_five_thousand_platform_images_in_one_program(mocks: ProviderMocks, emu: Emulator) -> None:
    batch_setitems = vars(pickle._Pickler)["_batch_setitems"]

    def program() -> None:
        for i in range(COUNT):
            tione.PlatformImage(f"image-{i}", name=SEED_NAME)

    run_program(program, mocks, project="scale")
    assert len(mocks.resources) == COUNT
    assert {id_ for id_, _ in mocks.resources.values()} == {SEED_ID}
    assert vars(pickle._Pickler)["_batch_setitems"] is batch_setitems
    assert emu.stats()["total"] == 2
