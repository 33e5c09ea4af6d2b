# intermart: the commands of the README, and the local services behind them.
#
# Ports: INTERMART_PG_PORT (55432), INTERMART_MINIO_PORT (59000, console +1),
# INTERMART_HTTP_PORT (8080). The logic lives in scripts/; see docs/operations.md.

SHELL := /bin/bash

.DEFAULT_GOAL := help
.PHONY: help run stop services status build test api-types bench fuzz lighthouse

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{ printf "  make %-10s %s\n", $$1, $$2 }'

run: ## start the services, build, migrate, load demo data and serve on 127.0.0.1:8080
	@bash scripts/run.sh

stop: ## stop the local PostgreSQL and MinIO
	@bash scripts/services.sh stop

services: ## start the local PostgreSQL and MinIO only
	@bash scripts/services.sh start

status: ## show whether the local services run
	@bash scripts/services.sh status

build: ## build the frontend and .local/bin/intermart
	@bash scripts/build.sh

test: ## everything CI checks: vet, API types, frontend tests, go test, compose, browser tests
	@bash scripts/test.sh

api-types: ## regenerate frontend/openapi.json and frontend/src/api/schema.d.ts
	@bash scripts/api-types.sh

bench: ## run the Go benchmarks against the local services, the directory beside pgbench among them
	@bash scripts/bench.sh

fuzz: ## fuzz the credit-code parser, then the write operations' bodies against a real server, 30 s each
	go test -run '^$$' -fuzz '^FuzzCreditCode$$' -fuzztime 30s ./internal/identity
	@bash scripts/with-services.sh go test -run '^$$' -fuzz '^FuzzWriteBodies$$' -fuzztime 30s -parallel 2 ./internal/app

lighthouse: ## Lighthouse (mobile) on the home page and the directory of a demo server; see docs/benchmarks.md
	@bash scripts/lighthouse.sh
