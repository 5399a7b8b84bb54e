"""The repository's own stack (``Pulumi.yaml`` here): runs ``examples/quickstart`` with ``.venv``.

``Pulumi.yaml`` has no ``main: examples/quickstart`` on purpose: the engine starts a Python dynamic
provider in the program's folder and resolves the ``virtualenv`` option against that folder, not
the project's (pulumi/pulumi#7061), so with ``main`` the provider looked for
``examples/quickstart/.venv`` and every ``pulumi up`` of the README's offline block failed.
"""

import runpy
from pathlib import Path

runpy.run_path(str(Path(__file__).resolve().parent / "examples" / "quickstart" / "__main__.py"),
               run_name="__main__")
