"""Solve a Hallway edge list with networkx.max_weight_matching and print one JSON line.

Usage: python3 pairing_networkx.py <edge-file>
The file starts with "n m", then one "a b weight" line per edge (as written by pairing-export).
Only the matching call is timed, like pairing-solve.
"""
import json
import sys
import time

import networkx as nx


def main() -> None:
    path = sys.argv[1]
    with open(path) as f:
        n, m = map(int, f.readline().split())
        g = nx.Graph()
        g.add_nodes_from(range(n))
        for line in f:
            a, b, w = line.split()
            g.add_edge(int(a), int(b), weight=int(w))
    began = time.perf_counter()
    matching = nx.max_weight_matching(g, maxcardinality=True, weight="weight")
    seconds = time.perf_counter() - began
    weight = sum(g[a][b]["weight"] for a, b in matching)
    print(json.dumps({"solver": "networkx", "n": n, "m": m, "pairs": len(matching),
                      "weight": weight, "seconds": round(seconds, 6)}))


if __name__ == "__main__":
    main()
