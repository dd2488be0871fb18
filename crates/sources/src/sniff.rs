//! Deciding what decoded content is: JSON Lines, HTML, or plain text.
//! By content, not by file extension: saved pages are often named `.txt`,
//! and pasted text `.html`.

use dossier_model::ContentKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    JsonLines,
    Content(ContentKind),
}

/// Tags whose presence near the start marks a document as HTML.
const HTML_OPENERS: &[&str] = &[
    "<!doctype html",
    "<html",
    "<head",
    "<body",
    "<meta",
    "<title",
    "<article",
    "<div",
    "<p>",
    "<p ",
    "<section",
    "<main",
    "<table",
];

pub fn sniff(text: &str) -> Sniffed {
    let start = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if start.starts_with('{') || start.starts_with('[') {
        let first_line = start.lines().next().unwrap_or("");
        if serde_json::from_str::<serde_json::Value>(first_line).is_ok_and(|v| v.is_object())
            || serde_json::from_str::<serde_json::Value>(start).is_ok()
        {
            return Sniffed::JsonLines;
        }
    }
    let head: String = start.chars().take(2048).collect::<String>().to_lowercase();
    let opens_with_markup = head.starts_with('<')
        && (HTML_OPENERS.iter().any(|t| head.contains(t)) || head.starts_with("<!--"));
    if opens_with_markup {
        return Sniffed::Content(ContentKind::Html);
    }
    // Text with a few block-level closing tags is a page saved without its
    // head, or an HTML fragment.
    let fragment_tags = ["</p>", "<br", "</div>", "</li>"]
        .iter()
        .map(|t| head.matches(t).count())
        .sum::<usize>();
    if fragment_tags >= 3 {
        return Sniffed::Content(ContentKind::Html);
    }
    Sniffed::Content(ContentKind::Text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_content() {
        assert_eq!(
            sniff("{\"text\": \"x\"}\n{\"text\": \"y\"}"),
            Sniffed::JsonLines
        );
        assert_eq!(
            sniff("\n  <!DOCTYPE html><html><p>x</p>"),
            Sniffed::Content(ContentKind::Html)
        );
        assert_eq!(
            sniff("Intro line\n<p>one</p><p>two</p><br>three"),
            Sniffed::Content(ContentKind::Html)
        );
        assert_eq!(
            sniff("Talks resume in Geneva\n\nThe envoys met on Monday."),
            Sniffed::Content(ContentKind::Text)
        );
        assert_eq!(
            sniff("{braces} in prose are still text"),
            Sniffed::Content(ContentKind::Text)
        );
    }
}
