#!/usr/bin/env bash
# Fail this CI job when Tencent Cloud TI-ONE moved or removed an image pinned in the stack.
#
# Needs: the Pulumi CLI logged in to the stack's backend; the stack's config (tencentcloud:region,
# tencentcloud:secretId, --secret tencentcloud:secretKey); Python with requirements.txt installed
# (the provider runs in it). Usage: ci-drift-check.sh [STACK]   (default: $PULUMI_STACK or dev)
set -euo pipefail

stack="${1:-${PULUMI_STACK:-dev}}"
cd "$(dirname "$0")"

# --refresh             read() re-reads every pinned ImageId from the live catalog first; a
#                       changed ImageUrl is reported as a change of image_url/image_info, a
#                       vanished image as the resource gone (the program then fails to resolve it).
# --expect-no-changes   exit non-zero when the preview has any change.
# --diff                print the property-level diff in the job log.
# Nothing is written: a preview never saves state.
status=0
pulumi preview --stack "$stack" --refresh --expect-no-changes --diff --non-interactive || status=$?

# The same question answered from the state file alone, independent of how the engine presents a
# refresh: exit 1 when a pinned image's ImageUrl changed or its ImageId is gone. It reads
# credentials from TENCENTCLOUD_SECRET_ID/TENCENTCLOUD_SECRET_KEY and TENCENTCLOUD_REGION. The
# stack's own virtualenv (venv/, where requirements.txt installed pulumi-tione) is tried first.
tione_images=venv/bin/tione-images
[ -x "$tione_images" ] || tione_images="$(command -v tione-images || true)"
if [ -n "$tione_images" ]; then
  pulumi stack export --stack "$stack" | "$tione_images" drift - || status=$?
else
  echo "tione-images not found (pip install -r requirements.txt in this folder): the state-file drift check did not run" >&2
  status=2
fi

if [ "$status" -ne 0 ]; then
  echo "drift (or an error) in stack $stack; review the diff above, then accept it with" \
       "'pulumi refresh --stack $stack' and 'pulumi up --stack $stack'" >&2
  exit "$status"
fi
echo "no drift: every pinned TI-ONE image is unchanged"
