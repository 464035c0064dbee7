# Two commands set everything up on a fresh machine: `make extract` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export PYTHAINLP_OFFLINE := 1

.PHONY: venv extract test lint typecheck pytest bench fixtures golden notebooks clean

venv: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev,notebooks,ocr]'
	touch $(STAMP)

extract: $(STAMP)
	$(PY) -m pipeline extract raw_docs --out extracted

test: lint typecheck pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check pipeline tests bench

typecheck: $(STAMP)
	$(VENV)/bin/mypy pipeline

pytest: $(STAMP)
	$(PY) -m pytest -q

bench: $(STAMP)
	$(PY) -m bench.run

fixtures: $(STAMP)
	$(PY) -m tests.fixtures.variants
	$(PY) -m tests.fixtures.build

notebooks: $(STAMP)
	cd notebooks && ../$(VENV)/bin/jupyter lab $$( [ "$$(id -u)" = 0 ] && echo --allow-root )

# Rewrites tests/golden (the guard test that fails while regenerating is deselected); review
# the diff, then run the golden tests again without UPDATE_GOLDEN.
golden: $(STAMP)
	UPDATE_GOLDEN=1 $(PY) -m pytest -q tests/test_golden.py \
		--deselect tests/test_golden.py::test_goldens_are_not_being_regenerated
	git diff --stat -- tests/golden
	@echo "goldens regenerated: review \`git diff tests/golden\`, then run \`$(PY) -m pytest -q tests/test_golden.py\` without UPDATE_GOLDEN"

clean:
	rm -rf extracted .pytest_cache .mypy_cache .ruff_cache
