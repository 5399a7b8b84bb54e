# Every target creates .venv and installs what it needs (fresh machine friendly): the package alone
# for the demo (RUNTIME), plus the test and lint extras for test, lint, bench and dist (DEV).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
PIP := $(PY) -m pip install --quiet --disable-pip-version-check

# The one statement of the Python needed: pyproject.toml's requires-python (">=3.11").
NEEDS_PYTHON := $(shell sed -n 's/^requires-python = ">=\([0-9.]*\)"/\1/p' pyproject.toml)

.PHONY: demo test lint engine sdks bench bench-startup bench-engine dist clean

# Building the venv first refuses an unsupported interpreter at once (pip would otherwise backtrack
# for minutes before failing).
define check_python
	@$(PYTHON) -c 'import sys; need = tuple(int(p) for p in "$(NEEDS_PYTHON)".split(".")); \
	sys.exit(0 if sys.version_info[:2] >= need else "error: pulumi-tione needs Python $(NEEDS_PYTHON) or newer; " \
	"$(PYTHON) is Python %d.%d: run make with PYTHON=python$(NEEDS_PYTHON) (or newer)" % sys.version_info[:2])' \
	|| { command -v $(PYTHON) >/dev/null || echo "error: $(PYTHON) not found; pulumi-tione needs Python $(NEEDS_PYTHON) or newer (PYTHON=...)" >&2; exit 1; }
endef

# The package and its runtime dependencies: what the demo and the examples need.
$(STAMP): pyproject.toml
	$(check_python)
	$(PYTHON) -m venv $(VENV)
	$(PIP) -e .
	touch $(STAMP)

# The test and lint extras on top (pytest, hypothesis, tccli and the full SDK, ruff, mypy...).
$(DEV_STAMP): $(STAMP)
	$(PIP) -e '.[test,lint]'
	touch $(DEV_STAMP)

# With a Pulumi CLI at hand (TIONE_DEMO_PULUMI, .engine/bin/pulumi, or pulumi on PATH) the demo also
# deploys and destroys the quickstart stack on its emulator; without one it says how to get one.
demo: $(STAMP)
	$(VENV)/bin/tione-images demo

lint: $(DEV_STAMP)
	$(VENV)/bin/ruff check provider tests bench examples plugin
	$(VENV)/bin/mypy

# The pinned Pulumi engine (CLI and language hosts, built from Go modules; engine/README.md) into
# .engine/bin. Idempotent: seconds when nothing changed. The tests always use this one.
engine:
	engine/build.sh

# schema.json (the schema the plugin serves) and the SDKs generated from it by Pulumi's own code
# generators at the pinned version (engine/cli/sdkgen): sdk/nodejs, sdk/go. Offline once the
# engine/cli modules are in Go's module cache (make engine, or go mod download in engine/cli).
sdks: $(STAMP)
	$(PY) -m pulumi_tione.native.boot --write-schema
	$(PY) -m pulumi_tione.native.schema_file --write schema.json
	cd engine/cli && go run -trimpath -tags osusergo,grpcnotrace ./sdkgen -schema ../../schema.json \
		-nodejs ../../sdk/nodejs -go ../../sdk/go

test: lint engine
	$(PY) -m pytest

# Every measurement, the bench under the pinned engine included (it fails at once without one:
# run make engine; ENGINE_BIN points at another build).
bench: $(DEV_STAMP)
	$(PY) bench/run.py

# Just the shell-prompt comparison (tione-images resolve vs tccli) and the import totals: a minute.
bench-startup: $(DEV_STAMP)
	$(PY) bench/run.py startup

# Just the bench under the pinned engine: pulumi preview of 500 images (native plugin, dynamic
# provider, a do-nothing provider) and pulumi up/destroy of 20 notebooks + 20 training tasks.
bench-engine: $(DEV_STAMP)
	$(PY) bench/run.py engine

# The sdist, and the wheel built from it, in dist/ (`pip install dist/pulumi_tione-*.whl` needs no
# checkout). `build` is fetched on first use.
dist: $(STAMP)
	rm -rf dist build
	$(PY) -m build --version >/dev/null 2>&1 || $(PY) -m pip install --quiet --disable-pip-version-check build
	$(PY) -m build --outdir dist . >/dev/null
	@ls dist

clean:
	rm -rf $(VENV) .engine .mypy_cache .ruff_cache .pytest_cache .hypothesis dist build
