"""The ``tione`` provider plugin, run from source: ``python <this folder> <engine address>``.

Pulumi's Python language host runs a source plugin folder (``PulumiPlugin.yaml``, ``runtime:
python``) as ``<venv>/bin/python <folder> <args>``, which executes this file. It serves the very
same provider as the ``pulumi-resource-tione`` console script (``pulumi_tione.native.main``):
prints the port of its gRPC server on stdout, then answers the engine until it is stopped.
"""

from pulumi_tione.native import main

if __name__ == "__main__":
    main()
