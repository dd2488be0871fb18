//! The arc-eager transition system (Nivre 2003) with Goldberg and Nivre's
//! (2012) dynamic oracle. A state is a stack, the next buffer position and
//! the arcs so far; four moves: SHIFT pushes the next token, REDUCE pops a
//! token that has its head, LEFT makes the next token the head of the stack
//! top and pops it, RIGHT makes the stack top the head of the next token and
//! pushes it. There is no artificial root: whatever has no head at the end
//! is a root, and all roots but the first are attached to it as `dep`.
//!
//! The arc's label is chosen by a separate classifier once LEFT or RIGHT is
//! chosen (so the move classifier has 4 classes, not 2 × 45 + 2).

use crate::features::{feat, TokenKeys, NONE};

pub const SHIFT: usize = 0;
pub const REDUCE: usize = 1;
pub const LEFT: usize = 2;
pub const RIGHT: usize = 3;
pub const MOVES: usize = 4;

/// Parser features per state.
pub const PARSER_FEATURES: usize = 32;

const NO: u32 = u32::MAX;

/// A parse in progress over one sentence of `n` tokens (indices local to
/// the sentence). Buffers are reused across sentences.
#[derive(Default, Debug, Clone)]
pub struct State {
    pub n: usize,
    pub stack: Vec<u32>,
    pub next: usize,
    pub head: Vec<u32>,
    pub label: Vec<u8>,
    left_most: Vec<u32>,
    right_most: Vec<u32>,
    left_count: Vec<u8>,
    right_count: Vec<u8>,
}

impl State {
    pub fn reset(&mut self, n: usize) {
        self.n = n;
        self.stack.clear();
        self.next = 0;
        for v in [&mut self.head, &mut self.left_most, &mut self.right_most] {
            v.clear();
            v.resize(n, NO);
        }
        self.label.clear();
        self.label.resize(n, 0);
        self.left_count.clear();
        self.left_count.resize(n, 0);
        self.right_count.clear();
        self.right_count.resize(n, 0);
    }

    pub fn is_final(&self) -> bool {
        self.next >= self.n
    }

    fn s0(&self) -> Option<usize> {
        self.stack.last().map(|&s| s as usize)
    }

    /// Whether `mv` may be made now.
    pub fn valid(&self, mv: usize) -> bool {
        let has_next = self.next < self.n;
        match mv {
            SHIFT => has_next,
            REDUCE => self.s0().is_some_and(|s| self.head[s] != NO),
            LEFT => has_next && self.s0().is_some_and(|s| self.head[s] == NO),
            RIGHT => has_next && self.s0().is_some(),
            _ => false,
        }
    }

    fn add_arc(&mut self, head: usize, dep: usize, label: u8) {
        self.head[dep] = head as u32;
        self.label[dep] = label;
        if dep < head {
            if self.left_most[head] == NO || dep < self.left_most[head] as usize {
                self.left_most[head] = dep as u32;
            }
            self.left_count[head] = self.left_count[head].saturating_add(1);
        } else {
            if self.right_most[head] == NO || dep > self.right_most[head] as usize {
                self.right_most[head] = dep as u32;
            }
            self.right_count[head] = self.right_count[head].saturating_add(1);
        }
    }

    pub fn apply(&mut self, mv: usize, label: u8) {
        match mv {
            SHIFT => {
                self.stack.push(self.next as u32);
                self.next += 1;
            }
            REDUCE => {
                self.stack.pop();
            }
            LEFT => {
                let s = self.stack.pop().unwrap() as usize;
                self.add_arc(self.next, s, label);
            }
            RIGHT => {
                let s = self.s0().unwrap();
                self.add_arc(s, self.next, label);
                self.stack.push(self.next as u32);
                self.next += 1;
            }
            _ => unreachable!(),
        }
    }

    /// The head and dependent of the arc `mv` (LEFT or RIGHT) would add.
    pub fn arc_of(&self, mv: usize) -> (usize, usize) {
        let s = self.s0().unwrap();
        if mv == LEFT {
            (self.next, s)
        } else {
            (s, self.next)
        }
    }

    /// Headless tokens become roots: the first is the root (label ROOT,
    /// head itself), any other is attached to it as `dep`.
    pub fn finish(&mut self, dep_label: u8) {
        let mut root = NO;
        for i in 0..self.n {
            if self.head[i] == NO {
                if root == NO {
                    root = i as u32;
                    self.head[i] = i as u32;
                    self.label[i] = 0;
                } else {
                    self.head[i] = root;
                    self.label[i] = dep_label;
                }
            }
        }
    }

    /// The cost of each move against a gold tree (`gold[i]` = head of i,
    /// or `i` itself for the root): the number of gold arcs that would become
    /// unreachable. Valid moves only; invalid ones get `u32::MAX`.
    pub fn costs(&self, gold: &[u32], out: &mut [u32; MOVES]) {
        for (mv, c) in out.iter_mut().enumerate() {
            *c = if self.valid(mv) { 0 } else { u32::MAX };
        }
        let b = self.next;
        let buffer = b..self.n;
        let headless = |k: usize| self.head[k] == NO;
        if out[SHIFT] != u32::MAX {
            // b can no longer take a head from, or give one to, the stack.
            let mut c = 0;
            for &k in &self.stack {
                let k = k as usize;
                if gold[b] as usize == k && gold[b] as usize != b {
                    c += 1;
                }
                if gold[k] as usize == b && headless(k) {
                    c += 1;
                }
            }
            out[SHIFT] = c;
        }
        if out[REDUCE] != u32::MAX {
            // s0 can no longer take dependents from the buffer.
            let s = self.s0().unwrap();
            out[REDUCE] = buffer
                .clone()
                .filter(|&k| gold[k] as usize == s && k != s)
                .count() as u32;
        }
        if out[LEFT] != u32::MAX {
            let s = self.s0().unwrap();
            let mut c = 0;
            // its gold head elsewhere in the buffer, or it is the root
            let g = gold[s] as usize;
            if g == s || (g != b && g > b) {
                c += 1;
            }
            // its dependents in the buffer
            c += buffer.clone().filter(|&k| gold[k] as usize == s).count() as u32;
            out[LEFT] = c;
        }
        if out[RIGHT] != u32::MAX {
            let s = self.s0().unwrap();
            let mut c = 0;
            let g = gold[b] as usize;
            if g == b {
                c += 1; // b is the root
            } else if g != s {
                // its gold head on the stack (below s) or in the buffer
                if g > b || self.stack.iter().any(|&k| k as usize == g) {
                    c += 1;
                }
            }
            // headless stack tokens whose gold head is b
            for &k in &self.stack {
                let k = k as usize;
                if gold[k] as usize == b && headless(k) {
                    c += 1;
                }
            }
            out[RIGHT] = c;
        }
    }

    /// The features of this state, from the sentence's token keys and tags.
    #[inline]
    pub fn features(&self, keys: &[TokenKeys], tags: &[u8], out: &mut [u64; PARSER_FEATURES]) {
        let n = self.n;
        let st = &self.stack;
        let s0 = st.last().map_or(NO, |&s| s);
        let s1 = if st.len() >= 2 { st[st.len() - 2] } else { NO };
        let n0 = if self.next < n { self.next as u32 } else { NO };
        let n1 = if self.next + 1 < n {
            self.next as u32 + 1
        } else {
            NO
        };
        let n2 = if self.next + 2 < n {
            self.next as u32 + 2
        } else {
            NO
        };
        let w = |i: u32| {
            if i == NO {
                NONE
            } else {
                keys[i as usize].lower
            }
        };
        let t = |i: u32| {
            if i == NO {
                0
            } else {
                tags[i as usize] as u64 + 1
            }
        };
        let l = |i: u32| {
            if i == NO || self.head[i as usize] == NO {
                0
            } else {
                self.label[i as usize] as u64 + 1
            }
        };
        let child = |v: &Vec<u32>, i: u32| if i == NO { NO } else { v[i as usize] };
        let s0h = if s0 == NO { NO } else { self.head[s0 as usize] };
        let s0l = child(&self.left_most, s0);
        let s0r = child(&self.right_most, s0);
        let n0l = child(&self.left_most, n0);
        let dist = if s0 == NO || n0 == NO {
            0
        } else {
            match n0 - s0 {
                0..=4 => (n0 - s0) as u64,
                5..=7 => 5,
                _ => 6,
            }
        };
        let (ws0, ts0, wn0, tn0) = (w(s0), t(s0), w(n0), t(n0));
        let (tn1, tn2) = (t(n1), t(n2));
        let val = |v: &Vec<u8>, i: u32| {
            if i == NO {
                0
            } else {
                v[i as usize].min(4) as u64
            }
        };
        out[0] = feat(200, ws0, 0, 0);
        out[1] = feat(201, ts0, 0, 0);
        out[2] = feat(202, ws0, ts0, 0);
        out[3] = feat(203, wn0, 0, 0);
        out[4] = feat(204, tn0, 0, 0);
        out[5] = feat(205, wn0, tn0, 0);
        out[6] = feat(206, w(n1), 0, 0);
        out[7] = feat(207, tn1, 0, 0);
        out[8] = feat(208, tn2, 0, 0);
        out[9] = feat(209, t(s1), 0, 0);
        out[10] = feat(210, ws0, wn0, 0);
        out[11] = feat(211, ts0, tn0, 0);
        out[12] = feat(212, ws0, tn0, ts0);
        out[13] = feat(213, ts0, wn0, tn0);
        out[14] = feat(214, tn0, tn1, 0);
        out[15] = feat(215, tn0, tn1, tn2);
        out[16] = feat(216, ts0, tn0, tn1);
        out[17] = feat(217, t(s0h), ts0, tn0);
        out[18] = feat(218, ts0, t(s0l), tn0);
        out[19] = feat(219, ts0, t(s0r), tn0);
        out[20] = feat(220, ts0, tn0, t(n0l));
        out[21] = feat(221, ts0, tn0, dist);
        out[22] = feat(222, ws0, dist, 0);
        out[23] = feat(223, wn0, dist, 0);
        out[24] = feat(224, ts0, l(s0), (s0h != NO) as u64);
        out[25] = feat(225, ts0, l(s0l), l(s0r));
        out[26] = feat(226, tn0, l(n0l), 0);
        out[27] = feat(
            227,
            ts0,
            val(&self.right_count, s0),
            val(&self.left_count, s0),
        );
        out[28] = feat(228, tn0, val(&self.left_count, n0), 0);
        out[29] = feat(229, t(s1), ts0, tn0);
        out[30] = feat(230, ws0, w(s0h), 0);
        out[31] = feat(231, (s0h != NO) as u64, ts0, wn0);
    }
}

/// Whether a tree (`heads[i]` = head, the root its own head) is projective.
pub fn is_projective(heads: &[u32]) -> bool {
    let n = heads.len();
    for i in 0..n {
        let h = heads[i] as usize;
        if h == i {
            continue;
        }
        let (a, b) = if i < h { (i, h) } else { (h, i) };
        for k in a + 1..b {
            // every token strictly inside the arc must descend from h
            let mut x = k;
            let mut steps = 0;
            while x != h && heads[x] as usize != x && steps <= n {
                x = heads[x] as usize;
                steps += 1;
            }
            if x != h {
                return false;
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Follows the dynamic oracle's zero-cost moves (preferring REDUCE,
    /// LEFT, RIGHT, SHIFT in turn) and returns the tree it builds.
    fn oracle_parse(gold: &[u32]) -> Vec<u32> {
        let mut st = State::default();
        st.reset(gold.len());
        let mut costs = [0; MOVES];
        while !st.is_final() {
            st.costs(gold, &mut costs);
            let mv = [LEFT, RIGHT, REDUCE, SHIFT]
                .into_iter()
                .find(|&m| costs[m] == 0)
                .expect("a zero-cost move");
            st.apply(mv, 1);
        }
        st.finish(2);
        st.head.clone()
    }

    #[test]
    fn oracle_reproduces_projective_trees() {
        // "Officials in Kabul said the talks , which began Monday , failed ."
        //   0         1  2     3    4   5     6  7     8     9      10 11     12
        let trees: [&[u32]; 4] = [
            &[3, 0, 1, 3, 5, 11, 5, 8, 5, 8, 5, 3, 3],
            &[1, 1, 1],
            &[0],
            &[2, 2, 2, 2, 5, 3, 2],
        ];
        for gold in trees {
            assert!(is_projective(gold));
            assert_eq!(oracle_parse(gold), gold, "{gold:?}");
        }
    }

    #[test]
    fn oracle_recovers_after_a_mistake() {
        // After a wrong SHIFT, the best moves still reach every arc not lost.
        let gold: &[u32] = &[1, 1, 1];
        let mut st = State::default();
        st.reset(3);
        st.apply(SHIFT, 0);
        st.apply(SHIFT, 0); // wrong: 0 should have attached to 1 by LEFT
        let mut costs = [0; MOVES];
        st.costs(gold, &mut costs);
        assert_eq!(costs[RIGHT], 0);
        assert_eq!(costs[LEFT], 2, "1 is the root and 2 its dependent");
    }

    #[test]
    fn non_projective_is_detected() {
        // 0 → 2, 1 → 3 crossing
        assert!(!is_projective(&[2, 3, 2, 2]));
    }
}
