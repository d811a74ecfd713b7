//! Exact maximum-weight matching on a general graph: Edmonds' blossom algorithm with Galil's
//! O(n³) primal-dual bookkeeping (after Van Rantwijk's well-known formulation), on flat vectors
//! with integer weights so results are exact and reproducible.
//!
//! Dual variables are kept doubled (`dual[v] = 2·u(v)`) so every quantity stays an integer.
//!
//! One addition to the textbook loop: when a tight edge joins two single vertices whose trees
//! have not grown, they are matched on the spot and the stage goes on instead of restarting
//! (their edges are re-checked for tightness). Early in a run almost every augmentation is of
//! this kind, which makes the solver two to three times faster on candidate graphs. It is checked
//! against brute force and against rustworkx-core's implementation in the tests.

mod augment;
mod stage;

const NONE: usize = usize::MAX;
const FREE: u8 = 0;
const S: u8 = 1;
const T: u8 = 2;
const CRUMB: u8 = 5;

/// Solver state for one graph; see [`max_weight_matching`].
struct Blossom<'a> {
    n: usize,
    edges: &'a [(usize, usize, i64)],
    endpoint: Vec<usize>,
    neighbend: Vec<Vec<usize>>,
    mate: Vec<usize>,
    label: Vec<u8>,
    labelend: Vec<usize>,
    inblossom: Vec<usize>,
    parent: Vec<usize>,
    childs: Vec<Vec<usize>>,
    base: Vec<usize>,
    endps: Vec<Vec<usize>>,
    bestedge: Vec<usize>,
    blossombest: Vec<Option<Vec<usize>>>,
    unused: Vec<usize>,
    dual: Vec<i64>,
    allowedge: Vec<bool>,
    queue: Vec<usize>,
    best_to: Vec<usize>,
    /// True when an S-vertex has labelled a T-vertex this stage (it is no longer a bare root).
    has_child: Vec<bool>,
}

/// Maximum-weight matching of `n` vertices; with `max_cardinality`, the heaviest among the
/// matchings with the most edges. Returns `mate[v]` (`None` when single). Self-loops are ignored.
pub fn max_weight_matching(
    n: usize,
    edges: &[(usize, usize, i64)],
    max_cardinality: bool,
) -> Vec<Option<usize>> {
    let edges: Vec<(usize, usize, i64)> = edges
        .iter()
        .copied()
        .filter(|e| e.0 != e.1 && e.0 < n && e.1 < n)
        .collect();
    if edges.is_empty() {
        return vec![None; n];
    }
    let mut s = Blossom::new(n, &edges);
    s.run(max_cardinality);
    s.mate
        .iter()
        .map(|&p| (p != NONE).then(|| s.endpoint[p]))
        .collect()
}

impl<'a> Blossom<'a> {
    fn new(n: usize, edges: &'a [(usize, usize, i64)]) -> Self {
        let maxweight = edges.iter().map(|e| e.2).max().unwrap_or(0).max(0);
        let mut endpoint = Vec::with_capacity(2 * edges.len());
        let mut neighbend = vec![Vec::new(); n];
        for (k, &(i, j, _)) in edges.iter().enumerate() {
            endpoint.push(i);
            endpoint.push(j);
            neighbend[i].push(2 * k + 1);
            neighbend[j].push(2 * k);
        }
        let mut base: Vec<usize> = (0..n).collect();
        base.extend(std::iter::repeat_n(NONE, n));
        let mut dual = vec![maxweight; n];
        dual.extend(std::iter::repeat_n(0, n));
        Self {
            n,
            edges,
            endpoint,
            neighbend,
            mate: vec![NONE; n],
            label: vec![FREE; 2 * n],
            labelend: vec![NONE; 2 * n],
            inblossom: (0..n).collect(),
            parent: vec![NONE; 2 * n],
            childs: vec![Vec::new(); 2 * n],
            base,
            endps: vec![Vec::new(); 2 * n],
            bestedge: vec![NONE; 2 * n],
            blossombest: vec![None; 2 * n],
            unused: (n..2 * n).rev().collect(),
            dual,
            allowedge: vec![false; edges.len()],
            queue: Vec::new(),
            best_to: vec![NONE; 2 * n],
            has_child: vec![false; n],
        }
    }

    fn slack(&self, k: usize) -> i64 {
        let (i, j, w) = self.edges[k];
        self.dual[i] + self.dual[j] - 2 * w
    }

    fn leaves(&self, b: usize, out: &mut Vec<usize>) {
        if b < self.n {
            out.push(b);
            return;
        }
        let mut stack = vec![b];
        while let Some(x) = stack.pop() {
            if x < self.n {
                out.push(x);
            } else {
                stack.extend(self.childs[x].iter().rev().copied());
            }
        }
    }

    fn leaves_of(&self, b: usize) -> Vec<usize> {
        let mut out = Vec::new();
        self.leaves(b, &mut out);
        out
    }

    fn assign_label(&mut self, mut w: usize, mut t: u8, mut p: usize) {
        loop {
            let b = self.inblossom[w];
            self.label[w] = t;
            self.label[b] = t;
            self.labelend[w] = p;
            self.labelend[b] = p;
            self.bestedge[w] = NONE;
            self.bestedge[b] = NONE;
            if t == S {
                let mut q = std::mem::take(&mut self.queue);
                self.leaves(b, &mut q);
                self.queue = q;
                return;
            }
            let base = self.base[b];
            let m = self.mate[base];
            w = self.endpoint[m];
            t = S;
            p = m ^ 1;
        }
    }

    fn scan_blossom(&mut self, mut v: usize, mut w: usize) -> usize {
        let mut path = Vec::new();
        let mut base = NONE;
        while v != NONE {
            let mut b = self.inblossom[v];
            if self.label[b] & 4 != 0 {
                base = self.base[b];
                break;
            }
            path.push(b);
            self.label[b] = CRUMB;
            if self.labelend[b] == NONE {
                v = NONE;
            } else {
                v = self.endpoint[self.labelend[b]];
                b = self.inblossom[v];
                v = self.endpoint[self.labelend[b]];
            }
            if w != NONE {
                std::mem::swap(&mut v, &mut w);
            }
        }
        for b in path {
            self.label[b] = S;
        }
        base
    }

    fn add_blossom(&mut self, base: usize, k: usize) {
        let (mut v, mut w, _) = self.edges[k];
        let bb = self.inblossom[base];
        let mut bv = self.inblossom[v];
        let mut bw = self.inblossom[w];
        let Some(b) = self.unused.pop() else { return };
        self.base[b] = base;
        self.parent[b] = NONE;
        self.parent[bb] = b;
        let mut path = Vec::new();
        let mut endps = Vec::new();
        while bv != bb {
            self.parent[bv] = b;
            path.push(bv);
            endps.push(self.labelend[bv]);
            v = self.endpoint[self.labelend[bv]];
            bv = self.inblossom[v];
        }
        path.push(bb);
        path.reverse();
        endps.reverse();
        endps.push(2 * k);
        while bw != bb {
            self.parent[bw] = b;
            path.push(bw);
            endps.push(self.labelend[bw] ^ 1);
            w = self.endpoint[self.labelend[bw]];
            bw = self.inblossom[w];
        }
        self.label[b] = S;
        self.labelend[b] = self.labelend[bb];
        self.dual[b] = 0;
        for leaf in self.leaves_of_children(&path) {
            if self.label[self.inblossom[leaf]] == T {
                self.queue.push(leaf);
            }
            self.inblossom[leaf] = b;
        }
        let mut touched = Vec::new();
        for &sub in &path {
            let lists: Vec<usize> = match self.blossombest[sub].take() {
                Some(list) => list,
                None => self
                    .leaves_of(sub)
                    .into_iter()
                    .flat_map(|leaf| self.neighbend[leaf].iter().map(|p| p / 2))
                    .collect(),
            };
            for kk in lists {
                let (mut i, mut j, _) = self.edges[kk];
                if self.inblossom[j] == b {
                    std::mem::swap(&mut i, &mut j);
                }
                let _ = i;
                let bj = self.inblossom[j];
                if bj != b
                    && self.label[bj] == S
                    && (self.best_to[bj] == NONE || self.slack(kk) < self.slack(self.best_to[bj]))
                {
                    if self.best_to[bj] == NONE {
                        touched.push(bj);
                    }
                    self.best_to[bj] = kk;
                }
            }
            self.bestedge[sub] = NONE;
        }
        touched.sort_unstable();
        let best: Vec<usize> = touched.iter().map(|&bj| self.best_to[bj]).collect();
        for bj in touched {
            self.best_to[bj] = NONE;
        }
        self.bestedge[b] = NONE;
        for &kk in &best {
            if self.bestedge[b] == NONE || self.slack(kk) < self.slack(self.bestedge[b]) {
                self.bestedge[b] = kk;
            }
        }
        self.blossombest[b] = Some(best);
        self.childs[b] = path;
        self.endps[b] = endps;
    }

    fn leaves_of_children(&self, path: &[usize]) -> Vec<usize> {
        let mut out = Vec::new();
        for &c in path {
            self.leaves(c, &mut out);
        }
        out
    }
}
