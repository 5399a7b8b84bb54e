"""``schema.json``: the package schema the plugin serves (``GetSchema``), as a committed file.

Like every Pulumi provider repository, the repository keeps the schema at its root, pretty-printed,
so that every change to the API shows in review. It keeps the ``version`` too (pyproject.toml's,
which changes only at a release, when the generated SDKs change with it): `pulumi package add
./schema.json` refuses a schema file without one ("version must be provided when package supports
packing": ``package add`` always binds with ``supportPack``, and only a plugin source gets the
plugin's version as a fallback), and with it the command works offline. ``make sdks`` writes it,
then generates ``sdk/nodejs`` and ``sdk/go`` from it (``engine/cli/sdkgen``);
``tests/sdk/test_schema_file.py`` checks that it is current::

    python -m pulumi_tione.native.schema_file --write schema.json
    python -m pulumi_tione.native.schema_file --check schema.json
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from pulumi_tione.native.schema import package_schema

__all__ = ["main", "schema_text"]


def schema_text() -> str:
    """The schema as committed: ``package_schema()``, two-space indented."""
    return json.dumps(package_schema(), indent=2, ensure_ascii=False) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pulumi_tione.native.schema_file",
        description="Write or check schema.json, the tione package schema the plugin serves.")
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--write", metavar="FILE", type=Path, help="write the schema to FILE")
    action.add_argument("--check", metavar="FILE", type=Path,
                        help="exit 1 when FILE differs from the schema the plugin serves")
    args = parser.parse_args(argv)
    text = schema_text()
    if args.write is not None:
        path: Path = args.write
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}")
        return 0
    path = args.check
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        print(f"{path} is not the schema the plugin serves: run `make sdks`", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":  # pragma: no cover - the command line
    sys.exit(main())
