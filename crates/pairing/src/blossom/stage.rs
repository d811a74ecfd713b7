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
        self.queue.clear();
        for v in 0..self.n {
            if self.mate[v] == NONE && self.label[self.inblossom[v]] == FREE {
                self.assign_label(v, S, NONE);
            }
        }
    }

    /// Scans the queue; true when the matching was augmented.
    fn grow(&mut self) -> bool {
        while let Some(v) = self.queue.pop() {
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
                        self.assign_label(w, T, p ^ 1);
                    } else if self.label[bw] == S {
                        let base = self.scan_blossom(v, w);
                        if base != NONE {
                            self.add_blossom(base, k);
                        } else {
                            self.augment_matching(k);
                            return true;
                        }
                    } else if self.label[w] == FREE {
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
            loop {
                if self.grow() {
                    augmented = true;
                    break;
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
            if !augmented {
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
