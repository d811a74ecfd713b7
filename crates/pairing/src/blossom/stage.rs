//! The main loop: one stage per augmentation, growing alternating trees from every single
//! vertex and adjusting the duals until an augmenting path appears or none can.

use super::{Blossom, FREE, NONE, S, T};

/// What the dual adjustment of a stage makes possible next.
enum Delta {
    Done,
    EdgeToFree(usize),
    EdgeBetweenS(usize),
    ExpandBlossom(usize),
}

impl Blossom<'_> {
    fn reset_stage(&mut self) {
        self.label.fill(FREE);
        self.bestedge.fill(NONE);
        for b in self.n..2 * self.n {
            self.blossombest[b] = None;
        }
        self.allowedge.fill(false);
        self.has_child.fill(false);
        self.queue.clear();
        for v in 0..self.n {
            if self.mate[v] == NONE && self.label[self.inblossom[v]] == FREE {
                self.assign_label(v, S, NONE);
            }
        }
    }

    /// True when `v` and `w` are both exposed roots of trees that have not grown (plain vertices
    /// with no T-children): matching them needs no relabelling elsewhere, so the stage can go on.
    fn bare_roots(&self, v: usize, w: usize) -> bool {
        [v, w]
            .iter()
            .all(|&x| self.inblossom[x] == x && self.labelend[x] == NONE && !self.has_child[x])
    }

    /// Takes a newly matched bare root out of the forest, as a fresh stage would see it.
    /// Its edges lose their "tight" mark: the duals around it now move differently, so they are
    /// checked afresh when next scanned.
    fn release_root(&mut self, x: usize) {
        self.label[x] = FREE;
        self.labelend[x] = NONE;
        self.bestedge[x] = NONE;
        for idx in 0..self.neighbend[x].len() {
            let p = self.neighbend[x][idx];
            let k = p / 2;
            self.allowedge[k] = false;
            if self.label[self.inblossom[self.endpoint[p]]] == S
                && (self.bestedge[x] == NONE || self.slack(k) < self.slack(self.bestedge[x]))
            {
                self.bestedge[x] = k;
            }
        }
    }

    /// Scans the queue; true when the matching was augmented along a path that changed the
    /// forest (the stage must restart). Augmentations between two bare roots are done on the
    /// spot and the scan goes on, which saves most restarts early in the run.
    fn grow(&mut self, quick: &mut usize) -> bool {
        while let Some(v) = self.queue.pop() {
            if self.label[self.inblossom[v]] != S {
                continue;
            }
            for idx in 0..self.neighbend[v].len() {
                let p = self.neighbend[v][idx];
                let k = p / 2;
                let w = self.endpoint[p];
                if self.inblossom[v] == self.inblossom[w] {
                    continue;
                }
                let mut kslack = 0;
                if !self.allowedge[k] {
                    kslack = self.slack(k);
                    if kslack <= 0 {
                        self.allowedge[k] = true;
                    }
                }
                let bw = self.inblossom[w];
                if self.allowedge[k] {
                    if self.label[bw] == FREE {
                        self.has_child[v] = true;
                        self.assign_label(w, T, p ^ 1);
                    } else if self.label[bw] == S {
                        let base = self.scan_blossom(v, w);
                        if base != NONE {
                            self.add_blossom(base, k);
                        } else if self.bare_roots(v, w) {
                            self.augment_matching(k);
                            self.release_root(v);
                            self.release_root(w);
                            *quick += 1;
                            break;
                        } else {
                            self.augment_matching(k);
                            return true;
                        }
                    } else if self.label[w] == FREE {
                        self.has_child[v] = true;
                        self.label[w] = T;
                        self.labelend[w] = p ^ 1;
                    }
                } else if self.label[bw] == S {
                    let b = self.inblossom[v];
                    if self.bestedge[b] == NONE || kslack < self.slack(self.bestedge[b]) {
                        self.bestedge[b] = k;
                    }
                } else if self.label[w] == FREE
                    && (self.bestedge[w] == NONE || kslack < self.slack(self.bestedge[w]))
                {
                    self.bestedge[w] = k;
                }
            }
        }
        false
    }

    /// Drops least-slack pointers made stale by on-the-spot augmentations: a free vertex's edge
    /// must lead to an S-blossom, an S-blossom's edge to another S-blossom.
    fn refresh_best_edges(&mut self) {
        for v in 0..self.n {
            let k = self.bestedge[v];
            if k == NONE || self.label[self.inblossom[v]] != FREE {
                continue;
            }
            let (i, j, _) = self.edges[k];
            let other = if i == v { j } else { i };
            if self.label[self.inblossom[other]] != S {
                self.release_root_best(v);
            }
        }
        for b in 0..2 * self.n {
            let k = self.bestedge[b];
            if k == NONE || self.parent[b] != NONE || self.label[b] != S {
                continue;
            }
            if !self.links_s_blossoms(k, b) {
                self.recompute_blossom_best(b);
            }
        }
    }

    fn links_s_blossoms(&self, k: usize, b: usize) -> bool {
        let (i, j, _) = self.edges[k];
        let (bi, bj) = (self.inblossom[i], self.inblossom[j]);
        let other = if bi == b { bj } else { bi };
        other != b && self.label[other] == S && (bi == b || bj == b)
    }

    fn release_root_best(&mut self, v: usize) {
        self.bestedge[v] = NONE;
        for idx in 0..self.neighbend[v].len() {
            let p = self.neighbend[v][idx];
            let k = p / 2;
            if self.label[self.inblossom[self.endpoint[p]]] == S
                && (self.bestedge[v] == NONE || self.slack(k) < self.slack(self.bestedge[v]))
            {
                self.bestedge[v] = k;
            }
        }
    }

    fn recompute_blossom_best(&mut self, b: usize) {
        // Every edge of every leaf: the blossom's own list misses edges found while scanning.
        let candidates: Vec<usize> = self
            .leaves_of(b)
            .into_iter()
            .flat_map(|leaf| self.neighbend[leaf].iter().map(|p| p / 2))
            .collect();
        self.bestedge[b] = NONE;
        for k in candidates {
            if self.links_s_blossoms(k, b)
                && (self.bestedge[b] == NONE || self.slack(k) < self.slack(self.bestedge[b]))
            {
                self.bestedge[b] = k;
            }
        }
    }

    fn compute_delta(&self, max_cardinality: bool) -> (i64, Delta) {
        let n = self.n;
        let min_vertex_dual = self.dual[..n].iter().copied().min().unwrap_or(0);
        let mut best: Option<(i64, Delta)> =
            (!max_cardinality).then_some((min_vertex_dual, Delta::Done));
        let better = |best: &Option<(i64, Delta)>, d: i64| best.as_ref().is_none_or(|b| d < b.0);
        for v in 0..n {
            if self.label[self.inblossom[v]] == FREE && self.bestedge[v] != NONE {
                let d = self.slack(self.bestedge[v]);
                if better(&best, d) {
                    best = Some((d, Delta::EdgeToFree(self.bestedge[v])));
                }
            }
        }
        for b in 0..2 * n {
            if self.parent[b] == NONE && self.label[b] == S && self.bestedge[b] != NONE {
                let d = self.slack(self.bestedge[b]) / 2;
                if better(&best, d) {
                    best = Some((d, Delta::EdgeBetweenS(self.bestedge[b])));
                }
            }
        }
        for b in n..2 * n {
            if self.base[b] != NONE
                && self.parent[b] == NONE
                && self.label[b] == T
                && better(&best, self.dual[b])
            {
                best = Some((self.dual[b], Delta::ExpandBlossom(b)));
            }
        }
        best.unwrap_or((min_vertex_dual.max(0), Delta::Done))
    }

    fn apply_delta(&mut self, delta: i64) {
        let n = self.n;
        for v in 0..n {
            match self.label[self.inblossom[v]] {
                S => self.dual[v] -= delta,
                T => self.dual[v] += delta,
                _ => {}
            }
        }
        for b in n..2 * n {
            if self.base[b] != NONE && self.parent[b] == NONE {
                match self.label[b] {
                    S => self.dual[b] += delta,
                    T => self.dual[b] -= delta,
                    _ => {}
                }
            }
        }
    }

    /// Runs stages until no augmenting path is left.
    pub(super) fn run(&mut self, max_cardinality: bool) {
        for _ in 0..self.n {
            self.reset_stage();
            let mut augmented = false;
            let mut quick = 0;
            loop {
                if self.grow(&mut quick) {
                    augmented = true;
                    break;
                }
                if quick > 0 {
                    self.refresh_best_edges();
                }
                let (delta, kind) = self.compute_delta(max_cardinality);
                self.apply_delta(delta);
                match kind {
                    Delta::Done => break,
                    Delta::EdgeToFree(k) => {
                        self.allowedge[k] = true;
                        let (i, j, _) = self.edges[k];
                        let i = if self.label[self.inblossom[i]] == FREE {
                            j
                        } else {
                            i
                        };
                        self.queue.push(i);
                    }
                    Delta::EdgeBetweenS(k) => {
                        self.allowedge[k] = true;
                        self.queue.push(self.edges[k].0);
                    }
                    Delta::ExpandBlossom(b) => self.expand_blossom(b, false),
                }
            }
            if !augmented && quick == 0 {
                break;
            }
            for b in self.n..2 * self.n {
                if self.parent[b] == NONE
                    && self.base[b] != NONE
                    && self.label[b] == S
                    && self.dual[b] == 0
                {
                    self.expand_blossom(b, true);
                }
            }
        }
    }
}
