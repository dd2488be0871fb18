//! Reading text a character at a time without decoding ASCII: the
//! tokenizers of the stages run over every byte of every article, and most
//! of those bytes are ASCII.

/// The character starting at byte `at` of `text`, if one starts there (at
/// a character boundary before the end).
pub fn char_at(text: &str, at: usize) -> Option<char> {
    match *text.as_bytes().get(at)? {
        b if b.is_ascii() => Some(char::from(b)),
        _ => text.get(at..)?.chars().next(),
    }
}
