//! Writing HTML safely: every value from the store goes through [`esc`]
//! (text and attribute values alike) or [`url_part`] (ids in links), so
//! markup in an article — a `<script>` in a title, a `javascript:` link in
//! its text — is shown as text, never run.

use std::fmt::Write;

/// Escapes text for an element's content or a quoted attribute value.
pub fn esc(s: &str) -> String {
    html_escape::encode_quoted_attribute(s).into_owned()
}

/// Percent-encodes an id for one path segment or query value: only
/// unreserved characters stay, so `/`, `?`, `#`, `:` and quotes cannot
/// change where a link goes.
pub fn url_part(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// A whole page: the header with the search box, then `body`. Styles come
/// from the embedded stylesheet only (the Content-Security-Policy allows no
/// inline style or script).
pub fn page(title: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{} · dossier</title><link rel=\"stylesheet\" href=\"/assets/style.css\"></head>\
         <body><header><a class=\"home\" href=\"/\">dossier</a>\
         <form class=\"search\" action=\"/search\" method=\"get\" role=\"search\">\
         <input type=\"search\" name=\"q\" placeholder=\"Search sentences\" aria-label=\"Search sentences\">\
         <button type=\"submit\">Search</button></form></header>\
         <main>{body}</main></body></html>\n",
        esc(title)
    )
}

/// A link to a path under this server with an escaped label.
pub fn link(path: &str, label: &str) -> String {
    format!("<a href=\"{}\">{}</a>", esc(path), esc(label))
}

/// "1 source", "3 sources".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_links_from_articles_stay_text() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(
            url_part("person:xi jinping/../?#\""),
            "person%3Axi%20jinping%2F..%2F%3F%23%22"
        );
        assert_eq!(
            link("/actor/javascript%3Aalert(1)", "<b>"),
            "<a href=\"/actor/javascript%3Aalert(1)\">&lt;b&gt;</a>"
        );
    }
}
