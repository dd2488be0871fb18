//! Reading text a character at a time without decoding ASCII: the
//! tokenizers of the stages run over every byte of every article, and most
//! of those bytes are ASCII.

/// The character at byte `i` of `s` (a char boundary) and its length in
/// bytes.
pub(crate) fn char_at(s: &str, i: usize) -> (char, usize) {
    let b = s.as_bytes()[i];
    if b.is_ascii() {
        (char::from(b), 1)
    } else {
        let c = s[i..].chars().next().expect("i is a char boundary");
        (c, c.len_utf8())
    }
}
