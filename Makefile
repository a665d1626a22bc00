# City portal: set-up, run and test with one command each. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed-stamp

# A local secret key, generated once, so that `make run` can run with DEBUG off.
SECRET_FILE := var/secret_key
$(shell mkdir -p var && test -s $(SECRET_FILE) || (umask 077 && head -c 48 /dev/urandom | base64 | tr -d '\n/+=' > $(SECRET_FILE)))
export DJANGO_SECRET_KEY ?= $(shell cat $(SECRET_FILE))
export DJANGO_ALLOWED_HOSTS ?= 127.0.0.1,localhost

.PHONY: help
help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml requirements.lock
	@test -x $(PY) || "$$(scripts/python.sh)" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	@touch $@

.PHONY: install
install: $(STAMP) ## Create .venv and install the locked dependencies

.PHONY: db-start
db-start: ## Start the project's own PostgreSQL (unless DATABASE_URL is set)
	@scripts/db.sh start

.PHONY: db-stop
db-stop: ## Stop the project's own PostgreSQL
	@scripts/db.sh stop

.PHONY: setup
setup: install db-start ## Install, start the database, migrate, collect static files, load demo content
	$(MANAGE) migrate --no-input -v 0
	$(MANAGE) createcachetable
	$(MANAGE) collectstatic --no-input -v 0
	scripts/messages.sh compile
	$(MANAGE) seed_demo

.PHONY: run
run: setup serve ## Set everything up and serve the portal on http://127.0.0.1:8000

# Each worker is replaced after about 10,000 requests (spread by the jitter, so that they are not
# all replaced at once): memory a worker took for one large request is given back.
# No control socket: gunicorn would otherwise open one in the home folder, shared by every
# server started there.
GUNICORN_ARGS := --workers 2 --max-requests 10000 --max-requests-jitter 1000 --access-logfile - \
	--no-control-socket

.PHONY: serve
serve: ## Serve with gunicorn on http://127.0.0.1:8000 and run the mail worker (no set-up)
	scripts/serve.sh --bind 127.0.0.1:8000 $(GUNICORN_ARGS) \
		$(if $(filter 1 true yes on,$(DJANGO_DEBUG)),--reload)

.PHONY: test
test: install db-start ## Run the whole test suite (T=path::name runs one test)
	@scripts/messages.sh compile
	@export CHROMIUM_PATH="$$(scripts/chromium.sh)" VNU_JAR="$$(scripts/vnu.sh)" && \
		$(VENV)/bin/pytest $(or $(T),tests)

.PHONY: cluster
cluster: install ## Serve as on several machines: nginx, two app nodes, a database replica, Redis
	@scripts/cluster.sh start

.PHONY: cluster-stop
cluster-stop: ## Stop everything make cluster started
	@scripts/cluster.sh stop

.PHONY: cluster-test
cluster-test: cluster ## Test the running cluster over HTTP (starts it first when it is not running)
	@eval "$$(scripts/cluster.sh env)" && PORTAL_CLUSTER_TESTS=1 $(VENV)/bin/pytest tests/cluster

.PHONY: bench
bench: install db-start ## City-scale benchmark into docs/benchmarks.md (BENCH_ARGS=--rebuild)
	$(PY) -m scripts.bench.run $(BENCH_ARGS)

.PHONY: bench-cluster
bench-cluster: cluster ## Throughput of make cluster, one node and two behind nginx (docs/benchmarks.md)
	@eval "$$(scripts/cluster.sh env)" && $(PY) -m scripts.bench.cluster

.PHONY: backup
backup: install db-start ## Back up the database, media and attachments into var/backups/<time>/
	$(MANAGE) backup -v 2

.PHONY: restore
restore: install db-start ## Restore a backup into a fresh database and file tree (FILE=var/backups/<time>)
	@test -n "$(FILE)" || { echo "Say which backup: make restore FILE=var/backups/<time>" >&2; exit 2; }
	$(MANAGE) restore "$(FILE)"

.PHONY: lint
lint: install ## Check code with ruff (lint and format)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

.PHONY: format
format: install ## Fix what ruff can fix and format the code
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

.PHONY: check
check: install db-start ## Django's system checks and the missing-migrations check
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

.PHONY: lock
lock: install ## Re-resolve requirements.lock from pyproject.toml
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --python-version 3.12 --quiet \
		--no-header --output-file requirements.lock

.PHONY: messages
messages: install ## Collect the messages to translate into the .po files (then translate them)
	scripts/messages.sh update
