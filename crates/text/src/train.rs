//! Training and evaluating the model on silver CoNLL-U files (written by
//! `tools/parse/teacher.py`): averaged perceptrons (Collins 2002) for the
//! tagger (greedy, left to right, on its own previous tags), the parser's
//! moves and arc labels (arc-eager, trained with the dynamic oracle of
//! Goldberg and Nivre 2012, exploring its own mistakes after the first
//! epoch) and the BILOU entity recogniser (greedy, constrained to valid
//! sequences). The parser and recogniser train on the tagger's predicted
//! tags, as they will see at run time. Weights are averaged, then
//! quantised to i16 (one scale per classifier). Deterministic: a fixed
//! seed shuffles the sentences.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

use crate::features::{
    ner_features, push_lower, span_features, tagger_features, TokenKeys, NER_FEATURES,
    SPAN_FEATURES, TAGGER_FEATURES,
};
use crate::labels::{bilou_of, Dep, EntityKind, Tag, DEPS, ENTITY_KINDS, TAGS};
use crate::lemma::rule_lemma;
use crate::model::{
    best_allowed_class, label_feature, lemma_key, Linear, Model, LABEL_FEATURES, SEGMENTS,
};
use crate::parser::{is_projective, State, LEFT, MOVES, PARSER_FEATURES, RIGHT};

#[derive(Clone, Debug)]
pub struct Options {
    /// Hash bits (rows = 2^bits) of the tagger, move, label, entity segment
    /// and entity kind tables.
    pub bits: [u32; 5],
    /// Epochs of the tagger, the parser, the entity recogniser.
    pub epochs: [usize; 3],
    /// Train on at most this many sentences (for quick trials).
    pub max_sentences: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            bits: [16, 18, 16, 18, 16],
            epochs: [6, 12, 8],
            max_sentences: usize::MAX,
        }
    }
}

/// One silver sentence.
#[derive(Debug, Clone, Default)]
pub struct Sentence {
    pub forms: Vec<String>,
    pub lemmas: Vec<String>,
    pub keys: Vec<TokenKeys>,
    pub tags: Vec<u8>,
    /// Sentence-local heads; the root is its own head.
    pub heads: Vec<u32>,
    pub labels: Vec<u8>,
    pub ner: Vec<u8>,
    /// The teacher's tree was not one tree over this sentence.
    pub bad_tree: bool,
}

/// Reads every `*.conllu` file of `dir`, in name order.
pub fn read_dir(dir: &Path) -> Vec<Sentence> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "conllu"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        read_conllu(&text, &mut out);
    }
    out
}

fn read_conllu(text: &str, out: &mut Vec<Sentence>) {
    let mut s = Sentence::default();
    let mut lower = String::new();
    let finish = |s: &mut Sentence, out: &mut Vec<Sentence>| {
        if !s.forms.is_empty() {
            out.push(std::mem::take(s));
        }
    };
    for line in text.lines() {
        if line.is_empty() {
            finish(&mut s, out);
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            if c.contains("bad_tree") {
                s.bad_tree = true;
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 10 {
            continue;
        }
        let form = cols[1];
        lower.clear();
        push_lower(form, &mut lower);
        s.keys.push(TokenKeys::new(form, &lower));
        s.forms.push(form.to_string());
        s.lemmas.push(cols[2].to_string());
        s.tags
            .push(Tag::from_name(cols[4]).map_or(Tag::from_name("XX").unwrap().0, |t| t.0));
        let id: u32 = cols[0].parse().unwrap_or(1);
        let head: u32 = cols[6].parse().unwrap_or(0);
        s.heads.push(if head == 0 { id - 1 } else { head - 1 });
        s.labels
            .push(Dep::from_name(cols[7]).map_or(Dep::from_name("dep").unwrap().0, |d| d.0));
        let ne = cols[9].strip_prefix("NE=").unwrap_or("O");
        let class = match ne.split_once('-') {
            Some((b, kind)) => match EntityKind::from_name(kind) {
                Some(k) => {
                    let k = k as usize;
                    1 + 4 * k
                        + match b {
                            "B" => 0,
                            "I" => 1,
                            "L" => 2,
                            _ => 3,
                        }
                }
                None => 0,
            },
            None => 0,
        };
        s.ner.push(class as u8);
    }
    finish(&mut s, out);
}

/// An averaged perceptron over a hashed table.
struct Perceptron {
    bits: u32,
    classes: usize,
    w: Vec<f32>,
    u: Vec<f64>,
    c: f64,
}

impl Perceptron {
    fn new(bits: u32, classes: usize) -> Perceptron {
        let n = (1usize << bits) * classes;
        Perceptron {
            bits,
            classes,
            w: vec![0.0; n],
            u: vec![0.0; n],
            c: 1.0,
        }
    }
    #[inline]
    fn row(&self, f: u64) -> usize {
        (f >> (64 - self.bits)) as usize * self.classes
    }
    fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores[..self.classes].fill(0.0);
        for &f in feats {
            let r = self.row(f);
            for (s, w) in scores.iter_mut().zip(&self.w[r..r + self.classes]) {
                *s += *w;
            }
        }
    }
    fn update(&mut self, feats: &[u64], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        for &f in feats {
            let r = self.row(f);
            self.w[r + truth] += 1.0;
            self.w[r + guess] -= 1.0;
            self.u[r + truth] += self.c;
            self.u[r + guess] -= self.c;
        }
    }
    fn tick(&mut self) {
        self.c += 1.0;
    }
    /// The averaged weights, quantised to i16.
    fn finish(&self) -> Linear {
        let avg: Vec<f32> = self
            .w
            .iter()
            .zip(&self.u)
            .map(|(&w, &u)| (w as f64 - u / self.c) as f32)
            .collect();
        // The largest weight sets the scale (clipping it would cut the
        // bias-like features every token has).
        let cap = avg.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = 32000.0 / cap.max(1e-6);
        let weights: Vec<i16> = avg
            .iter()
            .map(|&w| (w * scale).round().clamp(-32767.0, 32767.0) as i16)
            .collect();
        Linear::new(self.bits, self.classes, scale, &weights)
    }
}

fn argmax_f(scores: &[f32]) -> usize {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    best
}

/// A small deterministic generator (xorshift64*).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

fn train_tagger(data: &[Sentence], bits: u32, epochs: usize, rng: &mut Rng) -> Linear {
    let mut p = Perceptron::new(bits, TAGS.len());
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut f = [0u64; TAGGER_FEATURES];
    let mut scores = vec![0f32; TAGS.len()];
    for epoch in 0..epochs {
        rng.shuffle(&mut order);
        let (mut right, mut total) = (0usize, 0usize);
        for &k in &order {
            let s = &data[k];
            let (mut p1, mut p2) = (0u64, 0u64);
            for i in 0..s.keys.len() {
                tagger_features(&s.keys, i, p1, p2, &mut f);
                p.score(&f, &mut scores);
                let guess = argmax_f(&scores);
                let truth = s.tags[i] as usize;
                p.update(&f, truth, guess);
                p.tick();
                right += (guess == truth) as usize;
                total += 1;
                p2 = p1;
                p1 = guess as u64 + 1;
            }
        }
        eprintln!(
            "  tagger epoch {}: train accuracy {:.4}",
            epoch + 1,
            right as f64 / total as f64
        );
    }
    p.finish()
}

fn train_parser(
    data: &[Sentence],
    tags: &[Vec<u8>],
    bits: [u32; 2],
    epochs: usize,
    rng: &mut Rng,
) -> (Linear, Linear) {
    let mut moves = Perceptron::new(bits[0], MOVES);
    let mut labels = Perceptron::new(bits[1], DEPS.len());
    let usable: Vec<usize> = (0..data.len())
        .filter(|&k| !data[k].bad_tree && data[k].forms.len() > 1 && is_projective(&data[k].heads))
        .collect();
    eprintln!(
        "  parser: {} of {} sentences (projective, one tree)",
        usable.len(),
        data.len()
    );
    let mut order = usable.clone();
    let mut st = State::default();
    let mut f = [0u64; PARSER_FEATURES];
    let mut lf = [0u64; LABEL_FEATURES.len()];
    let mut ms = [0f32; MOVES];
    let mut ls = vec![0f32; DEPS.len()];
    let mut costs = [0u32; MOVES];
    for epoch in 0..epochs {
        rng.shuffle(&mut order);
        let (mut correct_arcs, mut arcs) = (0usize, 0usize);
        for &k in &order {
            let s = &data[k];
            let t = &tags[k];
            st.reset(s.forms.len());
            while !st.is_final() {
                st.features(&s.keys, t, &mut f);
                st.costs(&s.heads, &mut costs);
                moves.score(&f, &mut ms);
                let mut pred = usize::MAX;
                let mut best = usize::MAX;
                let min_cost = *costs.iter().min().unwrap();
                for mv in 0..MOVES {
                    if costs[mv] == u32::MAX {
                        continue;
                    }
                    if pred == usize::MAX || ms[mv] > ms[pred] {
                        pred = mv;
                    }
                    if costs[mv] == min_cost && (best == usize::MAX || ms[mv] > ms[best]) {
                        best = mv;
                    }
                }
                if costs[pred] > min_cost {
                    moves.update(&f, best, pred);
                }
                moves.tick();
                let follow = if epoch > 0 && costs[pred] != u32::MAX && rng.unit() < 0.9 {
                    pred
                } else {
                    best
                };
                let mut label = 0u8;
                if follow == LEFT || follow == RIGHT {
                    for (l, &k) in lf.iter_mut().zip(&LABEL_FEATURES) {
                        *l = label_feature(f[k], follow);
                    }
                    labels.score(&lf, &mut ls);
                    let guess = 1 + argmax_f(&ls[1..]);
                    let (h, d) = st.arc_of(follow);
                    if s.heads[d] as usize == h {
                        let truth = s.labels[d] as usize;
                        labels.update(&lf, truth, guess);
                        labels.tick();
                        correct_arcs += 1;
                    }
                    arcs += 1;
                    label = guess as u8;
                }
                st.apply(follow, label);
            }
        }
        eprintln!(
            "  parser epoch {}: {:.4} of arcs made were gold",
            epoch + 1,
            correct_arcs as f64 / arcs.max(1) as f64
        );
    }
    (moves.finish(), labels.finish())
}

fn train_ner(
    data: &[Sentence],
    tags: &[Vec<u8>],
    bits: [u32; 2],
    epochs: usize,
    rng: &mut Rng,
) -> (Linear, Linear) {
    let mut seg = Perceptron::new(bits[0], SEGMENTS);
    let mut typ = Perceptron::new(bits[1], ENTITY_KINDS.len());
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut f = [0u64; NER_FEATURES];
    let mut sf = [0u64; SPAN_FEATURES];
    let mut scores = vec![0f32; SEGMENTS];
    let mut kind_scores = vec![0f32; ENTITY_KINDS.len()];
    for epoch in 0..epochs {
        rng.shuffle(&mut order);
        let (mut wrong, mut wrong_kinds) = (0usize, 0usize);
        for &k in &order {
            let s = &data[k];
            let n = s.forms.len();
            let (mut y1, mut y2) = (0u64, 0u64);
            let mut prev: Option<usize> = None;
            for i in 0..n {
                ner_features(&s.keys, &tags[k], i, y1, y2, &mut f);
                seg.score(&f, &mut scores);
                let guess = best_allowed_class(&scores, prev, i + 1 == n);
                let c = s.ner[i] as usize;
                let truth = if c == 0 { 0 } else { (c - 1) % 4 + 1 };
                seg.update(&f, truth, guess);
                seg.tick();
                wrong += (truth != guess) as usize;
                prev = Some(guess);
                y2 = y1;
                y1 = guess as u64 + 1;
            }
            // The typer learns from the teacher's spans.
            for (a, b, kind) in spans(&s.ner) {
                span_features(&s.keys, &tags[k], a, b, &mut sf);
                typ.score(&sf, &mut kind_scores);
                let guess = argmax_f(&kind_scores);
                typ.update(&sf, kind, guess);
                typ.tick();
                wrong_kinds += (guess != kind) as usize;
            }
        }
        eprintln!(
            "  entities epoch {}: {wrong} segment errors, {wrong_kinds} kind errors",
            epoch + 1
        );
    }
    (seg.finish(), typ.finish())
}

/// Trains the whole model on the silver sentences of `dir`.
pub fn train(dir: &Path, opts: &Options) -> Model {
    let mut data = read_dir(dir);
    data.truncate(opts.max_sentences);
    let tokens: usize = data.iter().map(|s| s.forms.len()).sum();
    eprintln!("{} sentences, {tokens} tokens", data.len());
    let mut rng = Rng(0x5eed_1234_abcd_0001);

    let tagger = train_tagger(&data, opts.bits[0], opts.epochs[0], &mut rng);
    // What the parser and recogniser will see: the tagger's own tags.
    let partial = Model::new(
        tagger.clone(),
        Linear::new(1, MOVES, 1.0, &[0; 2 * MOVES]),
        Linear::new(1, DEPS.len(), 1.0, &[0; 2 * DEPS.len()]),
        Linear::new(1, SEGMENTS, 1.0, &[0; 2 * SEGMENTS]),
        Linear::new(1, ENTITY_KINDS.len(), 1.0, &[0; 2 * ENTITY_KINDS.len()]),
        Vec::new(),
        Vec::new(),
    );
    let tags: Vec<Vec<u8>> = data
        .iter()
        .map(|s| {
            let mut t = vec![0u8; s.keys.len()];
            partial.tag(&s.keys, &mut t);
            t
        })
        .collect();
    let (moves, labels) = train_parser(
        &data,
        &tags,
        [opts.bits[1], opts.bits[2]],
        opts.epochs[1],
        &mut rng,
    );
    let (segments, kinds) = train_ner(
        &data,
        &tags,
        [opts.bits[3], opts.bits[4]],
        opts.epochs[2],
        &mut rng,
    );

    // Vocabulary: lowercase forms seen at least three times, most frequent first.
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut lemma_counts: HashMap<(String, u8), HashMap<String, usize>> = HashMap::new();
    let mut lower = String::new();
    for s in &data {
        for i in 0..s.forms.len() {
            lower.clear();
            push_lower(&s.forms[i], &mut lower);
            *counts.entry(lower.clone()).or_default() += 1;
            *lemma_counts
                .entry((lower.clone(), s.tags[i]))
                .or_default()
                .entry(s.lemmas[i].clone())
                .or_default() += 1;
        }
    }
    let mut words: Vec<(String, usize)> = counts.into_iter().filter(|(_, c)| *c >= 3).collect();
    words.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    words.truncate(100_000);
    let words: Vec<Box<str>> = words.into_iter().map(|(w, _)| w.into_boxed_str()).collect();

    // Lemma exceptions: the teacher's most frequent lemma where the rules
    // say otherwise (seen at least twice). Proper nouns keep their form.
    let mut lemmas = Vec::new();
    let mut buf = String::new();
    let mut keys: Vec<_> = lemma_counts.into_iter().collect();
    keys.sort_by(|a, b| a.0.cmp(&b.0));
    for ((lower, tag), options) in keys {
        let total: usize = options.values().sum();
        let mut options: Vec<_> = options.into_iter().collect();
        options.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let (best, n) = &options[0];
        if total < 2 || *n * 2 < total {
            continue;
        }
        buf.clear();
        rule_lemma(&lower, &lower, Tag(tag), &mut buf);
        let name = Tag(tag).name();
        if name == "NNP" || name == "NNPS" {
            continue;
        }
        if *best != buf {
            lemmas.push((lemma_key(&lower, tag), best.clone().into_boxed_str()));
        }
    }
    eprintln!(
        "vocabulary {} words, {} lemma exceptions",
        words.len(),
        lemmas.len()
    );
    Model::new(tagger, moves, labels, segments, kinds, words, lemmas)
}

/// Agreement with the teacher on the silver sentences of `dir`: tags,
/// lemmas, unlabelled and labelled attachment (with and without
/// punctuation), entities (exact span and kind), all from the model's own
/// predicted tags.
pub fn evaluate(model: &Model, dir: &Path) -> String {
    let data = read_dir(dir);
    let punct = Dep::from_name("punct").unwrap().0;
    let (mut n, mut tag_ok, mut lemma_ok) = (0usize, 0usize, 0usize);
    let (mut arcs, mut uas, mut las, mut arcs_np, mut uas_np, mut las_np) = (0, 0, 0, 0, 0, 0);
    let (mut gold_e, mut pred_e, mut hit_e) = (0usize, 0usize, 0usize);
    let mut per_kind: HashMap<&'static str, [usize; 3]> = HashMap::new();
    let mut st = State::default();
    let mut lemma = String::new();
    let mut lower = String::new();
    let mut docs_sentences = 0;
    for s in &data {
        let len = s.forms.len();
        let mut tags = vec![0u8; len];
        model.tag(&s.keys, &mut tags);
        for i in 0..len {
            n += 1;
            tag_ok += (tags[i] == s.tags[i]) as usize;
            lower.clear();
            push_lower(&s.forms[i], &mut lower);
            lemma.clear();
            match model.lemma_exception(&lower, tags[i]) {
                Some(l) => lemma.push_str(l),
                None => rule_lemma(&s.forms[i], &lower, Tag(tags[i]), &mut lemma),
            }
            lemma_ok += (lemma == s.lemmas[i]) as usize;
        }
        if !s.bad_tree {
            let mut heads = vec![0u32; len];
            let mut labels = vec![0u8; len];
            model.parse(&s.keys, &tags, &mut st, &mut heads, &mut labels);
            for i in 0..len {
                let u = heads[i] == s.heads[i];
                let l = u && labels[i] == s.labels[i];
                arcs += 1;
                uas += u as usize;
                las += l as usize;
                if s.labels[i] != punct {
                    arcs_np += 1;
                    uas_np += u as usize;
                    las_np += l as usize;
                }
            }
            docs_sentences += 1;
        }
        let mut classes = vec![0u8; len];
        model.entities(&s.keys, &tags, &mut classes);
        let gold = spans(&s.ner);
        let pred = spans(&classes);
        gold_e += gold.len();
        pred_e += pred.len();
        for g in &gold {
            per_kind.entry(EntityKind::from_id(g.2).name()).or_default()[0] += 1;
        }
        for p in &pred {
            per_kind.entry(EntityKind::from_id(p.2).name()).or_default()[1] += 1;
            if gold.contains(p) {
                hit_e += 1;
                per_kind.entry(EntityKind::from_id(p.2).name()).or_default()[2] += 1;
            }
        }
    }
    let f1 = |g: usize, p: usize, h: usize| {
        let pr = h as f64 / p.max(1) as f64;
        let rc = h as f64 / g.max(1) as f64;
        (
            pr,
            rc,
            if pr + rc > 0.0 {
                2.0 * pr * rc / (pr + rc)
            } else {
                0.0
            },
        )
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "agreement with the teacher (en_core_web_sm 3.8) on {} held-out sentences, {n} tokens",
        data.len()
    );
    let _ = writeln!(
        out,
        "  POS (fine tags)   accuracy {:.4}",
        tag_ok as f64 / n.max(1) as f64
    );
    let _ = writeln!(
        out,
        "  lemmas            accuracy {:.4}",
        lemma_ok as f64 / n.max(1) as f64
    );
    let _ = writeln!(
        out,
        "  dependencies      UAS {:.4}  LAS {:.4}  (without punctuation: UAS {:.4}  LAS {:.4}; {docs_sentences} sentences)",
        uas as f64 / arcs.max(1) as f64,
        las as f64 / arcs.max(1) as f64,
        uas_np as f64 / arcs_np.max(1) as f64,
        las_np as f64 / arcs_np.max(1) as f64
    );
    let (p, r, f) = f1(gold_e, pred_e, hit_e);
    let _ = writeln!(out, "  entities          P {p:.4}  R {r:.4}  F1 {f:.4}  (exact span and kind; {gold_e} teacher entities)");
    let mut kinds: Vec<_> = per_kind.into_iter().collect();
    kinds.sort_by(|a, b| b.1[0].cmp(&a.1[0]));
    for (k, [g, p, h]) in kinds {
        let (_, _, f) = f1(g, p, h);
        let _ = writeln!(out, "    {k:<12} F1 {f:.3}  ({g} teacher, {p} model)");
    }
    out
}

/// Entity spans (start, end, kind) of a BILOU sequence.
fn spans(classes: &[u8]) -> Vec<(usize, usize, usize)> {
    use crate::labels::Bilou;
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, &c) in classes.iter().enumerate() {
        let (b, k) = bilou_of(c as usize);
        match b {
            Bilou::B => open = Some((i, k)),
            Bilou::I => {
                if open.is_some_and(|(_, ok)| ok != k) {
                    open = None;
                }
            }
            Bilou::L => {
                if let Some((a, ok)) = open.take() {
                    if ok == k {
                        out.push((a, i + 1, k));
                    }
                }
            }
            Bilou::U => {
                out.push((i, i + 1, k));
                open = None;
            }
            Bilou::O => open = None,
        }
    }
    out
}
