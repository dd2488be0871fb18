//! Front matter: a block of `key: value` lines at the top of a plain-text
//! or Markdown file, between `---` lines (YAML style) or `+++` lines (TOML
//! style, `key = "value"`), carrying what plain text has no place for: its
//! title, outlet, date, author and URL.
//!
//! Only flat string values are read (what static-site generators and
//! hand-written notes use); a block that is not closed is not front matter,
//! and the file is read as it is.

use dossier_model::GivenMeta;

/// What a front-matter block gave, and the text after it.
#[derive(Debug, PartialEq, Eq)]
pub struct FrontMatter<'t> {
    pub given: GivenMeta,
    pub body: &'t str,
    /// Keys the block holds that dossier does not read, so a misspelt one
    /// (`titel`) is reported, not silently lost.
    pub unknown_keys: Vec<String>,
}

/// Splits a front-matter block off `text`; `None` when it opens with none.
pub fn split(text: &str) -> Option<FrontMatter<'_>> {
    let text = text.trim_start_matches('\u{feff}');
    let fence = ["---", "+++"]
        .into_iter()
        .find(|f| text.lines().next().is_some_and(|l| l.trim_end() == *f))?;
    let mut given = GivenMeta::default();
    let mut unknown_keys = Vec::new();
    let mut offset = text.find('\n')? + 1;
    for line in text[offset..].split_inclusive('\n') {
        offset += line.len();
        let line = line.trim();
        if line == fence {
            return Some(FrontMatter {
                given,
                body: &text[offset..],
                unknown_keys,
            });
        }
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let separator = if fence == "+++" { '=' } else { ':' };
        let (key, value) = line.split_once(separator)?;
        let key = key.trim().to_ascii_lowercase();
        let value = unquote(value.trim());
        let value = (!value.is_empty()).then(|| value.to_string());
        match key.as_str() {
            "title" => given.title = value,
            "outlet" | "source" | "publisher" => given.outlet = value,
            "published" | "date" => given.published = value,
            "author" | "by" => given.author = value,
            "url" | "link" => given.url = value,
            _ => unknown_keys.push(key),
        }
    }
    // Never closed: not front matter (a Markdown rule, or a dashed line).
    None
}

/// `"value"` or `'value'` → `value`.
fn unquote(value: &str) -> &str {
    for quote in ['"', '\''] {
        if let Some(inner) = value
            .strip_prefix(quote)
            .and_then(|v| v.strip_suffix(quote))
        {
            return inner;
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_and_toml_blocks_give_metadata_and_the_body() {
        let yaml = "---\ntitle: Talks resume in Geneva\noutlet: The Courier\npublished: 2025-06-03\nauthor: \"Ana Ruiz\"\nurl: https://example.org/talks\n---\nThe envoys met on Monday.\n";
        let found = split(yaml).unwrap();
        assert_eq!(found.given.title.as_deref(), Some("Talks resume in Geneva"));
        assert_eq!(found.given.outlet.as_deref(), Some("The Courier"));
        assert_eq!(found.given.published.as_deref(), Some("2025-06-03"));
        assert_eq!(found.given.author.as_deref(), Some("Ana Ruiz"));
        assert_eq!(
            found.given.url.as_deref(),
            Some("https://example.org/talks")
        );
        assert_eq!(found.body, "The envoys met on Monday.\n");
        let toml = "+++\ntitle = 'Talks'\ndate = \"2025-06\"\ntags = \"x\"\n+++\nBody.";
        let found = split(toml).unwrap();
        assert_eq!(found.given.title.as_deref(), Some("Talks"));
        assert_eq!(found.given.published.as_deref(), Some("2025-06"));
        assert_eq!(found.unknown_keys, ["tags"]);
        assert_eq!(found.body, "Body.");
    }

    #[test]
    fn an_unclosed_block_or_prose_is_not_front_matter() {
        assert_eq!(split("---\ntitle: x\nBody goes on.\n"), None);
        assert_eq!(split("---\n\nA dashed rule, then prose.\n"), None);
        assert_eq!(split("Talks resume\n---\ntitle: x\n---\n"), None);
    }
}
