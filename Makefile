# x17fit — the two set-up commands are `make reproduce` (main job) and `make test` (tests).
SWIFT     ?= swift
PYTHON    ?= python3
APT_PKGS  := liblapacke-dev libopenblas-dev pkg-config
SUDO      := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
RELEASE   := .build/release
export OPENBLAS_NUM_THREADS ?= 1

.PHONY: all deps build test reproduce bench conformance fuzz fuzz-ci clean

all: build

## Install the system libraries LAPACKE links against, only when pkg-config cannot find them.
deps:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists lapacke; then \
	  echo "installing $(APT_PKGS) (apt-get)"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(APT_PKGS); \
	fi

build: deps
	$(SWIFT) build -c release --product x17fit

## Swift tests, then the Python reader's tests (python/tests) against the x17fit that `swift test` built.
## pip runs only when an import fails; pytest's exit 5 (no test ran) fails the target like any other.
test: deps
	$(SWIFT) test
	@$(PYTHON) -c "import numpy, pandas, matplotlib, pytest" 2>/dev/null || \
	  $(PYTHON) -m pip install -q --disable-pip-version-check --root-user-action=ignore numpy pandas matplotlib pytest
	@test -x .build/debug/x17fit || { echo "make test: .build/debug/x17fit is missing after swift test"; exit 1; }
	@# The package is tested from this checkout (PYTHONPATH), never from a stale installed copy.
	@PYTHONPATH="$(CURDIR)/python" X17FIT_BIN="$(CURDIR)/.build/debug/x17fit" MPLBACKEND=Agg $(PYTHON) -m pytest python/tests -q -p no:cacheprovider; \
	  rc=$$?; [ $$rc -ne 5 ] || echo "make test: pytest ran no test"; exit $$rc

## The main job: build, run the canonical fits, write notebooks-export/ (--force replaces only x17fit's own earlier outputs).
DG_FITS := dg2023-vector-none dg2023-vector-mixing dg2023-vector-mixing-breaking

reproduce: build
	$(RELEASE)/x17fit reproduce --out notebooks-export/reproduce --force
	@for f in $(DG_FITS); do \
	  $(RELEASE)/x17fit export fits/$$f.toml --format all --out notebooks-export/$$f --force || exit $$?; \
	done
	@# The axial 8Be fit's (a_n, a_p) plane with the SINDRUM-I allowed band (fits/axial-be.toml [[profiles]]).
	$(RELEASE)/x17fit export fits/axial-be.toml --format all --out notebooks-export/axial-be --force

## Benchmarks (not tests): x17fit against iminuit on the same problems, side by side.
bench: deps
	sh bench/run.sh

## Conformance with Minuit2: regenerate conformance/iminuit_reference.json with iminuit, then compare.
conformance: deps
	python3 conformance/make_reference.py
	$(SWIFT) test --filter conformanceWithIminuit

## Fuzzing (issue #12 contract): mutated fits/ and datasets/ files run in process; exits non-zero on any breach.
## `make fuzz`: long run with a fresh seed (printed; replay a case with `x17fuzz --replay SEED:INDEX`).
## `make fuzz-ci`: fixed seed and case count, part of CI. Spec (TOML) mutations are on (--toml).
FUZZ_SEED     ?= $(shell date +%s)
FUZZ_TIME     ?= 600
FUZZ_CI_SEED  ?= 20261205
FUZZ_CI_CASES ?= 30000
FUZZ_FLAGS    ?= --toml

fuzz: deps
	$(SWIFT) build -c release --product x17fuzz
	$(RELEASE)/x17fuzz --seed $(FUZZ_SEED) --time-limit $(FUZZ_TIME) $(FUZZ_FLAGS)

fuzz-ci: deps
	$(SWIFT) build -c release --product x17fuzz
	$(RELEASE)/x17fuzz --seed $(FUZZ_CI_SEED) --cases $(FUZZ_CI_CASES) $(FUZZ_FLAGS)

clean:
	rm -rf .build
