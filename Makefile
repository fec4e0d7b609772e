# The README's set-up commands: `make run` and `make test` (see README.md).
BUILD ?= build
JOBS ?= 2
CMAKE_FLAGS ?=
ACTSEARCH = $(BUILD)/actsearch

.PHONY: all deps configure build run test clean

all: build

deps:
	@bash cmake/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS)

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

run: build
	@$(ACTSEARCH) search --config runs/presets/quick.ini --out runs/latest
	@$(ACTSEARCH) report runs/latest --top 10 --format md --stdout
	@echo "report: runs/latest/report.html (also report.md, candidates.csv, summary.json)"

test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS) --timeout 600

clean:
	@rm -rf $(BUILD)
