"""What a Pulumi YAML user reads when a program is wrong: camelCase properties, JSON/YAML values.

Each mistake is its own YAML program run through ``pulumi preview`` with the plugin on PATH.
Pulumi YAML checks a program against the schema first (misspelled members of nested structs, a
PlatformImage resource or an object of other members as ``image``): those messages are Pulumi
YAML's, and name the schema's camelCase members. What the schema cannot say (allowed values of
strings, rules between arguments, an image the catalog lacks) is the plugin's Check: its
failures must name camelCase properties and JSON values too — never snake_case or Python syntax.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.pulumi_cli import Pulumi

HEADER = """name: messages
runtime: yaml
resources:
  image:
    type: tione:index:PlatformImage
    properties:
      name: tilearn-llm0.9-torch2.3-py3.10-cuda12.4-gpu
      imageRange: Notebook
  nb:
    type: tione:index:Notebook
    properties:
"""
PLATFORM = """      image:
        kind: platform
        imageId: ${image.imageId}
"""
POSTPAID = """      chargeType: POSTPAID_BY_HOUR
      resourceConf:
        instanceType: TI.GN10.2XLARGE40.POST
"""

# name -> (the notebook's properties, what the message must say)
MISTAKES: dict[str, tuple[str, list[str]]] = {
    "nested-member-misspelled": (PLATFORM + """      chargeType: POSTPAID_BY_HOUR
      resourceConf:
        instanceTyp: TI.GN10.2XLARGE40.POST
""", ["instanceTyp", "instanceType", "gpuType"]),
    "platform-image-resource-as-image": ("      image: ${image}\n" + POSTPAID,
                                         ["Cannot assign 'tione:index:PlatformImage'", "PlatformImageRef"]),
    "platform-image-outputs-as-image": (PLATFORM + "        imageInfo: ${image.imageInfo}\n" + POSTPAID,
                                        ["imageInfo", "imageId"]),
    "wrong-enum": (PLATFORM + """      chargeType: POSTPAID_BY_HOURS
      resourceConf:
        instanceType: TI.GN10.2XLARGE40.POST
""", ['chargeType', 'must be one of "PREPAID" or "POSTPAID_BY_HOUR", got "POSTPAID_BY_HOURS"']),
    "wrong-enum-nested": ("""      image:
        kind: custom
        imageType: TCRX
        imageUrl: ccr.ccs.tencentyun.com/team/train:1.0
""" + POSTPAID, ['image.imageType: must be one of "TCR", "CCR" or "CUSTOM"']),
    "missing-required-member": (PLATFORM + """      chargeType: PREPAID
      resourceConf:
        cpu: 4000
""", ["resourceGroupId", "required with chargeType PREPAID", "memory"]),
    "missing-dependent-member": (PLATFORM + POSTPAID + "      logEnable: true\n",
                                 ["logConfig", "logEnable: true", "logsetId", "topicId"]),
    "image-missing-kind": ("""      image:
        imageUrl: ccr.ccs.tencentyun.com/team/train:1.0
""" + POSTPAID, ["kind", "imageType"]),
}

SNAKE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
"""snake_case words: our argument names in Python spelling (``image_url``, ``charge_type``)."""
PYTHON = re.compile(r"\w+='|\w+=True|\w+=False|\bTrue\b|\bFalse\b|\bNone\b|\{'")
ALLOWED_SNAKE = {"tilearn", "py3", "cuda12", "ap_guangzhou"}
"""Parts of values the programs themselves write (image names are data, not argument names)."""


def _errors(output: str) -> str:
    """The diagnostics of a failed preview (without the engine's plugin-on-PATH warnings)."""
    lines = [line for line in output.splitlines() if "warning: using" not in line]
    return "\n".join(lines)


@pytest.mark.parametrize("mistake", sorted(MISTAKES))
def test_preview_errors_speak_yaml(cli: Pulumi, workdir: Path, mistake: str) -> None:
    properties, expected = MISTAKES[mistake]
    proj = workdir / mistake
    proj.mkdir()
    (proj / "Pulumi.yaml").write_text(HEADER + properties, encoding="utf-8")
    cli.stack_init(proj)

    result = cli.run("preview", cwd=proj, check=False)

    assert result.returncode != 0, result.output
    text = _errors(result.output)
    for needle in expected:
        assert needle in text, f"{needle!r} not in:\n{text}"
    words = {w for w in SNAKE.findall(text)
             if not any(w.startswith(a) or a in w for a in ALLOWED_SNAKE)}
    words = {w for w in words if w.upper() != w}
    assert not words, f"snake_case in {mistake}: {sorted(words)}\n{text}"
    assert not PYTHON.search(text), f"Python syntax in {mistake}:\n{text}"
    assert "snake_case" not in text
