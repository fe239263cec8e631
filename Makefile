# Two commands do all set-up on a fresh machine: `make run` and `make test`.
# Each creates .venv from the requirements files itself; `make test` also installs Debian's
# chromium for the browser tests (never a browser download).

VENV    := .venv
PY      := $(VENV)/bin/python
PORT    ?= 8501
ADDRESS ?= 127.0.0.1
SUDO    := $(shell [ "$$(id -u)" = "0" ] || echo sudo)
PYTHON3 ?= python3

.PHONY: run run-multi test test-fast build bench bench-national bench-browser bench-hall chromium render-tools haproxy clean

$(VENV)/.runtime: requirements.txt
	$(PYTHON3) -m venv $(VENV)
	$(PY) -m pip install --disable-pip-version-check -q -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt $(VENV)/.runtime
	$(PY) -m pip install --disable-pip-version-check -q -r requirements-dev.txt
	touch $@

chromium:
	@[ -x /usr/bin/chromium ] || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

# Tests render the meeting's outputs to look at them: LibreOffice opens the DOCX/XLSX and
# writes PDF, pdftoppm turns PDF pages into PNG, Liberation fonts stand in for Times New Roman
# (same metrics). Only for tests: `make run` needs none of them.
render-tools:
	@{ command -v lowriter && command -v localc && command -v pdftoppm && fc-list | grep -qi "Liberation Serif"; } \
	  >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	  $(SUDO) apt-get install -y -qq --no-install-recommends libreoffice-writer \
	  libreoffice-calc poppler-utils fonts-liberation2 >/dev/null; }

# The reverse proxy of `make run-multi` (and of its test and the hall benchmark): Debian's
# HAProxy, run by deploy/serve_multi.py in the foreground, never as a system service.
haproxy:
	@{ command -v haproxy || [ -x /usr/sbin/haproxy ]; } >/dev/null 2>&1 || { $(SUDO) apt-get \
	  update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq \
	  --no-install-recommends haproxy >/dev/null; }

# The store is built when missing and upgraded in place when an earlier version wrote it
# (`upgrade` leaves a current store untouched): the dashboard only reads, it never builds.
run: $(VENV)/.runtime
	@[ -f "$${CDHT_DB:-data/cdht.duckdb}" ] || $(PY) -m cdht_data build
	$(PY) -m cdht_data upgrade
	$(PY) deploy/serve.py run dashboard.py --server.headless true --server.port $(PORT) \
	  --server.address $(ADDRESS) \
	  --browser.gatherUsageStats false

# Several dashboard processes behind HAProxy on $(PORT), all reading the same store; one
# cookie keeps each tab on its process (deploy/haproxy.cfg.in, README "Nhiều người xem cùng lúc").
PROCESSES ?= 2
run-multi: $(VENV)/.runtime haproxy
	@[ -f "$${CDHT_DB:-data/cdht.duckdb}" ] || $(PY) -m cdht_data build
	$(PY) -m cdht_data upgrade
	$(PY) -m deploy.serve_multi --processes $(PROCESSES) --port $(PORT) --address $(ADDRESS)

build: $(VENV)/.runtime
	$(PY) -m cdht_data build

bench: $(VENV)/.dev
	$(PY) -m bench --people 10000000

# The country's real size (about 70 million adults), synthetic: about 6 GB of files in
# bench-results/work/ (kept for the next run; the stores are rebuilt each time) and, on the
# 2-core machine, half an hour or more. The national goals: Parquet import ≥ 1M rows/s, page
# queries p95 ≤ 50 ms, full recompute ≤ 3 s, peak memory ≤ 4 GB; no CSV import (none of
# them is about CSV, and 70M records are 4.7 GB of CSV: `make bench` times CSV at 10M).
bench-national: $(VENV)/.dev
	@free=$$(df -BG --output=avail . | tail -1 | tr -dc '0-9'); [ "$$free" -ge 15 ] || \
	  { echo "Cần ít nhất 15 GB trống trên đĩa cho lượt đo cả nước (còn $$free GB)."; exit 1; }
	$(PY) -m bench --people 70000000 --no-csv

# Every page in Debian's chromium against a bare Streamlit app, on the bundled data (RUNS=5).
RUNS ?= 5
bench-browser: $(VENV)/.dev chromium
	$(PY) -m bench browser --runs $(RUNS)

# The meeting hall: SESSIONS tabs at once switching through every page, one process against
# two behind HAProxy (bench/hall.py), on the bundled data.
SESSIONS ?= 30
bench-hall: $(VENV)/.dev haproxy
	$(PY) -m bench hall --sessions $(SESSIONS)

test: $(VENV)/.dev chromium render-tools haproxy
	$(PY) -m pytest -q --numprocesses=auto

# Every test but those marked slow (the browser journeys, the benchmark's smoke run, the
# store-safety tests that start and kill processes, and any test over 5 s): a quick check while
# working. `make test` runs them all and is the check that counts.
test-fast: $(VENV)/.dev
	$(PY) -m pytest -q -m "not slow" --numprocesses=auto

clean:
	rm -rf $(VENV) data/cdht.duckdb data/cdht.duckdb.wal data/cdht.duckdb.lock \
	  data/.cdht.duckdb.write-*
