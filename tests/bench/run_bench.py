#!/usr/bin/python3
"""`make bench`: every speed and efficiency claim of actsearch against its peer, measured
in the same run, printed as one table and written as JSON.

  /usr/bin/python3 tests/bench/run_bench.py [--build build] [--peers DIR] [--json FILE]
      [--only w3,w4,w5]

Each row is a median over repetitions (min and max beside it); where there is a peer the
repetitions alternate ours / peer, so load on the shared machine hits both alike, and the
ratio is taken per repetition. The peers folder defaults to ../shared/peers next to the
repository root ($ACTSEARCH_PEERS or --peers override it). Refuses to compare against a
torch that did not load OpenBLAS (compare_torch.check_blas).
"""
import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time

import compare_torch as ct

REPS = 3                # repetitions of every timed workload
EFFICIENCY_SEEDS = 5    # run seeds of the search-efficiency workload
EFFICIENCY_BUDGET = 200  # trained evaluations per search before giving up
HALVING_BUDGET = 48


def parse_args():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--build", default=os.path.join(ct.REPO, "build"))
    p.add_argument("--peers", default=os.environ.get(
        "ACTSEARCH_PEERS", os.path.join(os.path.dirname(ct.REPO), "shared", "peers")))
    p.add_argument("--json", help="where to write the table (default BUILD/bench.json)")
    p.add_argument("--only", help="comma-separated stages to run (default: all): " +
                   ", ".join(STAGES))
    a = p.parse_args()
    a.only = a.only.split(",") if a.only else list(STAGES)
    unknown = [s for s in a.only if s not in STAGES]
    if unknown:
        p.error("unknown stage %s (valid: %s)" % (unknown[0], ", ".join(STAGES)))
    return a


# The stages of `make bench`, in order.
STAGES = {
    "w1": lambda b: b.training("w1", 1.5),
    "w2": lambda b: b.training("w2", 20),
    "w1x2": lambda b: b.training_2("w1", 1.5),
    "w2x2": lambda b: b.training_2("w2", 20),
    "w3": lambda b: b.training("w3", 2),
    "w4": lambda b: b.training("w4", 2),
    "w5": lambda b: b.training("w5", 2),
    "program": lambda b: b.program(),
    "scaling": lambda b: b.scaling(),
    "efficiency": lambda b: b.efficiency(),
    "halving": lambda b: b.halving(),
    "search": lambda b: b.search_cost(),
}


class Table:
    """The rows of the report: figures per repetition, reduced to median, min and max."""

    def __init__(self):
        self.rows = []

    def add(self, name, unit, ours, peer, ratios, target, met, note=""):
        def stats(values):
            if not values:
                return None
            return {"median": statistics.median(values), "min": min(values),
                    "max": max(values), "n": len(values)}
        row = {"workload": name, "unit": unit, "ours": stats(ours), "peer": stats(peer),
               "ratio": stats(ratios), "target": target, "met": met, "note": note}
        self.rows.append(row)
        print("  %-34s %s" % (name, fmt_stats(row["ratio"]) if ratios else
                              fmt_stats(row["ours"])), flush=True)

    def print(self):
        head = ("workload", "ours", "peer", "ratio ours/peer", "n", "target", "met")
        lines = [head]
        for r in self.rows:
            n = (r["ratio"] or r["ours"] or {"n": 0})["n"]
            lines.append((r["workload"], fmt_value(r["ours"], r["unit"]),
                          fmt_value(r["peer"], r["unit"]), fmt_stats(r["ratio"]), str(n),
                          r["target"], {True: "yes", False: "NO", None: "-"}[r["met"]]))
        widths = [max(len(l[i]) for l in lines) for i in range(len(head))]
        for i, l in enumerate(lines):
            print("| " + " | ".join(c.ljust(w) for c, w in zip(l, widths)) + " |")
            if i == 0:
                print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
        for r in self.rows:
            if r["note"]:
                print("- %s: %s" % (r["workload"], r["note"]))


def fmt_num(v):
    return "%.3g" % v if abs(v) < 100 else "{:,.0f}".format(v)


def fmt_stats(s):
    if s is None:
        return "-"
    if s["n"] == 1:
        return fmt_num(s["median"])
    return "%s [%s-%s]" % (fmt_num(s["median"]), fmt_num(s["min"]), fmt_num(s["max"]))


def fmt_value(s, unit):
    return "-" if s is None else "%s %s" % (fmt_stats(s), unit)


def run(cmd, env=None):
    """The standard output of `cmd`; exits with its last error line when it fails."""
    p = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if p.returncode:
        last = (p.stderr.strip().splitlines() or ["exit status %d" % p.returncode])[-1]
        sys.exit("error: %s failed: %s" % (os.path.basename(cmd[1 if "python" in cmd[0] else 0]),
                                          last))
    return p.stdout


def run_json_lines(cmd, env=None):
    return [json.loads(l) for l in run(cmd, env).splitlines() if l.startswith("{")]


def run_benchmark(cmd):
    """A Google Benchmark executable's runs (--benchmark_format=json)."""
    return json.loads(run(cmd + ["--benchmark_format=json"]))["benchmarks"]


def concurrent(cmds, env):
    """Starts every command at once; their last JSON lines, in order."""
    procs = [subprocess.Popen(c, stdout=subprocess.PIPE, text=True, env=env) for c in cmds]
    outs = [p.communicate()[0] for p in procs]
    if any(p.returncode for p in procs):
        sys.exit("error: %s failed" % " ".join(cmds[0][:2]))
    return [json.loads(o.strip().splitlines()[-1]) for o in outs]


class Bench:
    def __init__(self, a, tmp):
        self.build, self.tmp, self.table = a.build, tmp, Table()
        self.peers = a.peers
        self.simd = "not measured (no training stage ran)"
        self.peer = os.path.join(a.peers, "torch_mlp.py")
        for peer in (self.peer, os.path.join(a.peers, "torch_cnn.py")):
            if not os.path.exists(peer):
                sys.exit("error: peer %s not found (set PEERS=DIR for make bench, or "
                         "ACTSEARCH_PEERS)" % peer)
        self.spirals = os.path.join(tmp, "spirals.csv")
        subprocess.run(["/usr/bin/python3", self.peer, "--activation", "relu", "--dump-spirals",
                        self.spirals, "--train", "2000", "--val", "500"], check=True)

    def tool(self, name):
        return os.path.join(self.build, "tests", "bench", name)

    def ours_cmd(self, workload, seed):
        extra = ["--spirals", self.spirals] if workload == "w2" else []
        return [self.tool("bench_train"), "--workload", workload, "--seeds", str(seed)] + extra

    def peer_cmd(self, workload, seed):
        return ct.peer_command(self.peers, workload, seed)

    def training(self, workload, target):
        """One thread each: throughput and accuracy, seeds 0..REPS-1."""
        env = ct.one_thread_env()
        rows = []
        for seed in range(REPS):
            ours = run_json_lines(self.ours_cmd(workload, seed), env)[-1]
            peer = run_json_lines(self.peer_cmd(workload, seed), env)[-1]
            ct.check_blas(peer)
            self.simd = ours["simd"]
            rows.append((ours["samples_per_second"], peer["samples_per_second"],
                         ours["val_accuracy"], peer["val_accuracy"], ours, peer))
        ratios = [r[0] / r[1] for r in rows]
        name = workload.upper()
        self.table.add(name + " train, 1 thread", "samples/s", [r[0] for r in rows],
                       [r[1] for r in rows], ratios, ">= %gx" % target,
                       statistics.median(ratios) >= target)
        diff = 100 * (statistics.mean(r[2] for r in rows) - statistics.mean(r[3] for r in rows))
        self.table.add(name + " val accuracy (mean)", "", [r[2] for r in rows],
                       [r[3] for r in rows], None, "within 1 point", abs(diff) <= 1.0,
                       "ours - peer = %+.2f points (mean over seeds 0-%d)" % (diff, REPS - 1))
        if workload in ct.NORMALISED:
            self.arithmetic(name, [r[4] for r in rows], [r[5] for r in rows])

    def arithmetic(self, name, ours, peer):
        """GFLOP/s of a training against the core's FMA peak, and its peak memory."""
        gflops = [o["gflops_nominal"] for o in ours]
        self.table.add(name + " GFLOP/s, 1 thread", "GFLOP/s", gflops,
                       [p["gflops_nominal"] for p in peer], None, "", None,
                       "nominal (6 x multiply-adds per sample); ours at %.0f%% of this core's "
                       "FMA peak of %.0f GFLOP/s (%s)"
                       % (100 * statistics.median(gflops) / self.fma_peak[0], self.fma_peak[0],
                          self.fma_peak[1]))
        if name == "W5":
            rss = [o["peak_rss_mib"] for o in ours]
            self.table.add("W5 peak RSS, one training", "MiB", rss, None, None, "<= 300 MiB",
                           max(rss) <= 300)

    def training_2(self, workload, target):
        """Two trainings at once, one thread each, on both sides: samples/s summed."""
        env = ct.one_thread_env()
        rows = []
        for rep in range(REPS):
            seeds = (rep, rep + REPS)
            ours = concurrent([self.ours_cmd(workload, s) for s in seeds], env)
            peer = concurrent([self.peer_cmd(workload, s) for s in seeds], env)
            ct.check_blas(peer[0])
            rows.append((sum(o["samples_per_second"] for o in ours),
                         sum(p["samples_per_second"] for p in peer)))
        ratios = [o / p for o, p in rows]
        self.table.add(workload.upper() + " train, 2 threads", "samples/s",
                       [r[0] for r in rows], [r[1] for r in rows], ratios,
                       ">= %gx" % target, statistics.median(ratios) >= target,
                       "two trainings at once on each side, one thread each (seeds r, r+3)")

    def measure_fma_peak(self):
        """The core's float FMA peak (../shared/peers/gemm_peak.cpp, built here for this CPU)
        and the widest SIMD it reached it with."""
        exe = os.path.join(self.tmp, "gemm_peak")
        subprocess.run(["g++", "-O3", "-march=native", "-fopenmp", "-DNDEBUG",
                        "-I/usr/include/eigen3", os.path.join(self.peers, "gemm_peak.cpp"),
                        "-o", exe], check=True)
        fma = [json.loads(l[5:]) for l in run([exe, "0.15", "3"]).splitlines()
               if l.startswith("JSON ") and '"kind":"fma"' in l and '"threads":1' in l]
        best = max(fma, key=lambda f: f["gflops_median"])
        self.fma_peak = (best["gflops_median"], best["case"].split("_")[0].upper())

    def program(self):
        """Compiled Program vs hand-written Eigen kernel, value and d/dx over 1M floats."""
        pairs = [("swish", "Swish"), ("gelu", "Gelu"), ("mish", "Mish"), ("deep random", "Deep")]
        runs = [b for b in run_benchmark([
            self.tool("bench_program"),
            "--benchmark_filter=^BM_(%s)(Program|Hand)$" % "|".join(p[1] for p in pairs),
            "--benchmark_repetitions=%d" % REPS, "--benchmark_enable_random_interleaving=true"])
            if b.get("run_type") == "iteration"]
        for label, key in pairs:
            ours = [b["cpu_time"] for b in runs if b["run_name"] == "BM_%sProgram" % key]
            peer = [b["cpu_time"] for b in runs if b["run_name"] == "BM_%sHand" % key]
            ratios = [o / p for o, p in zip(ours, peer)]
            target = "<= 1.5x" if key == "Swish" else ""
            met = statistics.median(ratios) <= 1.5 if key == "Swish" else None
            self.table.add("program vs hand kernel: " + label, "ms CPU", ours, peer, ratios,
                           target, met)

    def scaling(self):
        """Evaluator: rung-0 evaluations/s of the quick preset, 2 threads against 1."""
        rates = {1: [], 2: []}
        for _ in range(REPS):
            for threads in (1, 2):
                out = run_benchmark([self.tool("bench_search"),
                                     "--benchmark_filter=^BM_Rung0/threads:%d/" % threads])
                rates[threads].append(out[0]["evaluations_per_s"])
        ratios = [b / a for a, b in zip(rates[1], rates[2])]
        self.table.add("evaluator rung 0, 2 threads vs 1", "evals/s", rates[2], rates[1], ratios,
                       ">= 1.8x", statistics.median(ratios) >= 1.8,
                       "peer column: the same evaluator on 1 thread")

    def search_cost(self):
        """`actsearch search --config runs/presets/quick.ini`: once (it takes minutes)."""
        out = os.path.join(self.tmp, "quick")
        start = time.monotonic()
        proc = subprocess.Popen([os.path.join(self.build, "actsearch"), "search", "--config",
                                 os.path.join(ct.REPO, "runs", "presets", "quick.ini"),
                                 "--out", out, "--quiet"], stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.monotonic() - start
        if status:
            sys.exit("error: actsearch search --config runs/presets/quick.ini failed")
        with open(os.path.join(out, "summary.json")) as f:
            evaluations = json.load(f)["evaluations"]
        self.table.add("quick search: wall time", "s", [wall], None, None, "<= 600 s",
                       wall <= 600, "one run, %d trainings" % evaluations)
        self.table.add("quick search: peak RSS", "MiB", [usage.ru_maxrss / 1024], None, None,
                       "", None)
        self.table.add("quick search: evaluations/hour", "evals/h", [evaluations * 3600 / wall],
                       None, None, "", None)

    def efficiency_run(self, strategy, seed, *extra):
        return run_json_lines([self.tool("bench_efficiency"), "--strategy", strategy, "--seed",
                               str(seed), "--out", os.path.join(self.tmp, "efficiency")] +
                              list(extra))[-1]

    def efficiency(self):
        """Trained evaluations until a Swish-like function is in the running top 5."""
        found = {"evolution": [], "random": []}
        for seed in range(EFFICIENCY_SEEDS):
            for strategy in found:
                r = self.efficiency_run(strategy, seed, "--budget", str(EFFICIENCY_BUDGET))
                first = r["first_swish_top5"]
                found[strategy].append(float("inf") if first is None else first)
        evo, rnd = (statistics.median(found[s]) for s in ("evolution", "random"))
        hits = {s: sum(v != float("inf") for v in found[s]) for s in found}
        self.table.add("evaluations to Swish-like in top 5", "evals", found["evolution"],
                       found["random"], None, "evolution < random", evo < rnd,
                       "ours: evolution, peer: random search; inf: not within %d evaluations "
                       "(found in %d/%d and %d/%d run seeds)"
                       % (EFFICIENCY_BUDGET, hits["evolution"], EFFICIENCY_SEEDS,
                          hits["random"], EFFICIENCY_SEEDS))

    def halving(self):
        """Training spent by successive halving (2 rungs) against full fidelity (1 rung)."""
        rows = []
        for seed in range(REPS):
            runs = [self.efficiency_run("random", seed, "--budget", str(HALVING_BUDGET),
                                        "--full-scale", "3", "--rungs", str(rungs))
                    for rungs in (2, 1)]
            rows.append(runs)
        ratios = [h["search_sample_epochs"] / f["search_sample_epochs"] for h, f in rows]
        equal = sum(h["top1"] == f["top1"] for h, f in rows)
        self.table.add("successive halving: training used", "M sample-epochs",
                       [h["search_sample_epochs"] / 1e6 for h, _ in rows],
                       [f["search_sample_epochs"] / 1e6 for _, f in rows], ratios,
                       "equal top-1", equal == len(rows),
                       "saved %.0f%% of the training of full fidelity; final top-1 equal in %d "
                       "of %d run seeds" % (100 * (1 - statistics.median(ratios)), equal,
                                            len(rows)))


def cpu_model():
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return "unknown"


def strict_json(o):
    """`o` with non-finite numbers (a search that never found its target) as null."""
    if isinstance(o, dict):
        return {k: strict_json(v) for k, v in o.items()}
    if isinstance(o, list):
        return [strict_json(v) for v in o]
    if isinstance(o, float) and not math.isfinite(o):
        return None
    return o


def main():
    a = parse_args()
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        b = Bench(a, tmp)
        b.measure_fma_peak()
        print("measuring (each line: ratio or figure, median [min-max])", flush=True)
        for stage in a.only:
            STAGES[stage](b)
    print("\nmake bench: %.0f s of measurements on %d CPUs, load average %.1f at the end\n"
          % (time.monotonic() - started, os.cpu_count(), os.getloadavg()[0]))
    print("CPU: %s; our SIMD: %s; FMA peak %.0f GFLOP/s per core (%s)\n"
          % (cpu_model(), b.simd, b.fma_peak[0], b.fma_peak[1]))
    b.table.print()
    path = a.json or os.path.join(a.build, "bench.json")
    with open(path, "w") as f:
        json.dump(strict_json({"rows": b.table.rows, "seconds": time.monotonic() - started,
                               "cpu": cpu_model(), "simd": b.simd,
                               "fma_peak_gflops": b.fma_peak[0]}), f, indent=1)
    print("\nwritten: %s" % path)


if __name__ == "__main__":
    main()
