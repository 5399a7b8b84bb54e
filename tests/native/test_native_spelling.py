"""Native users get hints in their own spelling (``_spelling``'s "native" front end).

A program in any Pulumi language sets the schema's camelCase properties (``nameRegex``,
``select: "highest_version"``), so the plugin's failure reasons name them that way — on the
first check (in a worker thread, the catalog being fetched) and on later ones (inline on the
event loop) alike — while the dynamic provider keeps Python's ``select='highest_version'``.
"""

from __future__ import annotations

from pathlib import Path

from pulumi_tione.emulator import Emulator
from tests.native.conftest import Plugin
from tests.native.programs import notebook
from tests.support.native import urn
from tests.support.provider import start_engine

IMAGE = "tione:index:PlatformImage"
AMBIGUOUS = {"framework": "pytorch", "imageRange": "Train"}


def test_a_failing_check_names_properties_as_the_schema_does(plugin: Plugin) -> None:
    client = plugin.client
    for attempt in range(2):  # the first check fetches the catalog in a thread, the second runs inline
        _, failures = client.check(urn(f"amb{attempt}", "PlatformImage"), {}, AMBIGUOUS)
        assert [p for p, _ in failures] == [""]
        reason = failures[0][1]
        assert 'imageRange: "Train", framework: "pytorch"' in reason
        assert 'select: "highest_version"' in reason
        assert "imageId, frameworkVersion" in reason
        assert "select='highest_version'" not in reason
        assert "image_id" not in reason
    _, failures = client.check(urn("none", "PlatformImage"), {}, {"policy": "track"})
    assert "at least one criterion is required: name, imageId, nameRegex, imageRange" in failures[0][1]
    _, failures = client.check(urn("colour", "PlatformImage"), {}, {"name": "x", "colour": "red"})
    reasons = dict(failures)
    assert "allowed: allowSaveAllContent, framework, frameworkVersion" in reasons["colour"]


def test_a_failing_workload_check_names_properties_as_the_schema_does(plugin: Plugin) -> None:
    _, failures = plugin.client.check(urn("nb"), {}, notebook(resourceConf={}))
    reasons = dict(failures)
    assert "instanceType is required with chargeType POSTPAID_BY_HOUR" in reasons["resourceConf"]
    _, failures = plugin.client.check(urn("nb2"), {}, notebook(logEnable=True))
    reasons = dict(failures)
    assert "required with logEnable: true: {logsetId: ..., topicId: ...}" in reasons["logConfig"]
    assert "or set logEnable: false" in reasons["logConfig"]


def test_an_invoke_failure_names_properties_as_the_schema_does(plugin: Plugin) -> None:
    _, failures = plugin.client.invoke("tione:index:getPlatformImage", AMBIGUOUS)
    assert 'select: "highest_version"' in failures[0][1]


def test_the_dynamic_provider_keeps_python_syntax(emu: Emulator, tmp_path: Path) -> None:
    engine = start_engine(emu, tmp_path, None, {})
    try:
        checked = engine.client.check("urn:pulumi:dev::p::pulumi-python:dynamic/tione:PlatformImage::a", {},
                                      engine.image(framework="pytorch", image_range="Train"))
        reason = checked.failures[0][1]
        assert "image_range='Train', framework='pytorch'" in reason
        assert "select='highest_version'" in reason
        assert "imageId" not in reason
        assert "select:" not in reason
    finally:
        engine.close()
