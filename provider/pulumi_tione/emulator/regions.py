"""The regions the emulator serves: TI-ONE's public regions; any other answers ``UnsupportedRegion``.

Neither tccli nor the Python SDK ships a per-product region list (checked: tccli 3.1.189.1, SDK
3.1.195; ``tccli/services/tione/v20211111/api.json`` names only example regions), so the list is
compiled by hand from Tencent Cloud's public descriptions of where TI-ONE runs; it could not be
checked against a live account. A user whose account sees another region adds it with
``EmulatorOptions(extra_regions=...)`` / ``--accept-region``. The list is written once, in
``pulumi_tione._api_facts`` (preview reads it too).
"""

from __future__ import annotations

from pulumi_tione._api_facts import TIONE_REGIONS

__all__ = ["TIONE_REGIONS"]
