//! Extract: a [`RawDoc`] (plain text or HTML) → a clean [`Article`].
//!
//! **Architecture Invariant:** extraction never fails. Whatever the input,
//! [`extract`] returns an article (possibly with empty text) plus warnings;
//! the caller decides what an empty article means.
//!
//! Metadata precedence: fields the source states explicitly (a JSON Lines
//! record's `title`, `author`, …) win over what the page's own markup says,
//! which wins over what the cleaner infers from the text (a "By …" line).

pub mod clean;
pub mod dates;
mod html;
mod language;
mod lexicon;

use dossier_model::{Article, ContentKind, Paragraph, ParagraphKind, RawDoc, Span};

use clean::{Cleaned, Label};

/// The cleaner's decision on every block of a document, in order: the
/// block's text and what the cleaner called it (`dossier extract --format
/// blocks` prints this, to show why a line was kept or dropped).
pub fn explain(raw: &RawDoc) -> Vec<(String, String)> {
    let (_, cleaned) = clean_blocks(raw);
    cleaned
        .blocks
        .into_iter()
        .zip(cleaned.labels)
        .map(|(block, label)| {
            let label = match label {
                Label::Debris(reason) => format!("debris ({reason})"),
                Label::Byline(name) => format!("byline ({name})"),
                Label::Dateline(date) => format!("date line ({date})"),
                other => format!("{other:?}").to_lowercase(),
            };
            (block.text, label)
        })
        .collect()
}

fn clean_blocks(raw: &RawDoc) -> (html::PageMeta, Cleaned) {
    match raw.kind {
        ContentKind::Text => (
            html::PageMeta::default(),
            clean::classify(clean::text_blocks(&raw.content), None),
        ),
        ContentKind::Html => {
            let (page, blocks) = html::parse(&raw.content);
            let cleaned = clean::classify(blocks, page.title.as_deref());
            (page, cleaned)
        }
    }
}

/// Cleans one raw document.
pub fn extract(raw: &RawDoc) -> Article {
    let mut warnings = raw.warnings.clone();
    let (page, cleaned) = clean_blocks(raw);
    let (mut text, mut paragraphs) = assemble(&cleaned);
    // A page that carries its body in JSON-LD but renders it by script has
    // little visible text; the structured body is then the better source.
    if let Some(body) = page.article_body.as_deref() {
        if body.len() > text.len() * 2 && body.len() >= 200 {
            let blocks = clean::text_blocks(body);
            let from_ld = clean::classify(blocks, page.title.as_deref());
            (text, paragraphs) = assemble(&from_ld);
        }
    }
    if text.is_empty() {
        warnings.push("no article text found".to_string());
    }
    let given = &raw.given;
    let title = given
        .title
        .clone()
        .or(page.title.clone())
        .or_else(|| cleaned.title().map(str::to_string));
    let published = match &given.published {
        Some(p) => {
            let date = dates::given_date(p);
            if date.is_none() {
                warnings.push(format!(
                    "published {p:?} is not a date (write it as 2025-03-13, 2025-03 or 13 March 2025); stored without a date"
                ));
            }
            date
        }
        None => page
            .published
            .clone()
            .or_else(|| cleaned.published().map(str::to_string))
            .or_else(|| given.captured.as_deref().and_then(dates::given_date)),
    };
    let language = language::detect(&text).or(page.language.clone());
    Article {
        origin: raw.origin.clone(),
        url: given.url.clone().or(page.url),
        title,
        author: given
            .author
            .clone()
            .or(page.author)
            .or_else(|| cleaned.author().map(str::to_string)),
        published,
        outlet: given.outlet.clone().or(page.outlet),
        language,
        text,
        paragraphs,
        warnings,
    }
}

/// Joins the kept blocks into the clean text, one blank line between
/// paragraphs, recording each paragraph's span.
fn assemble(cleaned: &Cleaned) -> (String, Vec<Paragraph>) {
    let mut text = String::new();
    let mut paragraphs = Vec::new();
    for (block, label) in cleaned.kept() {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(&block.text);
        paragraphs.push(Paragraph {
            span: Span::new(start, text.len()),
            kind: if *label == Label::Subhead {
                ParagraphKind::Subhead
            } else {
                ParagraphKind::Body
            },
        });
    }
    (text, paragraphs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_model::GivenMeta;

    fn raw(kind: ContentKind, content: &str) -> RawDoc {
        RawDoc {
            id: "test".into(),
            origin: "test".into(),
            kind,
            content: content.into(),
            given: GivenMeta::default(),
            content_hash: String::new(),
            warnings: vec![],
        }
    }

    #[test]
    fn paragraphs_are_separated_by_blank_lines_and_spans_match() {
        let article = extract(&raw(
            ContentKind::Text,
            "Border talks resume\n\nThe two delegations met again on Friday in the capital.\nOfficials called the session constructive and said more meetings would follow.\n",
        ));
        assert_eq!(article.title.as_deref(), Some("Border talks resume"));
        assert_eq!(article.paragraphs.len(), 2);
        assert!(article.text.contains("Friday in the capital.\n\nOfficials"));
        for p in &article.paragraphs {
            assert!(!p.span.of(&article.text).contains("\n\n"));
        }
        assert_eq!(article.language.as_deref(), Some("en"));
    }

    #[test]
    fn given_metadata_wins() {
        let mut doc = raw(ContentKind::Html, "<html><head><title>Page title</title></head><body><p>Body text of the report, long enough to count as a sentence.</p></body></html>");
        doc.given.title = Some("Given title".into());
        doc.given.published = Some("March 13, 2025".into());
        let article = extract(&doc);
        assert_eq!(article.title.as_deref(), Some("Given title"));
        assert_eq!(article.published.as_deref(), Some("2025-03-13"));
    }

    #[test]
    fn a_capture_date_stands_in_only_when_the_page_states_none() {
        let body = "<p>Body text of the report, long enough to count as a sentence.</p>";
        let mut undated = raw(
            ContentKind::Html,
            &format!("<html><body>{body}</body></html>"),
        );
        undated.given.captured = Some("2025-06-03".into());
        assert_eq!(extract(&undated).published.as_deref(), Some("2025-06-03"));
        let mut dated = raw(
            ContentKind::Html,
            &format!(
                "<html><head><meta property=\"article:published_time\" content=\"2025-05-30\"></head><body>{body}</body></html>"
            ),
        );
        dated.given.captured = Some("2025-06-03".into());
        assert_eq!(extract(&dated).published.as_deref(), Some("2025-05-30"));
    }

    #[test]
    fn a_given_date_that_is_not_one_is_refused_with_a_warning() {
        for bad in ["not a date", "2025-13-45"] {
            let mut doc = raw(
                ContentKind::Text,
                "The two delegations met again on Friday in the capital.",
            );
            doc.given.published = Some(bad.into());
            let article = extract(&doc);
            assert_eq!(article.published, None, "{bad}");
            assert!(
                article
                    .warnings
                    .iter()
                    .any(|w| w.contains(bad) && w.contains("stored without a date")),
                "{:?}",
                article.warnings
            );
        }
    }

    #[test]
    fn empty_and_script_only_pages_give_an_article_and_a_warning() {
        for content in ["", "<script>var a = 1;</script><style>p{}</style>"] {
            let article = extract(&raw(ContentKind::Html, content));
            assert!(article.text.is_empty());
            assert_eq!(article.warnings, ["no article text found"]);
        }
    }
}
