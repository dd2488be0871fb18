//! The shipped model: five linear classifiers over hashed features (tagger,
//! parser moves, arc labels, entity segments, entity kinds), the word
//! vocabulary and the lemma exceptions, read from `models/parse/model.bin` (compiled in).
//!
//! File format (little-endian; described in `models/README.md`):
//!
//! ```text
//! "DSTXTMDL" u32 version (1) u32 sections
//! per section: [u8; 4] name, u64 byte length, payload
//!   TAGR, MOVE, LABL, NSEG, NTYP : u32 bits, u32 classes, f32 scale,
//!                            i16 × (2^bits × classes), row-major [row][class]
//!   VOCB: u32 n, n × (u16 len, UTF-8 bytes)   word id = position + 1
//!   LEMM: u32 n, n × (u64 key, u16 len, UTF-8 bytes)   sorted by key
//! ```

use std::sync::OnceLock;

use crate::features::{
    feat, ner_features, span_features, tagger_features, TokenKeys, NER_FEATURES, SPAN_FEATURES,
    TAGGER_FEATURES,
};
use crate::labels::{Dep, ENTITY_KINDS, TAGS};
use crate::parser::{State, LEFT, MOVES, PARSER_FEATURES, RIGHT};

static MODEL_BYTES: &[u8] = include_bytes!("../../../models/parse/model.bin");

/// The model compiled into the binary, loaded on first use. Panics if the
/// file is empty or malformed (it is checked by the crate's tests).
pub fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| Model::from_bytes(MODEL_BYTES).expect("models/parse/model.bin"))
}

/// Whether a model is compiled in (false only while bootstrapping training).
pub fn has_model() -> bool {
    !MODEL_BYTES.is_empty()
}

/// A linear classifier: one row of `classes` weights per hashed feature.
#[derive(Debug, Clone)]
pub struct Linear {
    pub bits: u32,
    pub classes: usize,
    /// Weights per row in memory: `classes` rounded up to 4, 8 or a multiple
    /// of 16 (so rows are whole vectors; the extra columns are zero).
    pub stride: usize,
    pub scale: f32,
    pub weights: Weights,
}

/// A table of weights in memory aligned to 2 MiB and, on Linux, backed by
/// huge pages where the kernel allows (`madvise`): lookups land all over
/// megabytes, and with 4 KiB pages most of them would also miss the TLB.
pub struct Weights {
    ptr: std::ptr::NonNull<i16>,
    len: usize,
}

// SAFETY: Weights owns its buffer like a Vec<i16>.
unsafe impl Send for Weights {}
unsafe impl Sync for Weights {}

const HUGE: usize = 2 << 20;

impl Weights {
    pub fn zeroed(len: usize) -> Weights {
        if len == 0 {
            return Weights {
                ptr: std::ptr::NonNull::dangling(),
                len: 0,
            };
        }
        let bytes = len * 2;
        let layout =
            std::alloc::Layout::from_size_align(bytes.div_ceil(HUGE) * HUGE, HUGE).unwrap();
        // SAFETY: the layout has a non-zero size.
        let raw = unsafe { std::alloc::alloc_zeroed(layout) };
        let ptr = std::ptr::NonNull::new(raw as *mut i16)
            .unwrap_or_else(|| std::alloc::handle_alloc_error(layout));
        #[cfg(target_os = "linux")]
        // SAFETY: the range is the allocation just made; MADV_HUGEPAGE is advice.
        unsafe {
            libc::madvise(raw as *mut libc::c_void, layout.size(), libc::MADV_HUGEPAGE);
        }
        Weights { ptr, len }
    }
    fn layout(&self) -> std::alloc::Layout {
        std::alloc::Layout::from_size_align((self.len * 2).div_ceil(HUGE) * HUGE, HUGE).unwrap()
    }
}

impl std::ops::Deref for Weights {
    type Target = [i16];
    fn deref(&self) -> &[i16] {
        // SAFETY: ptr points to len initialised i16s (zeroed at allocation).
        unsafe { std::slice::from_raw_parts(self.ptr.as_ptr(), self.len) }
    }
}

impl std::ops::DerefMut for Weights {
    fn deref_mut(&mut self) -> &mut [i16] {
        // SAFETY: as above, and &mut self is unique.
        unsafe { std::slice::from_raw_parts_mut(self.ptr.as_ptr(), self.len) }
    }
}

impl Drop for Weights {
    fn drop(&mut self) {
        if self.len > 0 {
            // SAFETY: allocated in `zeroed` with this layout.
            unsafe { std::alloc::dealloc(self.ptr.as_ptr() as *mut u8, self.layout()) }
        }
    }
}

impl Clone for Weights {
    fn clone(&self) -> Weights {
        let mut w = Weights::zeroed(self.len);
        w.copy_from_slice(self);
        w
    }
}

impl std::fmt::Debug for Weights {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Weights({} × i16)", self.len)
    }
}

impl Linear {
    #[inline]
    pub fn row(&self, feature: u64) -> usize {
        (feature >> (64 - self.bits)) as usize * self.stride
    }

    /// A classifier from compact rows (`classes` weights each).
    pub fn new(bits: u32, classes: usize, scale: f32, compact: &[i16]) -> Linear {
        let stride = if classes <= 8 {
            classes
        } else {
            classes.div_ceil(16) * 16
        };
        let rows = 1usize << bits;
        let mut weights = Weights::zeroed(rows * stride);
        for r in 0..rows {
            weights[r * stride..r * stride + classes]
                .copy_from_slice(&compact[r * classes..(r + 1) * classes]);
        }
        Linear {
            bits,
            classes,
            stride,
            scale,
            weights,
        }
    }

    /// Adds each feature's row to `scores` (which the caller zeroed). Uses
    /// AVX2 where the processor has it (checked once).
    #[inline]
    pub fn score(&self, features: &[u64], scores: &mut [i32]) {
        #[cfg(target_arch = "x86_64")]
        {
            if has_avx2() {
                // SAFETY: the processor supports AVX2 (checked above).
                unsafe { self.score_avx2(features, scores) };
                return;
            }
        }
        self.score_portable(features, scores);
    }

    /// Asks for the rows of `features` to be brought into the cache.
    #[inline]
    pub fn prefetch(&self, features: &[u64]) {
        let shift = 64 - self.bits;
        let base = self.weights.as_ptr();
        for &f in features {
            let r = (f >> shift) as usize * self.stride;
            // SAFETY: as in `score_portable`, the row is inside the table.
            unsafe {
                prefetch_at(base.add(r));
                if self.stride > 32 {
                    prefetch_at(base.add(r + 32));
                }
            }
        }
    }

    #[inline(always)]
    fn score_portable(&self, features: &[u64], scores: &mut [i32]) {
        let stride = self.stride;
        let scores = &mut scores[..stride];
        // Rows are scattered over megabytes: ask for all of them first, so
        // their cache misses overlap.
        let mut rows = [0usize; 64];
        let n = features.len().min(rows.len());
        let shift = 64 - self.bits;
        let base = self.weights.as_ptr();
        for (r, &f) in rows.iter_mut().zip(&features[..n]) {
            *r = (f >> shift) as usize * stride;
            // SAFETY: `f >> shift` < 2^bits, so the row and the cache
            // lines asked for (at most 64 weights in) are inside the
            // table of 2^bits rows of `stride` weights.
            unsafe {
                prefetch_at(base.add(*r));
                if stride > 32 {
                    prefetch_at(base.add(*r + 32));
                }
                if stride > 64 {
                    prefetch_at(base.add(*r + 64));
                }
            }
        }
        // One loop per row width, so each row is a few whole vector adds.
        match stride {
            4 => accumulate::<4>(&self.weights, &rows[..n], scores),
            8 => accumulate::<8>(&self.weights, &rows[..n], scores),
            16 => accumulate::<16>(&self.weights, &rows[..n], scores),
            32 => accumulate::<32>(&self.weights, &rows[..n], scores),
            48 => accumulate::<48>(&self.weights, &rows[..n], scores),
            64 => accumulate::<64>(&self.weights, &rows[..n], scores),
            80 => accumulate::<80>(&self.weights, &rows[..n], scores),
            _ => {
                for &r in &rows[..n] {
                    let row = &self.weights[r..r + stride];
                    for (s, &w) in scores.iter_mut().zip(row) {
                        *s += w as i32;
                    }
                }
            }
        }
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn score_avx2(&self, features: &[u64], scores: &mut [i32]) {
        self.score_portable(features, scores)
    }

    fn write(&self, name: &[u8; 4], out: &mut Vec<u8>) {
        let mut body = Vec::with_capacity(12 + self.weights.len() * 2);
        body.extend_from_slice(&self.bits.to_le_bytes());
        body.extend_from_slice(&(self.classes as u32).to_le_bytes());
        body.extend_from_slice(&self.scale.to_le_bytes());
        for r in 0..1usize << self.bits {
            for w in &self.weights[r * self.stride..r * self.stride + self.classes] {
                body.extend_from_slice(&w.to_le_bytes());
            }
        }
        section(name, &body, out);
    }

    fn read(bytes: &[u8]) -> Result<Linear, String> {
        let mut r = Reader { bytes, at: 0 };
        let bits = r.u32()?;
        let classes = r.u32()? as usize;
        let scale = f32::from_bits(r.u32()?);
        let n = (1usize << bits) * classes;
        let raw = r.take(n * 2)?;
        let compact: Vec<i16> = raw
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]))
            .collect();
        Ok(Linear::new(bits, classes, scale, &compact))
    }
}

#[cfg(target_arch = "x86_64")]
fn has_avx2() -> bool {
    use std::sync::atomic::{AtomicU8, Ordering};
    static HAS: AtomicU8 = AtomicU8::new(0);
    match HAS.load(Ordering::Relaxed) {
        1 => true,
        2 => false,
        _ => {
            let yes = std::arch::is_x86_feature_detected!("avx2");
            HAS.store(if yes { 1 } else { 2 }, Ordering::Relaxed);
            yes
        }
    }
}

/// Adds rows of `N` weights (starting at each of `rows`) into `scores`.
#[inline(always)]
fn accumulate<const N: usize>(weights: &[i16], rows: &[usize], scores: &mut [i32]) {
    let mut acc = [0i32; N];
    for &r in rows {
        assert!(r + N <= weights.len());
        // SAFETY: checked just above (one comparison, not one per weight).
        let row = unsafe { &*(weights.as_ptr().add(r) as *const [i16; N]) };
        for k in 0..N {
            acc[k] += row[k] as i32;
        }
    }
    for (s, a) in scores[..N].iter_mut().zip(acc) {
        *s += a;
    }
}

/// Asks for the cache line at `w`.
///
/// # Safety
/// `w` points into an allocation (prefetching is a hint, but the pointer
/// arithmetic that made `w` must stay in bounds).
#[inline(always)]
unsafe fn prefetch_at(w: *const i16) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: prefetching is a hint and never faults.
    unsafe {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        _mm_prefetch::<_MM_HINT_T0>(w as *const i8);
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = w;
}

fn section(name: &[u8; 4], body: &[u8], out: &mut Vec<u8>) {
    out.extend_from_slice(name);
    out.extend_from_slice(&(body.len() as u64).to_le_bytes());
    out.extend_from_slice(body);
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let s = self
            .bytes
            .get(self.at..self.at + n)
            .ok_or_else(|| format!("truncated at byte {}", self.at))?;
        self.at += n;
        Ok(s)
    }
    fn u16(&mut self) -> Result<u16, String> {
        Ok(u16::from_le_bytes(self.take(2)?.try_into().unwrap()))
    }
    fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().unwrap()))
    }
    fn u64(&mut self) -> Result<u64, String> {
        Ok(u64::from_le_bytes(self.take(8)?.try_into().unwrap()))
    }
    fn str(&mut self) -> Result<&'a str, String> {
        let n = self.u16()? as usize;
        std::str::from_utf8(self.take(n)?).map_err(|e| e.to_string())
    }
}

/// The whole model.
#[derive(Debug, Clone)]
pub struct Model {
    pub tagger: Linear,
    pub moves: Linear,
    pub labels: Linear,
    /// Entity segments: O, B, I, L, U.
    pub segments: Linear,
    /// Entity kinds of a span.
    pub kinds: Linear,
    /// Lowercase words by id − 1.
    pub words: Vec<Box<str>>,
    /// Open addressing by the hash of the lowercase form (the token's
    /// `lower` key): (key, id), id 0 for an empty slot.
    word_slots: Vec<(u64, u32)>,
    /// (key of lowercase form and tag, lemma), sorted by key.
    pub lemmas: Vec<(u64, Box<str>)>,
}

/// The state features the arc-label classifier reads (a subset: it runs
/// on every arc, with 45 classes).
pub const LABEL_FEATURES: [usize; 16] = [0, 1, 3, 4, 5, 10, 11, 12, 13, 17, 18, 19, 20, 21, 24, 26];

/// Keys of the arc-label classifier: the state's features, per direction.
#[inline]
pub fn label_feature(f: u64, mv: usize) -> u64 {
    feat(300 + mv as u64, f, 0, 0)
}

/// The lemma-table key of a lowercase form and its tag.
pub fn lemma_key(lower: &str, tag: u8) -> u64 {
    crate::features::hash_bytes(0x1e44a + tag as u64, lower.as_bytes())
}

impl Model {
    pub fn new(
        tagger: Linear,
        moves: Linear,
        labels: Linear,
        segments: Linear,
        kinds: Linear,
        words: Vec<Box<str>>,
        mut lemmas: Vec<(u64, Box<str>)>,
    ) -> Model {
        lemmas.sort_by_key(|(k, _)| *k);
        let mut word_slots = vec![(0u64, 0u32); (words.len() * 2).next_power_of_two().max(2)];
        let mask = word_slots.len() - 1;
        for (i, w) in words.iter().enumerate() {
            let key = crate::features::hash_bytes(1, w.as_bytes());
            let mut at = key as usize & mask;
            while word_slots[at].1 != 0 && word_slots[at].0 != key {
                at = (at + 1) & mask;
            }
            if word_slots[at].1 == 0 {
                word_slots[at] = (key, i as u32 + 1);
            }
        }
        Model {
            tagger,
            moves,
            labels,
            segments,
            kinds,
            words,
            word_slots,
            lemmas,
        }
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = b"DSTXTMDL".to_vec();
        out.extend_from_slice(&1u32.to_le_bytes());
        out.extend_from_slice(&7u32.to_le_bytes());
        self.tagger.write(b"TAGR", &mut out);
        self.moves.write(b"MOVE", &mut out);
        self.labels.write(b"LABL", &mut out);
        self.segments.write(b"NSEG", &mut out);
        self.kinds.write(b"NTYP", &mut out);
        let mut body = (self.words.len() as u32).to_le_bytes().to_vec();
        for w in &self.words {
            body.extend_from_slice(&(w.len() as u16).to_le_bytes());
            body.extend_from_slice(w.as_bytes());
        }
        section(b"VOCB", &body, &mut out);
        let mut body = (self.lemmas.len() as u32).to_le_bytes().to_vec();
        for (k, l) in &self.lemmas {
            body.extend_from_slice(&k.to_le_bytes());
            body.extend_from_slice(&(l.len() as u16).to_le_bytes());
            body.extend_from_slice(l.as_bytes());
        }
        section(b"LEMM", &body, &mut out);
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Model, String> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(8)? != b"DSTXTMDL" {
            return Err("not a dossier text model".into());
        }
        if r.u32()? != 1 {
            return Err("unknown model version".into());
        }
        let n = r.u32()?;
        let (mut tagger, mut moves, mut labels, mut segments, mut kinds) =
            (None, None, None, None, None);
        let mut words = Vec::new();
        let mut lemmas = Vec::new();
        for _ in 0..n {
            let name: [u8; 4] = r.take(4)?.try_into().unwrap();
            let len = r.u64()? as usize;
            let body = r.take(len)?;
            match &name {
                b"TAGR" => tagger = Some(Linear::read(body)?),
                b"MOVE" => moves = Some(Linear::read(body)?),
                b"LABL" => labels = Some(Linear::read(body)?),
                b"NSEG" => segments = Some(Linear::read(body)?),
                b"NTYP" => kinds = Some(Linear::read(body)?),
                b"VOCB" => {
                    let mut b = Reader { bytes: body, at: 0 };
                    for _ in 0..b.u32()? {
                        words.push(Box::from(b.str()?));
                    }
                }
                b"LEMM" => {
                    let mut b = Reader { bytes: body, at: 0 };
                    for _ in 0..b.u32()? {
                        let k = b.u64()?;
                        lemmas.push((k, Box::from(b.str()?)));
                    }
                }
                _ => {}
            }
        }
        let missing = |what: &str| format!("model has no {what} section");
        Ok(Model::new(
            tagger.ok_or_else(|| missing("TAGR"))?,
            moves.ok_or_else(|| missing("MOVE"))?,
            labels.ok_or_else(|| missing("LABL"))?,
            segments.ok_or_else(|| missing("NSEG"))?,
            kinds.ok_or_else(|| missing("NTYP"))?,
            words,
            lemmas,
        ))
    }

    /// The id of a lowercase word in the vocabulary (0: not in it).
    pub fn word_id(&self, lower: &str) -> u32 {
        self.word_id_by_key(crate::features::hash_bytes(1, lower.as_bytes()))
    }

    /// The id of a word by the hash of its lowercase form
    /// ([`TokenKeys::lower`]).
    #[inline]
    pub fn word_id_by_key(&self, key: u64) -> u32 {
        let mask = self.word_slots.len() - 1;
        let mut at = key as usize & mask;
        loop {
            let (k, id) = self.word_slots[at];
            if id == 0 || k == key {
                return id;
            }
            at = (at + 1) & mask;
        }
    }

    /// The lemma-table entry for a lowercase form and tag.
    pub fn lemma_exception(&self, lower: &str, tag: u8) -> Option<&str> {
        let k = lemma_key(lower, tag);
        self.lemmas
            .binary_search_by_key(&k, |(k, _)| *k)
            .ok()
            .map(|i| &*self.lemmas[i].1)
    }

    /// Tags one sentence: `tags[i]` for each token of `keys`.
    pub fn tag(&self, keys: &[TokenKeys], tags: &mut [u8]) {
        let mut f = [0u64; TAGGER_FEATURES];
        let mut scores = [0i32; 64];
        let mut ahead = [0u64; TAGGER_FEATURES];
        let (mut p1, mut p2) = (0u64, 0u64);
        for i in 0..keys.len() {
            tagger_features(keys, i, p1, p2, &mut f);
            // Most of the next token's features do not depend on this
            // token's tag: fetch their rows while this one is scored.
            if i + 1 < keys.len() {
                tagger_features(keys, i + 1, 0, 0, &mut ahead);
                self.tagger.prefetch(&ahead);
            }
            scores.fill(0);
            self.tagger.score(&f, &mut scores);
            let best = argmax(&scores[..TAGS.len()]);
            tags[i] = best as u8;
            p2 = p1;
            p1 = best as u64 + 1;
        }
    }

    /// Parses one sentence greedily: heads (sentence-local; the root is its
    /// own head) and labels.
    pub fn parse(
        &self,
        keys: &[TokenKeys],
        tags: &[u8],
        st: &mut State,
        heads: &mut [u32],
        labels: &mut [u8],
    ) {
        let n = keys.len();
        st.reset(n);
        let mut f = [0u64; PARSER_FEATURES];
        let mut lf = [0u64; LABEL_FEATURES.len()];
        let mut scores = [0i32; 64];
        while !st.is_final() {
            st.features(keys, tags, &mut f);
            let mut ms = [0i32; MOVES];
            self.moves.score(&f, &mut ms);
            let mut best = usize::MAX;
            for mv in 0..MOVES {
                if st.valid(mv) && (best == usize::MAX || ms[mv] > ms[best]) {
                    best = mv;
                }
            }
            let label = if best == LEFT || best == RIGHT {
                for (l, &k) in lf.iter_mut().zip(&LABEL_FEATURES) {
                    *l = label_feature(f[k], best);
                }
                scores.fill(0);
                self.labels.score(&lf, &mut scores);
                // never ROOT for an arc
                1 + argmax(&scores[1..self.labels.classes]) as u8
            } else {
                0
            };
            st.apply(best, label);
        }
        st.finish(Dep::from_name("dep").map_or(0, |d| d.0));
        heads[..n].copy_from_slice(&st.head);
        labels[..n].copy_from_slice(&st.label);
    }

    /// Entity classes (BILOU with kinds, see [`crate::labels`]) for one
    /// sentence: the segmenter marks spans (O, B, I, L, U, greedy and
    /// constrained), the typer gives each span its kind.
    pub fn entities(&self, keys: &[TokenKeys], tags: &[u8], classes: &mut [u8]) {
        let n = keys.len();
        let mut f = [0u64; NER_FEATURES];
        let mut sf = [0u64; SPAN_FEATURES];
        let mut scores = [0i32; 8];
        let mut kind_scores = [0i32; 32];
        let mut prev: Option<usize> = None;
        let (mut y1, mut y2) = (0u64, 0u64);
        let mut open = 0;
        let mut ahead = [0u64; NER_FEATURES];
        for i in 0..n {
            ner_features(keys, tags, i, y1, y2, &mut f);
            if i + 1 < n {
                ner_features(keys, tags, i + 1, 0, 0, &mut ahead);
                self.segments.prefetch(&ahead);
            }
            scores.fill(0);
            self.segments.score(&f, &mut scores);
            let seg = best_allowed_class(&scores[..SEGMENTS], prev, i + 1 == n);
            classes[i] = seg as u8;
            if seg == 1 {
                open = i;
            }
            if seg == 3 || seg == 4 {
                let a = if seg == 4 { i } else { open };
                span_features(keys, tags, a, i + 1, &mut sf);
                kind_scores.fill(0);
                self.kinds.score(&sf, &mut kind_scores);
                let kind = argmax(&kind_scores[..ENTITY_KINDS.len()]);
                for c in &mut classes[a..=i] {
                    *c += 4 * kind as u8;
                }
            }
            prev = Some(seg);
            y2 = y1;
            y1 = seg as u64 + 1;
        }
    }
}

/// Entity segment classes: O, B, I, L, U (the BILOU classes of kind 0).
pub const SEGMENTS: usize = 5;

#[inline]
pub fn argmax(scores: &[i32]) -> usize {
    // The maximum first (a vector reduction), then its first position.
    let top = scores.iter().copied().max().unwrap_or(0);
    scores.iter().position(|&s| s == top).unwrap_or(0)
}

/// The best entity class allowed after `prev` (BILOU constraints): after
/// an open B or I only I or L of its kind; otherwise O, B or U; never an
/// open class on the last token.
#[inline]
pub fn best_allowed_class<S: PartialOrd + Copy>(
    scores: &[S],
    prev: Option<usize>,
    last: bool,
) -> usize {
    if let Some(p) = prev {
        if p != 0 && matches!((p - 1) % 4, 0 | 1) {
            let kind = (p - 1) / 4;
            let (i, l) = (2 + 4 * kind, 3 + 4 * kind);
            return if last || scores[l] >= scores[i] { l } else { i };
        }
    }
    let mut best = 0;
    for kind in 0..(scores.len() - 1) / 4 {
        let b = 1 + 4 * kind;
        let u = 4 + 4 * kind;
        if !last && scores[b] > scores[best] {
            best = b;
        }
        if scores[u] > scores[best] {
            best = u;
        }
    }
    best
}
