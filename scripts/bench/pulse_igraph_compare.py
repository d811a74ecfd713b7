"""Compare hallway-pulse community detection with igraph on the same graphs, same run.

Usage: python3 pulse_igraph_compare.py karate-export <dir>
       python3 pulse_igraph_compare.py compare <dir>        (reads <dir>/*.edges, *.labels,
                                                           pulse-results.json; prints markdown)
       python3 pulse_igraph_compare.py time-graph <edges>  (times igraph on a big edge list)
"""
import json
import sys
import time
from pathlib import Path

import igraph as ig


def karate_export(out: Path) -> None:
    import networkx as nx

    g = nx.karate_club_graph()
    out.mkdir(parents=True, exist_ok=True)
    (out / "karate.in.edges").write_text("".join(f"{a} {b}\n" for a, b in g.edges()))
    clubs = {"Mr. Hi": 0, "Officer": 1}
    (out / "karate.in.labels").write_text(
        "".join(f"{clubs[g.nodes[n]['club']]}\n" for n in sorted(g.nodes()))
    )


def load(edges_path: Path, n=None):
    edges, weights = [], []
    with open(edges_path) as f:
        for line in f:
            a, b, w = line.split()
            edges.append((int(a), int(b)))
            weights.append(float(w))
    if n is None:
        n = 1 + max(max(e) for e in edges)
    g = ig.Graph(n=n, edges=edges)
    g.es["weight"] = weights
    return g


def run_igraph(g, labels=None):
    out = {}
    for name, fn in [
        ("leiden", lambda s: g.community_leiden(objective_function="modularity", weights="weight", n_iterations=-1)),
        ("leiden_2_iterations", lambda s: g.community_leiden(objective_function="modularity", weights="weight", n_iterations=2)),
        ("louvain", lambda s: g.community_multilevel(weights="weight")),
    ]:
        qs = []
        first = None
        seconds = None
        for seed in range(10):
            ig.set_random_number_generator(__import__("random").Random(seed))
            t = time.perf_counter()
            part = fn(seed)
            dt = time.perf_counter() - t
            q = g.modularity(part.membership, weights="weight")
            qs.append(q)
            if first is None:
                first, seconds = part, dt
        row = {
            "modularity": g.modularity(first.membership, weights="weight"),
            "communities": len(first),
            "seconds": seconds,
            "modularity_mean_10_seeds": sum(qs) / len(qs),
            "modularity_best_10_seeds": max(qs),
        }
        if labels is not None:
            row["nmi"] = ig.compare_communities(first.membership, labels, method="nmi")
        out[name] = row
    return out


def compare(d: Path) -> None:
    ours = json.loads((d / "pulse-results.json").read_text())
    print("| graph | nodes | edges | engine | modularity (seed 0/42) | mean Q, 10 seeds | best Q | NMI vs truth | communities | seconds |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, mine in ours.items():
        labels = [int(x) for x in (d / f"{name}.labels").read_text().split()]
        g = load(d / f"{name}.edges", n=len(labels))
        theirs = run_igraph(g, labels)
        rows = [("hallway-pulse leiden", mine["leiden"]), ("hallway-pulse louvain", mine["louvain"])]
        rows += [(f"igraph {k}", v) for k, v in theirs.items()]
        for engine, r in rows:
            print(
                f"| {name} | {mine['nodes']} | {mine['edges']} | {engine} | {r['modularity']:.4f} | "
                f"{r['modularity_mean_10_seeds']:.4f} | {r['modularity_best_10_seeds']:.4f} | "
                f"{r.get('nmi', float('nan')):.3f} | {r['communities']} | {r['seconds']:.3f} |"
            )
        print(f"| {name} | | | ground-truth labels | {mine['ground_truth_modularity']:.4f} | | | 1.000 | | |")


def time_graph(edges_path: Path) -> None:
    t = time.perf_counter()
    g = load(edges_path)
    load_s = time.perf_counter() - t
    res = {"nodes": g.vcount(), "edges": g.ecount(), "load_seconds": load_s}
    for name, fn in [
        ("leiden_2_iterations", lambda: g.community_leiden(objective_function="modularity", weights="weight", n_iterations=2)),
        ("leiden", lambda: g.community_leiden(objective_function="modularity", weights="weight", n_iterations=-1)),
        ("louvain", lambda: g.community_multilevel(weights="weight")),
    ]:
        runs = []
        for _ in range(3):
            t = time.perf_counter()
            part = fn()
            runs.append(time.perf_counter() - t)
        runs.sort()
        res[name] = {
            "median_seconds": runs[1],
            "runs_seconds": runs,
            "modularity": g.modularity(part.membership, weights="weight"),
            "communities": len(part),
        }
    print(json.dumps(res, indent=2))


if __name__ == "__main__":
    cmd, arg = sys.argv[1], Path(sys.argv[2])
    {"karate-export": karate_export, "compare": compare, "time-graph": time_graph}[cmd](arg)
