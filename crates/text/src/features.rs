//! Feature keys. Each token gets a few 64-bit keys once (its lowercase
//! form, its form as written, its shape, first character, last three
//! characters); a feature is a template number mixed with one to three
//! values, and its row in a weight table is the top bits of that hash. The
//! same functions serve training and prediction, so they cannot drift.

/// The per-token keys features are made of.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TokenKeys {
    pub lower: u64,
    pub form: u64,
    pub shape: u64,
    pub prefix: u64,
    pub suffix: u64,
}

/// Stands for a missing token (before the sentence, an empty stack).
pub const NONE: u64 = 0x5bd1_e995_0000_0001;

const K1: u64 = 0x9E37_79B9_7F4A_7C15;
const K2: u64 = 0xff51_afd7_ed55_8ccd;
const K3: u64 = 0xc4ce_b9fe_1a85_ec53;

#[inline]
pub fn hash_bytes(seed: u64, bytes: &[u8]) -> u64 {
    // FNV-1a, then a finaliser: tokens are short.
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ seed;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(K2);
    h ^ (h >> 29)
}

/// Mixes a template number and up to three values into one feature.
#[inline]
pub fn feat(template: u64, a: u64, b: u64, c: u64) -> u64 {
    let mut h = template.wrapping_mul(K1) ^ a;
    h = h.wrapping_mul(K2) ^ b;
    h = h.wrapping_mul(K3) ^ c;
    h ^= h >> 31;
    h.wrapping_mul(K1)
}

/// The spaCy-style shape of a word ("Xxxxx", "dd.d", "XX"), with runs of
/// one class cut at four, hashed without building the string.
fn shape_key(form: &str) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    let mut last = '\0';
    let mut run = 0;
    for c in form.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if s == last {
            run += 1;
            if run >= 4 {
                continue;
            }
        } else {
            run = 0;
            last = s;
        }
        h ^= s as u64;
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    h ^ (h >> 29)
}

impl TokenKeys {
    /// The keys of a token from its form and lowercase form.
    pub fn new(form: &str, lower: &str) -> TokenKeys {
        let first = form.chars().next().map_or(0, |c| c.len_utf8());
        let suffix_start = lower.char_indices().rev().nth(2).map_or(0, |(i, _)| i);
        TokenKeys {
            lower: hash_bytes(1, lower.as_bytes()),
            form: hash_bytes(2, form.as_bytes()),
            shape: shape_key(form),
            prefix: hash_bytes(3, &form.as_bytes()[..first]),
            suffix: hash_bytes(4, &lower.as_bytes()[suffix_start..]),
        }
    }
}

/// Lowercases `form` into `out` (ASCII without decoding).
pub fn push_lower(form: &str, out: &mut String) {
    if form.is_ascii() {
        for b in form.bytes() {
            out.push(b.to_ascii_lowercase() as char);
        }
    } else {
        for c in form.chars() {
            out.extend(c.to_lowercase());
        }
    }
}

/// Number of tagger features.
pub const TAGGER_FEATURES: usize = 16;

/// The tagger's features for token `i` given the tags of the two tokens
/// before it (`p1`, `p2`, as id + 1; 0 = none).
#[inline]
pub fn tagger_features(
    keys: &[TokenKeys],
    i: usize,
    p1: u64,
    p2: u64,
    out: &mut [u64; TAGGER_FEATURES],
) {
    let k = |j: isize| -> Option<&TokenKeys> {
        if j < 0 {
            None
        } else {
            keys.get(j as usize)
        }
    };
    let i_ = i as isize;
    let w = &keys[i];
    let lower = |j| k(j).map_or(NONE, |t| t.lower);
    let suffix = |j| k(j).map_or(NONE, |t| t.suffix);
    out[0] = feat(0, 0, 0, 0);
    out[1] = feat(1, w.lower, 0, 0);
    out[2] = feat(2, w.suffix, 0, 0);
    out[3] = feat(3, w.prefix, 0, 0);
    out[4] = feat(4, w.shape, 0, 0);
    out[5] = feat(5, p1, 0, 0);
    out[6] = feat(6, p1, p2, 0);
    out[7] = feat(7, p1, w.lower, 0);
    out[8] = feat(8, lower(i_ - 1), 0, 0);
    out[9] = feat(9, suffix(i_ - 1), 0, 0);
    out[10] = feat(10, lower(i_ - 2), 0, 0);
    out[11] = feat(11, lower(i_ + 1), 0, 0);
    out[12] = feat(12, suffix(i_ + 1), 0, 0);
    out[13] = feat(13, lower(i_ + 2), 0, 0);
    out[14] = feat(14, w.shape, (i == 0) as u64, 0);
    out[15] = feat(15, w.form, 0, 0);
}

/// Number of entity-recogniser features.
pub const NER_FEATURES: usize = 25;

/// The entity recogniser's features for token `i`, given the tags of the
/// sentence (id + 1) and the classes of the two tokens before (id + 1; 0 =
/// none).
#[inline]
pub fn ner_features(
    keys: &[TokenKeys],
    tags: &[u8],
    i: usize,
    y1: u64,
    y2: u64,
    out: &mut [u64; NER_FEATURES],
) {
    let i_ = i as isize;
    let k = |j: isize| -> Option<&TokenKeys> {
        if j < 0 {
            None
        } else {
            keys.get(j as usize)
        }
    };
    let t = |j: isize| -> u64 {
        if j < 0 {
            0
        } else {
            tags.get(j as usize).map_or(0, |&t| t as u64 + 1)
        }
    };
    let w = &keys[i];
    let lower = |j| k(j).map_or(NONE, |t| t.lower);
    let form = |j| k(j).map_or(NONE, |t| t.form);
    let shape = |j| k(j).map_or(NONE, |t| t.shape);
    out[0] = feat(100, 0, 0, 0);
    out[1] = feat(101, w.form, 0, 0);
    out[2] = feat(102, w.lower, 0, 0);
    out[3] = feat(103, w.shape, 0, 0);
    out[4] = feat(104, w.suffix, 0, 0);
    out[5] = feat(105, form(i_ - 1), 0, 0);
    out[6] = feat(106, form(i_ + 1), 0, 0);
    out[7] = feat(107, lower(i_ - 2), 0, 0);
    out[8] = feat(108, lower(i_ + 2), 0, 0);
    out[9] = feat(109, shape(i_ - 1), w.shape, 0);
    out[10] = feat(110, w.shape, shape(i_ + 1), 0);
    out[11] = feat(111, t(i_), 0, 0);
    out[12] = feat(112, t(i_ - 1), t(i_), 0);
    out[13] = feat(113, t(i_), t(i_ + 1), 0);
    out[14] = feat(114, y1, 0, 0);
    out[15] = feat(115, y1, y2, 0);
    out[16] = feat(116, y1, w.lower, 0);
    out[17] = feat(117, y1, w.shape, t(i_));
    out[18] = feat(118, lower(i_ - 1), w.lower, 0);
    out[19] = feat(119, w.lower, lower(i_ + 1), 0);
    out[20] = feat(120, w.shape, (i == 0) as u64, y1);
    out[21] = feat(121, form(i_ - 1), w.form, 0);
    out[22] = feat(122, w.form, form(i_ + 1), 0);
    out[23] = feat(123, shape(i_ - 1), w.shape, shape(i_ + 1));
    out[24] = feat(124, k(i_ + 1).map_or(NONE, |t| t.suffix), 0, 0);
}

/// Number of entity-typer features.
pub const SPAN_FEATURES: usize = 21;

/// The entity typer's features for the span of tokens `a..b`.
#[inline]
pub fn span_features(
    keys: &[TokenKeys],
    tags: &[u8],
    a: usize,
    b: usize,
    out: &mut [u64; SPAN_FEATURES],
) {
    let (mut whole_lower, mut whole_form) = (0u64, 0u64);
    for k in &keys[a..b] {
        whole_lower = feat(1, whole_lower, k.lower, 0);
        whole_form = feat(2, whole_form, k.form, 0);
    }
    let lower = |j: usize| keys.get(j).map_or(NONE, |t| t.lower);
    let prev = |d: usize| if a >= d { keys[a - d].lower } else { NONE };
    let (first, last) = (&keys[a], &keys[b - 1]);
    let t = |j: usize| tags.get(j).map_or(0, |&t| t as u64 + 1);
    let len = (b - a).min(4) as u64;
    out[0] = feat(400, 0, 0, 0);
    out[1] = feat(401, whole_lower, 0, 0);
    out[2] = feat(402, whole_form, 0, 0);
    out[3] = feat(403, first.form, 0, 0);
    out[4] = feat(404, last.form, 0, 0);
    out[5] = feat(405, last.lower, len, 0);
    for slot in 0..4 {
        out[6 + slot] = feat(
            406,
            if a + slot < b {
                keys[a + slot].lower
            } else {
                NONE
            },
            0,
            0,
        );
    }
    out[10] = feat(410, prev(1), 0, 0);
    out[11] = feat(411, prev(2), prev(1), 0);
    out[12] = feat(412, lower(b), 0, 0);
    out[13] = feat(413, len, first.shape, 0);
    out[14] = feat(414, last.shape, 0, 0);
    out[15] = feat(415, last.suffix, 0, 0);
    out[16] = feat(416, t(a), t(b - 1), 0);
    out[17] = feat(417, prev(1), first.form, 0);
    out[18] = feat(418, last.lower, lower(b), 0);
    out[19] = feat(419, first.suffix, 0, 0);
    out[20] = feat(420, lower(b), lower(b + 1), 0);
}
