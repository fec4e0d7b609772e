#!/usr/bin/python3
"""Runs bench_train and the PyTorch peers (../shared/peers/torch_mlp.py for w1 and w2,
torch_cnn.py for w3 to w5) on the same workloads in the same run, one thread each, and
prints the ratios.

  /usr/bin/python3 tests/bench/compare_torch.py [--build build] [--peers DIR]
      [--workloads w1,w2,w3,w4,w5] [--seeds 0,1,2] [--activation relu] [--json FILE]

The peers folder defaults to ../shared/peers next to the repository root (or
$ACTSEARCH_PEERS). Runs alternate ours / peer per seed so that load on the machine hits
both alike. Refuses to compare (exit 1) when torch did not load OpenBLAS: the reference
BLAS would flatter us about 10x (peers/README.md).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

PEER_ARGS = {
    "w1": ["--dataset", "fashion-mnist", "--train", "10000", "--val", "2000", "--epochs", "5",
           "--batch", "128", "--hidden", "128", "--depth", "4"],
    "w2": ["--dataset", "spirals", "--train", "2000", "--val", "500", "--epochs", "200",
           "--batch", "64", "--hidden", "32", "--depth", "3"],
    # torch_cnn.py's normalised networks; later options override the shared --lr 1e-3.
    "w3": ["--net", "mlp", "--norm", "batch", "--hidden", "128", "--depth", "4", "--train",
           "10000", "--val", "2000", "--epochs", "5", "--batch", "128", "--lr", "1e-3"],
    "w4": ["--net", "cnn", "--channels", "16", "--blocks", "1", "--norm", "batch", "--train",
           "10000", "--val", "2000", "--epochs", "3", "--batch", "128", "--lr", "3e-3"],
    "w5": ["--net", "cnn", "--channels", "16", "--blocks", "2", "--norm", "batch", "--train",
           "10000", "--val", "2000", "--epochs", "2", "--batch", "128", "--lr", "3e-3"],
}
NORMALISED = ("w3", "w4", "w5")


def parse_args():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--build", default=os.path.join(REPO, "build"))
    p.add_argument("--peers", default=os.environ.get(
        "ACTSEARCH_PEERS", os.path.join(os.path.dirname(REPO), "shared", "peers")))
    p.add_argument("--workloads", default="w1,w2")
    p.add_argument("--seeds", default="0,1,2")
    p.add_argument("--activation", default="relu")
    p.add_argument("--json", help="also write the summary as JSON to this file")
    return p.parse_args()


def run_json(cmd, env=None):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env).stdout
    return json.loads(out.strip().splitlines()[-1])


def one_thread_env():
    env = dict(os.environ)
    for v in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        env[v] = "1"
    return env


def check_blas(peer):
    """Exits with a one-line error unless the peer's result says torch loaded OpenBLAS."""
    if "openblas" not in peer["blas"].lower():
        sys.exit("error: the peer's torch loaded '%s', not OpenBLAS: refusing to compare "
                 "(apt-get install libopenblas0-openmp)" % peer["blas"])


def peer_command(peers, workload, seed, activation="relu"):
    """The peer's command line for a workload: torch_mlp.py for w1 and w2, torch_cnn.py for
    the normalised ones."""
    script = os.path.join(peers, "torch_cnn.py" if workload in NORMALISED else "torch_mlp.py")
    return (["/usr/bin/python3", script, "--activation", activation, "--optimizer", "adam",
             "--lr", "1e-3", "--threads", "1", "--seed", str(seed)] + PEER_ARGS[workload])


def compare(workload, seeds, a, bench, spirals):
    ours_extra = ["--spirals", spirals] if workload == "w2" else []
    rows = []
    for seed in seeds:
        ours = run_json([bench, "--workload", workload, "--seeds", str(seed),
                         "--activation", a.activation] + ours_extra, env=one_thread_env())
        peer = run_json(peer_command(a.peers, workload, seed, a.activation))
        check_blas(peer)
        rows.append((ours, peer))
    ratios = [o["samples_per_second"] / p["samples_per_second"] for o, p in rows]
    acc_ours = statistics.mean(o["val_accuracy"] for o, _ in rows)
    acc_peer = statistics.mean(p["val_accuracy"] for _, p in rows)
    return {
        "workload": workload, "activation": a.activation, "seeds": seeds,
        "ours_samples_per_second": statistics.median(o["samples_per_second"] for o, _ in rows),
        "peer_samples_per_second": statistics.median(p["samples_per_second"] for _, p in rows),
        "ratio_median": statistics.median(ratios), "ratio_min": min(ratios),
        "ratio_max": max(ratios),
        "ours_val_accuracy": acc_ours, "peer_val_accuracy": acc_peer,
        "accuracy_difference_points": 100 * (acc_ours - acc_peer),
        "ours_gflops_nominal": statistics.median(o["gflops_nominal"] for o, _ in rows),
        "peer_gflops_nominal": statistics.median(p["gflops_nominal"] for _, p in rows),
        "ours_seconds_per_epoch": statistics.median(o["seconds_per_epoch"] for o, _ in rows),
        "peer_seconds_per_epoch": statistics.median(p["seconds_per_epoch"] for _, p in rows),
        "peer_blas": rows[0][1]["blas"],
    }


def main():
    a = parse_args()
    peer_script = os.path.join(a.peers, "torch_mlp.py")
    bench = os.path.join(a.build, "tests", "bench", "bench_train")
    for path, what in ((peer_script, "peer script (--peers)"),
                       (os.path.join(a.peers, "torch_cnn.py"), "peer script (--peers)"),
                       (bench, "bench_train (--build)")):
        if not os.path.exists(path):
            sys.exit("error: %s not found: %s" % (what, path))
    seeds = [int(s) for s in a.seeds.split(",")]
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        spirals = os.path.join(tmp, "spirals.csv")
        subprocess.run(["/usr/bin/python3", peer_script, "--activation", a.activation,
                        "--dump-spirals", spirals, "--train", "2000", "--val", "500"], check=True)
        for workload in a.workloads.split(","):
            r = compare(workload, seeds, a, bench, spirals)
            results.append(r)
            print("%s %s: ours %.0f samples/s, peer %.0f -> ratio %.2f (min %.2f, max %.2f); "
                  "val accuracy ours %.4f peer %.4f (%+.2f points); GFLOP/s ours %.1f peer %.1f"
                  % (workload, a.activation, r["ours_samples_per_second"],
                     r["peer_samples_per_second"], r["ratio_median"], r["ratio_min"],
                     r["ratio_max"], r["ours_val_accuracy"], r["peer_val_accuracy"],
                     r["accuracy_difference_points"], r["ours_gflops_nominal"],
                     r["peer_gflops_nominal"]), flush=True)
    for r in results:
        print(json.dumps(r))
    if a.json:
        with open(a.json, "w") as f:
            json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
