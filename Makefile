# ひらつか共創ひろば — two commands: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
FLASK  := $(BIN)/flask --app wsgi
HOST   ?= 127.0.0.1
PORT   ?= 5000

.PHONY: run test setup browser venv assets translations db demo bench bench-pg load serve-prod extract-messages clean

## run: set everything up (venv, packages, assets, migrations, plan, demo data) and serve on HOST:PORT
run: demo
	@echo "ひらつか共創ひろば: http://$(HOST):$(PORT)/  (demo accounts: see README)"
	$(FLASK) run --host $(HOST) --port $(PORT)

## test: set up the same way and run the whole suite (SQLite, or TEST_DATABASE_URL)
test: setup browser
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## browser: Debian Chromium for the real-browser tests (installed with apt when missing and run as root)
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing chromium (apt)"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	  else echo "chromium not found: browser tests will be skipped (sudo apt-get install chromium)"; fi; }

setup: venv assets translations

venv: $(VENV)/.installed
$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

assets: static/vendor/.built
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@
static/vendor/.built: node_modules/.installed
	rm -rf static/vendor
	mkdir -p static/vendor/design-tokens static/vendor/leaflet static/vendor/leaflet.markercluster
	cp node_modules/@digital-go-jp/design-tokens/dist/tokens.css static/vendor/design-tokens/
	cp -r node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css node_modules/leaflet/dist/images static/vendor/leaflet/
	cp node_modules/leaflet.markercluster/dist/leaflet.markercluster.js node_modules/leaflet.markercluster/dist/MarkerCluster.css node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css static/vendor/leaflet.markercluster/
	touch $@

translations: $(VENV)/.installed
	$(BIN)/pybabel compile --use-fuzzy -d translations

## db: apply migrations and (re)load the city plan — safe to repeat
db: setup
	$(FLASK) db upgrade
	$(FLASK) load-plan

demo: db
	$(FLASK) seed-demo

## bench: latency benchmarks through the real app; writes instance/bench.json
bench: setup
	$(BIN)/python -m tests.bench.run

## bench-pg: the same benchmark on PostgreSQL, in a database of its own (created when missing; its schema is dropped)
BENCH_PG_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/hiratsuka_bench
bench-pg: setup
	BENCH_DATABASE_URL=$(BENCH_PG_URL) BENCH_CREATE_DB=1 $(BIN)/python -m tests.bench.run

## load: ≥200 simulated residents against gunicorn + PostgreSQL + Redis (loopback, ≤ 2 min); instance/load.json
load: setup
	$(BIN)/python -m tests.load.run

## serve-prod: gunicorn as production runs it (needs SECRET_KEY, DATABASE_URL; see README)
serve-prod: setup
	APP_ENV=production $(BIN)/gunicorn --workers $${WEB_CONCURRENCY:-3} --bind $(HOST):$(PORT) --access-logfile - wsgi:app

## extract-messages: refresh the translation catalogue after changing user-visible strings
extract-messages: venv
	$(BIN)/pybabel extract -F babel.cfg -k _l -o translations/messages.pot .
	$(BIN)/pybabel update -i translations/messages.pot -d translations

clean:
	rm -rf $(VENV) node_modules static/vendor .pytest_cache
