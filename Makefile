# The README's set-up commands: `make run` and `make test` (see README.md), and `make bench`.
BUILD ?= build
JOBS ?= 2
CMAKE_FLAGS ?=
# Warnings are errors only where asked for: `.ci/run` says WERROR=ON; a user's build never
# fails on a warning.
WERROR ?= OFF
ACTSEARCH = $(BUILD)/actsearch
# The peers `make bench` measures against (torch_mlp.py): ../shared/peers next to the repo.
PEERS ?= ../shared/peers
BENCH_TARGETS = actsearch bench_train bench_program bench_search bench_efficiency

.PHONY: all deps configure build program run test test-fast bench clean

all: build

deps:
	@bash cmake/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DACTSEARCH_WERROR=$(WERROR) $(CMAKE_FLAGS)

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

# The program alone: what `make run` needs (the tests are built by `make test`).
program: configure
	@cmake --build $(BUILD) -j $(JOBS) --target actsearch

# Each run gets its own folder (an earlier run is never overwritten); runs/latest points
# at the newest. `search` prints the top 10 with the baselines' positions.
run: program
	@out=runs/quick-$$(date +%Y%m%d-%H%M%S) && \
	$(ACTSEARCH) search --config runs/presets/quick.ini --out $$out && \
	ln -sfn $$(basename $$out) runs/latest && \
	echo "report: $$out/report.html (also report.md, candidates.csv, summary.json; runs/latest points there)"

test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS) --timeout 600

# Every test but those labelled slow (the consumer package, MPI runs, the Python oracles,
# engine searches that take seconds): for the edit-build-test loop. `make test` runs them all.
test-fast: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS) --timeout 600 -LE slow

# Every speed and efficiency claim against its peer, in one run (README "Benchmarks"); not
# part of `make test`. The peer needs OpenBLAS under torch (../shared/peers/README.md).
bench: configure
	@bash cmake/install-deps.sh libopenblas0-openmp
	@cmake --build $(BUILD) -j $(JOBS) --target $(BENCH_TARGETS)
	@/usr/bin/python3 tests/bench/run_bench.py --build $(BUILD) --peers $(PEERS)

clean:
	@rm -rf $(BUILD)

# `make check` (README): every test under AddressSanitizer + UndefinedBehaviorSanitizer, the
# search tests (the threaded evaluator and engine) under ThreadSanitizer, and a short run of
# each libFuzzer target from its seed corpus. Each has its own build folder; the stages run
# one after the other even under `make -j`, as each already uses $(JOBS) cores. The fuzz
# build uses clang (libFuzzer); the project's warning policy is GCC 12's, so clang's own
# warnings do not fail it.
ASAN_BUILD ?= build-asan
TSAN_BUILD ?= build-tsan
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 25
FUZZ_SEED ?= 1
# -O1 with line tables only: half the compile time of -O2 -g, and reports still name the
# file and line (what the sanitizers' documentation recommends for speed and readable stacks).
# MPI off: Open MPI itself is not instrumented, so sanitizers would report the library's own
# allocations and threads; `make test` runs the MPI tests.
CHECK_CMAKE = -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" \
	-DACTSEARCH_MPI=OFF
# Leaks, UB and data races fail the test that shows them; tests/tsan.supp says which races
# TSan cannot judge (those through Debian's libtbb, which is not built with TSan).
CHECK_ENV = ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1:history_size=7:suppressions=$(CURDIR)/tests/tsan.supp

.PHONY: check check-simd check-asan check-tsan check-fuzz

check:
	@$(MAKE) --no-print-directory check-simd
	@$(MAKE) --no-print-directory check-asan
	@$(MAKE) --no-print-directory check-tsan
	@$(MAKE) --no-print-directory check-fuzz

check-asan: deps
	@cmake -S . -B $(ASAN_BUILD) $(CHECK_CMAKE) \
		-DACTSEARCH_SANITIZE=address,undefined -DACTSEARCH_WERROR=$(WERROR) $(CMAKE_FLAGS)
	@cmake --build $(ASAN_BUILD) -j $(JOBS) --target grammar_tests nn_tests search_tests
	@cd $(ASAN_BUILD) && $(CHECK_ENV) ctest --output-on-failure -j $(JOBS) --timeout 1200

# Without precompiled headers: a search file that forgets an include of its own (which the
# precompiled {fmt} and JSON headers would hide) fails here.
check-tsan: deps
	@cmake -S . -B $(TSAN_BUILD) $(CHECK_CMAKE) \
		-DACTSEARCH_SANITIZE=thread -DACTSEARCH_WERROR=$(WERROR) -DACTSEARCH_PCH=OFF $(CMAKE_FLAGS)
	@cmake --build $(TSAN_BUILD) -j $(JOBS) --target search_tests
	@cd $(TSAN_BUILD) && $(CHECK_ENV) ctest --output-on-failure -j $(JOBS) --timeout 1200 -L search

check-fuzz: deps
	@cmake -S . -B $(FUZZ_BUILD) $(CHECK_CMAKE) -DCMAKE_CXX_COMPILER=clang++ \
		-DACTSEARCH_FUZZ=ON -DACTSEARCH_SANITIZE=address,undefined -DACTSEARCH_WERROR=OFF \
		$(CMAKE_FLAGS)
	@cmake --build $(FUZZ_BUILD) -j $(JOBS) --target fuzz
	@$(CHECK_ENV) FUZZ_SEED=$(FUZZ_SEED) bash tests/fuzz/smoke.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

# The SIMD-heavy libraries (grammar, nn) and their tests compiled for AVX-512 (x86-64-v4)
# and for baseline x86-64 (x86-64-v2), warnings as errors, whatever CPU this is: a warning
# that only one instruction set brings (GCC 12's AVX-512 intrinsics) fails here rather than
# in a user's build on that CPU. Each build's tests run where this CPU can run them.
SIMD_ARCHS ?= x86-64-v4 x86-64-v2
check-simd: deps
	@for arch in $(SIMD_ARCHS); do \
	  cmake -S . -B build-$$arch -DCMAKE_BUILD_TYPE=Release -DACTSEARCH_NATIVE=OFF \
	    -DCMAKE_CXX_FLAGS=-march=$$arch -DACTSEARCH_WERROR=ON -DACTSEARCH_MPI=OFF \
	    $(CMAKE_FLAGS) >/dev/null && \
	  cmake --build build-$$arch -j $(JOBS) --target grammar_tests nn_tests || exit 1; \
	  if bash cmake/cpu-runs.sh $$arch; then \
	    (cd build-$$arch && ctest --output-on-failure -j $(JOBS) -L 'grammar|nn') || exit 1; \
	  else echo "check-simd: built for $$arch; this CPU cannot run it, so its tests are not run"; fi; \
	done
