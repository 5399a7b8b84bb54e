#!/usr/bin/env bash
# make engine: builds the pinned Pulumi engine (CLI + language hosts + helper scripts) from Go
# modules into .engine/bin (git-ignored). Idempotent: a second run with the same pins returns in
# well under a second. What is pinned, and why, is in engine/README.md.
#
# Environment: ENGINE_BIN overrides the output folder; GO picks the go command.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
bin="${ENGINE_BIN:-$root/.engine/bin}"
go_cmd="${GO:-go}"
cd "$root/engine"

# The pins, written once: engine/*/go.mod (and go.sum). The versions printed and stamped into the
# binaries are read from there.
pin() {  # $1: a go.mod, $2: a module it requires (one-line or block form): prints the version
    awk -v m="$2" '$1 == m { print $2; exit } $1 == "require" && $2 == m { print $3; exit }' "$1"
}
cli_version="$(pin cli/go.mod github.com/pulumi/pulumi/pkg/v3)"
hosts_version="$(pin hosts/go.mod github.com/pulumi/pulumi/sdk/v3)"
yaml_version="$(pin yaml/go.mod github.com/pulumi/pulumi-yaml)"
declare -A pinned=([cli]="github.com/pulumi/pulumi/pkg/v3@$cli_version"
                   [hosts]="github.com/pulumi/pulumi/sdk/v3@$hosts_version"
                   [yaml]="github.com/pulumi/pulumi-yaml@$yaml_version")
for m in cli hosts yaml; do
    if [[ "${pinned[$m]}" == *@ ]]; then
        echo "error: engine/$m/go.mod does not require ${pinned[$m]%@} (engine/README.md)" >&2
        exit 1
    fi
done
binaries=(pulumi pulumi-language-python pulumi-language-python-exec pulumi-resource-pulumi-python
          pulumi-language-nodejs pulumi-language-yaml)

key="$(cat cli/go.mod cli/go.sum hosts/go.mod hosts/go.sum yaml/go.mod yaml/go.sum build.sh \
       | sha256sum | cut -c1-16)"
stamp="$bin/.built-$key"
if [[ -f "$stamp" ]]; then
    missing=0
    for b in "${binaries[@]}"; do [[ -x "$bin/$b" ]] || missing=1; done
    if [[ $missing == 0 ]]; then
        echo "engine: up to date in ${bin#"$root"/} (pulumi $cli_version)"
        exit 0
    fi
fi

if ! command -v "$go_cmd" >/dev/null; then
    echo "error: make engine needs Go 1.26 or newer on PATH (go.dev/dl); it builds the Pulumi CLI" \
         "$cli_version from the Go module proxy. A pulumi already on PATH is used by make demo" \
         "without building; the tests always use the pinned one." >&2
    exit 1
fi

fail() {  # $1: what failed, $2: the module(s), $3: the log file
    echo "error: make engine could not $1 ($2):" >&2
    grep -E 'go: |error|cannot|403|404|timeout' "$3" | head -15 >&2 || tail -15 "$3" >&2
    echo "Check that the Go module proxy serves $2 (GOPROXY=$("$go_cmd" env GOPROXY)); the full" \
         "log is $3." >&2
    exit 1
}

mkdir -p "$bin"
log="$(mktemp "${TMPDIR:-/tmp}/tione-engine.XXXXXX")"
flags=(-trimpath -tags osusergo,grpcnotrace)
start=$SECONDS
step() { echo "engine: [$1/4] $2 ($((SECONDS - start)) s)"; }

step 1 "fetching the pinned modules (engine/cli, engine/hosts, engine/yaml)"
for m in cli hosts yaml; do
    (cd "$m" && "$go_cmd" mod download 2>>"$log") \
        || fail "fetch the Go modules of engine/$m" "${pinned[$m]} and its dependencies" "$log"
done

step 2 "building pulumi $cli_version (github.com/pulumi/pulumi/pkg/v3/cmd/pulumi; a few minutes the first time)"
(cd cli && "$go_cmd" build "${flags[@]}" -o "$bin/" \
    -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$cli_version" \
    github.com/pulumi/pulumi/pkg/v3/cmd/pulumi >>"$log" 2>&1) \
    || fail "build the Pulumi CLI" "github.com/pulumi/pulumi/pkg/v3@$cli_version" "$log"

step 3 "building the Python and Node.js language hosts (github.com/pulumi/pulumi/sdk/v3@$hosts_version)"
(cd hosts && "$go_cmd" build "${flags[@]}" -o "$bin/" \
    -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$hosts_version" \
    github.com/pulumi/pulumi/sdk/v3/python/cmd/pulumi-language-python \
    github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs >>"$log" 2>&1) \
    || fail "build the language hosts" "github.com/pulumi/pulumi/sdk/v3@$hosts_version" "$log"

step 4 "building the YAML language host (github.com/pulumi/pulumi-yaml@$yaml_version)"
(cd yaml && "$go_cmd" build "${flags[@]}" -o "$bin/" \
    -ldflags "-s -w -X github.com/pulumi/pulumi-yaml/pkg/version.Version=$yaml_version" \
    github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml >>"$log" 2>&1) \
    || fail "build the YAML language host" "github.com/pulumi/pulumi-yaml@$yaml_version" "$log"

# The helper scripts the Python host and the Python dynamic provider need, from the CLI's sdk/v3
# (module-cache files are read-only and not executable: install -m 0755).
sdk="$(cd cli && "$go_cmd" list -m -f '{{.Dir}}' github.com/pulumi/pulumi/sdk/v3)"
install -m 0755 "$sdk/python/cmd/pulumi-language-python-exec" "$bin/pulumi-language-python-exec"
install -m 0755 "$sdk/python/dist/pulumi-resource-pulumi-python" "$bin/pulumi-resource-pulumi-python"

rm -f "$bin"/.built-* "$log"
touch "$stamp"
echo "engine: built in ${bin#"$root"/} in $((SECONDS - start)) s: $("$bin/pulumi" version)," \
     "language hosts python, nodejs ($hosts_version), yaml ($yaml_version)"
