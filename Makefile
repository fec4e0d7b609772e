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

# Each run gets its own folder (an earlier run is never overwritten); runs/latest points
# at the newest. `search` prints the top 10 with the baselines' positions.
run: build
	@out=runs/quick-$$(date +%Y%m%d-%H%M%S) && \
	$(ACTSEARCH) search --config runs/presets/quick.ini --out $$out && \
	ln -sfn $$(basename $$out) runs/latest && \
	echo "report: $$out/report.html (also report.md, candidates.csv, summary.json; runs/latest points there)"

test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS) --timeout 600

clean:
	@rm -rf $(BUILD)
