# The README's set-up commands: `make run` and `make test` (see README.md), and `make bench`.
BUILD ?= build
JOBS ?= 2
CMAKE_FLAGS ?=
ACTSEARCH = $(BUILD)/actsearch
# The peers `make bench` measures against (torch_mlp.py): ../shared/peers next to the repo.
PEERS ?= ../shared/peers
BENCH_TARGETS = actsearch bench_train bench_program bench_search bench_efficiency

.PHONY: all deps configure build run test bench clean

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

# Every speed and efficiency claim against its peer, in one run (README "Benchmarks"); not
# part of `make test`. The peer needs OpenBLAS under torch (../shared/peers/README.md).
bench: configure
	@bash cmake/install-deps.sh libopenblas0-openmp
	@cmake --build $(BUILD) -j $(JOBS) --target $(BENCH_TARGETS)
	@/usr/bin/python3 tests/bench/run_bench.py --build $(BUILD) --peers $(PEERS)

clean:
	@rm -rf $(BUILD)
