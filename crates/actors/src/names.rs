//! People and organisations the gazetteer does not know, found from the
//! shape of their names and the words around them.

use std::borrow::Cow;

use foldhash::{HashMap, HashMapExt, HashSet};

use dossier_lexicon::FunctionWords;
use dossier_model::{ActorKind, Span};
use dossier_text::EntityKind;

use super::gazetteer::{Gazetteer, TitleKind};
use super::Doc;

/// A stable id slug: ASCII lowercase words joined by hyphens
/// ("Yun Sun" → "yun-sun", "Victor D. Cha" → "victor-d-cha").
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        let mapped = match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'ē' => 'e',
            'í' | 'ì' | 'î' | 'ï' | 'ī' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'ō' => 'o',
            'ú' | 'ù' | 'û' | 'ü' | 'ū' => 'u',
            'ç' | 'č' | 'ć' => 'c',
            'ñ' | 'ń' => 'n',
            'š' | 'ś' => 's',
            'ž' | 'ź' | 'ż' => 'z',
            'ğ' => 'g',
            'ı' => 'i',
            'ł' => 'l',
            'ř' => 'r',
            c => c,
        };
        let lower = mapped.to_ascii_lowercase();
        if lower.is_ascii_alphanumeric() {
            out.push(lower);
        } else if !out.ends_with('-') && !out.is_empty() && !matches!(c, '\'' | '’') {
            // Apostrophes join ("O'Brien" → "obrien"); anything else, full
            // stops of initials included, separates.
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Whether a span starts and ends at word boundaries.
pub fn word_bounded(text: &str, span: Span) -> bool {
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// A capitalised name token starting at `at`: "Delury", "McCain", "Jong-un",
/// "O'Brien", or an initial "D.". Returns its end.
fn name_token(text: &str, at: usize) -> Option<usize> {
    let rest = &text[at..];
    let mut chars = rest.char_indices();
    let (_, first) = chars.next()?;
    if !first.is_uppercase() {
        return None;
    }
    let mut end = first.len_utf8();
    for (i, c) in chars {
        // Letters first: the joiner rules below run only between them.
        if c.is_alphabetic() {
            end = i + c.len_utf8();
            continue;
        }
        let joiner = c == '-' || c == '\'' || c == '’';
        let next = &rest[i + c.len_utf8()..];
        // "O'Brien" and "Jong-un" continue a name; a possessive "'s" ends it.
        let possessive = joiner
            && c != '-'
            && next.starts_with('s')
            && !next[1..].starts_with(char::is_alphabetic);
        if joiner && !possessive && next.starts_with(|n: char| n.is_alphabetic()) {
            end = i + c.len_utf8();
        } else {
            break;
        }
    }
    if end == first.len_utf8() && rest[end..].starts_with('.') {
        return Some(at + end + 1); // an initial
    }
    (end > first.len_utf8()).then_some(at + end)
}

/// `word` in lowercase, written into `buf` when it is short ASCII: the
/// name rules look up most words of an article, and a String for each
/// would cost more than the lookups.
pub(super) fn lowercase<'b>(word: &'b str, buf: &'b mut [u8; 24]) -> Cow<'b, str> {
    if word.is_ascii() && word.len() <= buf.len() {
        let buf = &mut buf[..word.len()];
        buf.copy_from_slice(word.as_bytes());
        buf.make_ascii_lowercase();
        Cow::Borrowed(std::str::from_utf8(buf).unwrap_or(word))
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// Every personal name of two or more tokens in `text`, in order, as
/// [`personal_name`] reads one at each word-initial capital.
fn full_names<'t>(text: &'t str, g: &'t Gazetteer) -> impl Iterator<Item = Span> + 't {
    let mut at = 0;
    std::iter::from_fn(move || {
        while let Some(start) = next_capital(text, at) {
            at = start + text[start..].chars().next().map_or(1, char::len_utf8);
            if !word_bounded_start(text, start) {
                continue;
            }
            let Some((end, tokens)) = personal_name(text, start, g) else {
                continue;
            };
            at = end;
            if tokens >= 2 {
                return Some(Span::new(start, end));
            }
        }
        None
    })
}

/// A personal name starting at `at`: 1–4 name tokens separated by single
/// spaces, allowing lowercase particles (bin, al, van, de). Returns the end
/// of the name and how many tokens it has (a count, not the tokens: this
/// runs at most capitals of an article).
fn personal_name(text: &str, at: usize, g: &Gazetteer) -> Option<(usize, usize)> {
    let mut tokens = 0;
    let mut end = at;
    let mut pos = at;
    while tokens < 4 {
        match name_token(text, pos) {
            Some(e) if !g.is_common_word(&text[pos..e]) => {
                tokens += 1;
                end = e;
            }
            _ => break,
        }
        let rest = &text[end..];
        let Some(after_space) = rest.strip_prefix(' ') else {
            break;
        };
        let particle = [
            "bin ", "al-", "van ", "von ", "de ", "da ", "del ", "der ", "la ", "le ",
        ]
        .iter()
        .find(|p| after_space.starts_with(**p));
        pos = end + 1 + particle.map_or(0, |p| p.len());
    }
    (tokens > 0).then_some((end, tokens))
}

/// Whether an alias like "Jordan" is part of a personal name here:
/// "Michael Jordan", "Jordan Peterson".
pub fn inside_personal_name(text: &str, span: Span) -> bool {
    let g = Gazetteer::get();
    let before = text[..span.start].strip_suffix(' ').and_then(|b| {
        // After the last non-letter, which may be several bytes long ("’").
        let start = b
            .char_indices()
            .rfind(|&(_, c)| !c.is_alphabetic())
            .map_or(0, |(p, c)| p + c.len_utf8());
        name_token(text, start)
            .filter(|&e| e == b.len())
            .map(|_| &b[start..])
    });
    let after = text[span.end..]
        .strip_prefix(' ')
        .and_then(|_| name_token(text, span.end + 1).map(|e| &text[span.end + 1..e]));
    let is_name_word = |w: &str| !g.is_common_word(w) && !g.aliases.is_pattern(w);
    before.is_some_and(is_name_word) || after.is_some_and(is_name_word)
}

/// The person a single name token refers to: someone named earlier in the
/// text, else a gazetteer office-holder on the article's date.
fn resolve_short_form(doc: &Doc<'_>, g: &Gazetteer, token: &str, before: usize) -> Option<String> {
    let earlier = doc
        .mentions
        .iter()
        .filter(|m| m.span.end <= before && m.actor.starts_with("person:"))
        .rev()
        .find(|m| {
            let name = &doc.text[m.span.start..m.span.end];
            let full = doc
                .text_actors
                .get(&m.actor)
                .map(|t| t.name.as_str())
                .or_else(|| g.actors.get(&m.actor).map(|e| e.name.as_str()));
            name.split([' ', '-'])
                .chain(full.into_iter().flat_map(|f| f.split([' ', '-'])))
                .any(|t| t == token)
        });
    if let Some(m) = earlier {
        return Some(m.actor.clone());
    }
    let date = doc.date?;
    let candidates: Vec<&String> = g
        .people_by_token
        .get(token)?
        .iter()
        .filter(|p| g.in_office(p, date))
        .collect();
    (candidates.len() == 1).then(|| candidates[0].clone())
}

/// Whether a capitalised name is an organisation's ("Royal Hashemite
/// Court", "Commerce Ministry"): it contains an organisation head word.
fn looks_like_org(name: &str, g: &Gazetteer) -> bool {
    name.split([' ', '-'])
        .any(|t| g.org_heads.contains(t) || g.org_leads.contains(t))
}

/// Records a text-found person and returns their id.
fn person(doc: &mut Doc<'_>, name: &str) -> String {
    let id = format!("person:{}", slug(name));
    let entry = doc.text_actors.entry(id.clone()).or_default();
    if entry.name.is_empty() {
        entry.name = name.to_string();
        entry.kind = Some(ActorKind::Person);
    }
    id
}

pub(crate) fn people_pass(doc: &mut Doc<'_>, annotated: &mut dossier_text::Doc<'_>, g: &Gazetteer) {
    // Names inside organisation names ("Ministry of National Defense") are
    // not people.
    doc.blocked = org_names(doc.text, g);
    // Full names first (appositions, roles before names, subjects of
    // speech verbs): titled short forms ("Ms. Roe") then resolve to them.
    appositions(doc, g);
    role_then_name(doc, g);
    speakers(doc, g);
    // Before titled names: "Mr. Qureshi" after "Abid Qureshi" resolves to
    // him only when the full name is already found.
    recognised_people(doc, annotated, g);
    titled_names(doc, g);
    short_forms(doc, g);
}

/// Full names that no cue marks ("Bernie Sanders spoke in Ohio"): a name
/// of two or more tokens by its form that the learned entity recogniser
/// (`dossier-text`'s model) also reads as a person, cut to where both
/// agree ("Follow Pam Key" → "Pam Key"), each word of it a proper noun
/// to the tagger, and its last word named again in the article. The form alone takes "Supreme
/// Court", the recogniser alone misreads capitalised phrases; and in a
/// title-case line (a headline: most words capitalised) capitals say
/// nothing, so none is read there. A name with the first and last word of
/// a person the article already names ("Donald J. Trump" after "Donald
/// Trump") is that person. Only the sentences holding a name are tagged.
fn recognised_people(doc: &mut Doc<'_>, annotated: &mut dossier_text::Doc<'_>, g: &Gazetteer) {
    if !dossier_text::model::has_model() {
        return;
    }
    let text = doc.text;
    let names: Vec<Span> = full_names(text, g)
        .filter(|&span| !doc.taken(span) && !looks_like_org(span.of(text), g))
        .collect();
    let names = named_again(text, names);
    if names.is_empty() {
        return;
    }
    let sentences: Vec<usize> = (annotated.sentences().iter().enumerate())
        .filter(|(_, s)| !title_case(s.span.of(text)))
        .filter(|(_, s)| (names.iter()).any(|n| s.span.start <= n.start && n.end <= s.span.end))
        .map(|(i, _)| i)
        .collect();
    if sentences.is_empty() {
        return;
    }
    let recognised = &*annotated.find_entities_in(&sentences);
    let people: Vec<Span> = recognised
        .entities()
        .iter()
        .filter(|e| e.kind == EntityKind::Person)
        .filter(|e| sentences.contains(&recognised.sentence_of(e.tokens.0 as usize)))
        .map(|e| e.span)
        .collect();
    for name in names {
        let Some(person_span) = people
            .iter()
            .find(|p| p.start < name.end && name.start < p.end)
        else {
            continue;
        };
        let span = Span::new(
            name.start.max(person_span.start),
            name.end.min(person_span.end),
        );
        let words: Vec<&str> = span.of(text).split(' ').collect();
        if words.len() < 2 || !word_bounded(text, span) || doc.taken(span) {
            continue;
        }
        // Every word a proper noun to the tagger: "Longtime Clinton aide",
        // "Assuming Principals" open with words it reads as common.
        let tokens = recognised.tokens_in(span);
        if tokens.is_empty()
            || !tokens
                .clone()
                .all(|t| matches!(recognised.tag_of(t).name(), "NNP" | "NNPS" | "."))
        {
            continue;
        }
        // Names of places and papers read like people to the recogniser
        // ("the Amu Darya", "told the Steppe Courier"); a person's name takes
        // no article and does not modify a common noun ("the Syr Darya
        // basins"). Missing "the Trump administration" as a mention of the
        // person is the price, and a small one beside a river made a person.
        let after = tokens.end;
        if follows_article(text, span.start)
            || (after < recognised.len()
                && recognised.sentence_of(after) == recognised.sentence_of(tokens.start)
                && matches!(recognised.tag_of(after).name(), "NN" | "NNS")
                && recognised.shape(after) == dossier_text::Shape::Lower)
            || !latin_capitalised(&words)
            || !ends_cleanly(text, span.end)
            || quoted_whole(text, span)
        {
            continue;
        }
        let known = doc
            .mentions
            .iter()
            .filter(|m| m.actor.starts_with("person:"))
            .find(|m| {
                let known: Vec<&str> = m.span.of(text).split(' ').collect();
                known.len() >= 2 && known[0] == words[0] && known.last() == words.last()
            })
            .map(|m| m.actor.clone());
        // A person the article is about is named again ("Sanders said");
        // a name read once, on the recogniser's word alone, is as often a
        // show, a character or an alias as a person, so it waits for a cue.
        if known.is_none() {
            let surname = words[words.len() - 1];
            let again = text
                .match_indices(surname)
                .filter(|(at, _)| *at != span.start + span.len() - surname.len())
                .any(|(at, _)| word_bounded(text, Span::new(at, at + surname.len())));
            if !again {
                continue;
            }
        }
        let id = known.unwrap_or_else(|| person(doc, span.of(text)));
        doc.add(span, id);
    }
}

/// The names a word of which, after the first, is written elsewhere in the
/// text: a name passes below only if its surname is named again, and the
/// surname is one of these words, so names that cannot pass are not tagged.
/// One pass over the text finds every such word, however many names there
/// are (a page listing thousands of names would otherwise be read once for
/// each).
fn named_again(text: &str, names: Vec<Span>) -> Vec<Span> {
    // (name index, the word's start) for each word after a name's first.
    let mut words: Vec<(usize, Span)> = Vec::new();
    for (n, span) in names.iter().enumerate() {
        let mut at = span.start;
        for (i, word) in span.of(text).split(' ').enumerate() {
            if i > 0 && !word.is_empty() {
                words.push((n, Span::new(at, at + word.len())));
            }
            at += word.len() + 1;
        }
    }
    let mut patterns: Vec<&str> = words.iter().map(|(_, w)| w.of(text)).collect();
    patterns.sort_unstable();
    patterns.dedup();
    let Ok(finder) = aho_corasick::AhoCorasick::new(&patterns) else {
        return Vec::new();
    };
    // The first two places each word is written as a whole word.
    let mut seen: Vec<[Option<usize>; 2]> = vec![[None, None]; patterns.len()];
    for m in finder.find_overlapping_iter(text) {
        let at = &mut seen[m.pattern().as_usize()];
        if at[1].is_none() && word_bounded(text, Span::new(m.start(), m.end())) {
            at[usize::from(at[0].is_some())] = Some(m.start());
        }
    }
    let mut passes = vec![false; names.len()];
    for (n, word) in words {
        let p = patterns.binary_search(&word.of(text)).expect("a pattern");
        passes[n] |= seen[p].iter().flatten().any(|&k| k != word.start);
    }
    (names.into_iter().zip(passes))
        .filter_map(|(span, pass)| pass.then_some(span))
        .collect()
}

/// Whether the name at `at` takes an article: "the Amu Darya", or the
/// second of two names under one article, "the Syr Darya and Amu Darya".
fn follows_article(text: &str, at: usize) -> bool {
    let mut words = text[..at]
        .rsplit(|c: char| c.is_whitespace())
        .skip(1)
        .take(8)
        .filter(|w| !w.is_empty());
    let mut word = words.next().unwrap_or("");
    if matches!(word, "and" | "or" | "&") {
        // Back over the first name's words to what stands before it.
        word = words
            .find(|w| !w.chars().next().is_some_and(char::is_uppercase))
            .unwrap_or("");
    }
    ["the", "a", "an"]
        .iter()
        .any(|article| word.eq_ignore_ascii_case(article))
}

/// Whether the name is all a quotation holds: a show (''Access
/// Hollywood''), an alias ("Richard Windsor,"), a title. A quotation that
/// only opens with a name ("Clinton has a number of super PACs") is not.
fn quoted_whole(text: &str, span: Span) -> bool {
    let is_quote = |c: char| matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’');
    let opened = text[..span.start].chars().next_back().is_some_and(is_quote);
    let closed = text[span.end..]
        .trim_start_matches([',', '.'])
        .chars()
        .next()
        .is_some_and(is_quote);
    opened && closed
}

/// Whether a name ends where a word ends in running text: a hyphen
/// ("Alexandria Ocasio-Cortez") or a stray symbol (mis-decoded accents,
/// "BasÃ¡Ã±ez") after it means the name was cut short.
fn ends_cleanly(text: &str, end: usize) -> bool {
    text[end..].chars().next().is_none_or(|c| {
        c.is_whitespace()
            || matches!(
                c,
                ',' | '.' | ';' | ':' | '!' | '?' | ')' | '"' | '\'' | '’' | '”'
            )
    })
}

/// Whether every word opens with a capital of the Latin script: the
/// recogniser was trained on English text, and a name in another script
/// has no slug to be told apart by.
fn latin_capitalised(words: &[&str]) -> bool {
    words.iter().all(|w| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() && (c as u32) < 0x250)
    })
}

/// Whether most of a sentence's words are capitalised (a headline).
pub(crate) fn title_case(sentence: &str) -> bool {
    let words: Vec<&str> = sentence
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    let capitalised = words
        .iter()
        .filter(|w| {
            w.chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_uppercase)
        })
        .count();
    words.len() >= 3 && capitalised * 10 >= words.len() * 6
}

/// "Mr. Delury", "Dr. Jane Roe", "Foreign Minister Wang Yi", "General Smith".
fn titled_names(doc: &mut Doc<'_>, g: &Gazetteer) {
    let text = doc.text;
    let mut at = 0;
    while let Some(m) = g.title_finder.find_from(text, at) {
        let start = m.start();
        at = m.end();
        if !word_bounded_start(text, start) {
            continue;
        }
        let (title, kind) = &g.titles[m.pattern().as_usize()];
        let name_start = start + title.len();
        if !text[name_start..].starts_with(' ') {
            continue;
        }
        let Some((end, tokens)) = personal_name(text, name_start + 1, g) else {
            continue;
        };
        let span = Span::new(name_start + 1, end);
        at = end;
        if looks_like_org(&text[span.start..span.end], g) {
            continue;
        }
        if doc.taken(span) {
            if *kind == TitleKind::Title {
                note_role(doc, span, title);
            }
            continue;
        }
        let name = &text[span.start..span.end];
        let id = if tokens == 1 {
            resolve_short_form(doc, g, name, span.start).unwrap_or_else(|| person(doc, name))
        } else {
            person(doc, name)
        };
        doc.add(span, id);
        if *kind != TitleKind::Honorific {
            note_role(doc, span, title);
        }
    }
}

fn word_bounded_start(text: &str, at: usize) -> bool {
    !text[..at]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
}

/// Records a title as a role of the person mentioned at `span`.
fn note_role(doc: &mut Doc<'_>, span: Span, title: &str) {
    let Some(actor) = doc
        .mentions
        .iter()
        .find(|m| m.span == span)
        .map(|m| m.actor.clone())
    else {
        return;
    };
    let entry = doc.text_actors.entry(actor).or_default();
    let role = title.to_lowercase();
    if !entry.roles.contains(&role) {
        entry.roles.push(role);
    }
}

/// "John Roe, a professor of politics at Example University" — a name,
/// a comma and a descriptive phrase: a person with a role and affiliation.
fn appositions(doc: &mut Doc<'_>, g: &Gazetteer) {
    let text = doc.text;
    for comma in comma_spaces(text) {
        let at = comma + 2;
        // None of the openings holds a character that ends the phrase, so
        // the opening is checked before the phrase's end is looked for.
        let Some(opening) = ["a ", "an ", "the ", "former ", "who is ", "now "]
            .iter()
            .find(|a| text[at..].starts_with(**a))
        else {
            continue;
        };
        let phrase_end = text[at..]
            .find([',', '.', ';', '—', '(', '\n', '“', '"'])
            .map_or(text.len(), |p| at + p);
        let description = &text[at + opening.len()..phrase_end];
        // The description must say what the person does ("a senior
        // fellow", "the director of"), else "Taiwan Strait, the South
        // China Sea" would read as a person.
        if !description
            .split_whitespace()
            .take(5)
            .any(|w| is_role_word(w, g))
        {
            continue;
        }
        // The name just before the comma.
        let Some(name_span) = name_before(text, comma, g) else {
            continue;
        };
        let affiliation = org_in(description, g);
        let role = affiliation
            .as_ref()
            .and_then(|a| description.find(a.as_str()))
            .map_or(description, |p| &description[..p])
            .trim();
        let role = trim_trailing_function_words(role);
        let existing = doc
            .mentions
            .iter()
            .find(|m| m.span == name_span)
            .map(|m| m.actor.clone());
        let id = match existing {
            Some(id) => id,
            None if doc.taken(name_span) => continue,
            None => {
                let id = person(doc, &text[name_span.start..name_span.end]);
                doc.add(name_span, id.clone());
                id
            }
        };
        let entry = doc.text_actors.entry(id).or_default();
        if !role.is_empty() && !entry.roles.iter().any(|r| r == role) {
            entry.roles.push(role.to_string());
        }
        if entry.affiliation.is_none() {
            entry.affiliation = affiliation;
        }
    }
}

/// Whether a word names what a person does ("professor", "Spokesman,").
fn is_role_word(word: &str, g: &Gazetteer) -> bool {
    let mut buf = [0u8; 24];
    g.role_words
        .contains(lowercase(word, &mut buf).trim_matches(|c: char| !c.is_alphanumeric()))
}

/// The byte offsets of every ", " in `text`, found with `memchr` (a
/// substring search for the two bytes is several times slower, and the
/// apposition rules visit every comma of the article).
fn comma_spaces(text: &str) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(b',', text.as_bytes())
        .filter(|&comma| text.as_bytes().get(comma + 1) == Some(&b' '))
}

/// "The US ambassador to the UN, Jane Roe, said …": a clause ending in a
/// role noun phrase, a comma and a full name.
fn role_then_name(doc: &mut Doc<'_>, g: &Gazetteer) {
    let text = doc.text;
    let mut found = Vec::new();
    for comma in comma_spaces(text) {
        let Some((end, tokens)) = personal_name(text, comma + 2, g) else {
            continue;
        };
        if tokens < 2 || !text[end..].starts_with([',', ' ', '.']) {
            continue;
        }
        let clause_start = text[..comma]
            .rfind(['.', ',', ';', '\n', '('])
            .map_or(0, |p| p + 1);
        let clause = text[clause_start..comma].trim();
        if clause
            .split_whitespace()
            .rev()
            .take(8)
            .any(|w| is_role_word(w, g))
        {
            found.push((Span::new(comma + 2, end), clause.to_string()));
        }
    }
    for (span, role) in found {
        if doc.taken(span) {
            continue;
        }
        let id = person(doc, &text[span.start..span.end]);
        doc.add(span, id.clone());
        let role = role
            .trim_start_matches("The ")
            .trim_start_matches("the ")
            .to_string();
        let entry = doc.text_actors.entry(id).or_default();
        if !entry.roles.contains(&role) {
            entry.roles.push(role);
        }
    }
}

/// "Jane Roe said", "said Jane Roe", "according to Jane Roe": a full name
/// as the subject of a verb of saying; and "candidate Jane Roe", "rival
/// Jane Roe": a full name after a role noun written in lowercase (one
/// that is no title, `lexicons/person_roles.txt`), which describes a
/// person — whose country is the state named just before the role
/// ("Iranian opposition leader Jane Roe").
fn speakers(doc: &mut Doc<'_>, g: &Gazetteer) {
    let text = doc.text;
    let mut found = Vec::new();
    for span in full_names(text, g) {
        let (start, end) = (span.start, span.end);
        let next_word = text[end..]
            .strip_prefix(' ')
            .map(|r| r.split(|c: char| !c.is_alphabetic()).next().unwrap_or(""));
        let prev_word = text[..start]
            .strip_suffix(' ')
            .map(|b| b.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or(""));
        let before_verb = next_word.is_some_and(|w| g.speech_verbs.contains(w));
        let after_verb = prev_word.is_some_and(|w| g.speech_verbs.contains(w));
        let according =
            text[..start].ends_with("according to ") || text[..start].ends_with("According to ");
        let after_role =
            prev_word.is_some_and(|w| w.starts_with(char::is_lowercase) && is_role_word(w, g));
        // The organisation test last: it looks up every word of the name,
        // and most names stand next to no verb of saying.
        if (before_verb || after_verb || according || after_role)
            && !looks_like_org(&text[start..end], g)
        {
            // After a role the name has a space and the role word before it.
            let country = prev_word
                .filter(|_| after_role)
                .and_then(|role| state_before(doc, g, start - 1 - role.len()));
            found.push((Span::new(start, end), country));
        }
    }
    for (span, country) in found {
        if !doc.taken(span) {
            let id = person(doc, &text[span.start..span.end]);
            let entry = doc.text_actors.entry(id.clone()).or_default();
            if entry.country.is_none() {
                entry.country = country;
            }
            doc.add(span, id);
        }
    }
}

/// Most lowercase words between a state and the role it qualifies
/// ("Nigerian junior foreign minister").
const MAX_ROLE_MODIFIERS: usize = 3;

/// The state named right before byte `at`, its possessive ("Niger's
/// ambassador") or a few lowercase words before it ("Iranian leader",
/// "Nigerian junior foreign minister").
fn state_before(doc: &Doc<'_>, g: &Gazetteer, at: usize) -> Option<String> {
    let text = doc.text;
    doc.mentions.iter().find_map(|m| {
        let between = text.get(m.span.end..at)?;
        let between = ["'s", "\u{2019}s"]
            .iter()
            .find_map(|p| between.strip_prefix(p))
            .unwrap_or(between);
        let words: Vec<&str> = between.split(' ').collect();
        // " junior foreign " splits into "", "junior", "foreign", "".
        let close = between.starts_with(' ')
            && between.ends_with(' ')
            && words.len() <= MAX_ROLE_MODIFIERS + 2
            && words[1..words.len() - 1]
                .iter()
                .all(|w| !w.is_empty() && w.chars().all(char::is_lowercase));
        let state = g
            .actors
            .get(&m.actor)
            .is_some_and(|e| e.kind == ActorKind::State);
        (close && state).then(|| m.actor.clone())
    })
}

/// "director of the China program at the" → "director of the China program".
fn trim_trailing_function_words(mut phrase: &str) -> &str {
    while let Some((head, last)) = phrase.rsplit_once(' ') {
        if FunctionWords::PhraseTail.contains(last) {
            phrase = head.trim_end();
        } else {
            break;
        }
    }
    phrase
}

/// The personal name (2–4 tokens) ending exactly at `end`.
fn name_before(text: &str, end: usize, g: &Gazetteer) -> Option<Span> {
    let head = &text[..end];
    // Try starts from the furthest plausible one (4 tokens back) inwards.
    let mut starts = Vec::new();
    let mut pos = end;
    for _ in 0..5 {
        let Some(space) = head[..pos].rfind(' ') else {
            starts.push(0);
            break;
        };
        starts.push(space + 1);
        pos = space;
    }
    starts.into_iter().rev().find_map(|s| {
        let (e, tokens) = personal_name(text, s, g)?;
        (e == end && tokens >= 2).then(|| Span::new(s, e))
    })
}

/// The first organisation name in a phrase ("professor at Example
/// University in Seoul" → "Example University").
fn org_in(phrase: &str, g: &Gazetteer) -> Option<String> {
    org_names(phrase, g)
        .into_iter()
        .next()
        .map(|s| phrase[s.start..s.end].to_string())
}

/// Bare surnames of people named in full: "Delury" for "John Delury",
/// before the full name too (a headline or a lede often uses the surname
/// first). A surname is left alone when two people named in full share it,
/// or when the text writes it after a given name that is not this
/// person's ("Billy Bush" where only "George W. Bush" was recognised):
/// another person has it, and a bare use could be either.
fn short_forms(doc: &mut Doc<'_>, g: &Gazetteer) {
    let text = doc.text;
    let mut by_surname: HashMap<&str, Option<&str>> = HashMap::new();
    // The words of each person's names, to tell their own given names from
    // another person's.
    let mut name_words: HashMap<&str, HashSet<&str>> = HashMap::new();
    for m in doc
        .mentions
        .iter()
        .filter(|m| m.actor.starts_with("person:"))
    {
        let name = &text[m.span.start..m.span.end];
        let Some((_, last)) = name.rsplit_once(' ') else {
            continue;
        };
        let slot = by_surname.entry(last).or_insert(Some(m.actor.as_str()));
        if *slot != Some(m.actor.as_str()) {
            *slot = None; // two people share it: leave bare uses alone
        }
        name_words
            .entry(m.actor.as_str())
            .or_default()
            .extend(name.split(' '));
    }
    let mut found = Vec::new();
    for (surname, actor) in by_surname {
        let Some(actor) = actor else { continue };
        if g.is_common_word(surname) {
            continue;
        }
        let own = &name_words[actor];
        let mut spans = Vec::new();
        let mut shared = false;
        // memmem's SIMD search: this scans the article once per surname.
        for pos in memchr::memmem::find_iter(text.as_bytes(), surname.as_bytes()) {
            let span = Span::new(pos, pos + surname.len());
            if !word_bounded(text, span) {
                continue;
            }
            if given_name_before(text, pos)
                .is_some_and(|w| !own.contains(w) && !g.is_common_word(w))
            {
                shared = true;
                break;
            }
            spans.push(span);
        }
        if !shared {
            found.extend(spans.into_iter().map(|span| (span, actor.to_string())));
        }
    }
    for (span, actor) in found {
        doc.add(span, actor);
    }
}

/// The word written just before `at` with one space between, if it could
/// be a given name: capitalised, with lowercase letters (not an initial
/// such as "W." or "H.W."), and not opening a sentence or a line ("Top
/// Sanders strategists" is no name).
fn given_name_before(text: &str, at: usize) -> Option<&str> {
    let before = text[..at].strip_suffix(' ')?;
    let start = before
        .rfind(|c: char| !(c.is_alphabetic() || c == '-' || c == '\''))
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[start..];
    let opens = before[..start]
        .trim_end_matches(' ')
        .chars()
        .next_back()
        .is_none_or(|c| {
            matches!(
                c,
                '.' | '!' | '?' | '\n' | ':' | '"' | '\u{201c}' | '\u{201d}'
            )
        });
    let mut chars = word.chars();
    let capitalised = chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase);
    (capitalised && !opens).then_some(word)
}

/// The offset of the first uppercase letter at or after `at`. Looks at
/// bytes and decodes only non-ASCII characters: the name rules scan whole
/// articles for capitals.
fn next_capital(text: &str, mut at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    loop {
        // A capital, or the first byte of a multi-byte character.
        at += bytes
            .get(at..)?
            .iter()
            .position(|&b| b.is_ascii_uppercase() || b >= 0xC0)?;
        if bytes[at].is_ascii() {
            return Some(at);
        }
        let c = text[at..].chars().next()?;
        if c.is_uppercase() {
            return Some(at);
        }
        at += c.len_utf8();
    }
}

/// Spans of organisation names in `text` by their form.
fn org_names(text: &str, g: &Gazetteer) -> Vec<Span> {
    let mut out = Vec::new();
    // Capitalised words of one run, reused from run to run.
    let mut words: Vec<Span> = Vec::new();
    let mut at = 0;
    while let Some(start) = next_capital(text, at) {
        at = start + text[start..].chars().next().map_or(1, char::len_utf8);
        if !word_bounded_start(text, start) {
            continue;
        }
        // Collect capitalised words joined by inner connectors.
        words.clear();
        let mut pos = start;
        while let Some(e) = name_token(text, pos) {
            // "the Foreign Ministry on Thursday": a date is never part of a
            // name.
            let mut buf = [0u8; 24];
            if !words.is_empty()
                && dossier_text::sentences::is_month_or_day(&lowercase(&text[pos..e], &mut buf))
            {
                break;
            }
            words.push(Span::new(pos, e));
            let rest = &text[e..];
            let Some(after) = rest.strip_prefix(' ') else {
                break;
            };
            let inner = g
                .org_inner
                .iter()
                .find(|w| after.starts_with(w.as_str()) && after[w.len()..].starts_with(' '));
            match inner {
                Some(w) if after[w.len() + 1..].starts_with(char::is_uppercase) => {
                    pos = e + 1 + w.len() + 1
                }
                Some(_) => break,
                None if after.starts_with(char::is_uppercase) => pos = e + 1,
                None => break,
            }
        }
        // A single capitalised word makes no organisation's name: nothing
        // more to test.
        if words.len() < 2 {
            continue;
        }
        // "University of Lagos": a lead word and a connector take the
        // whole run; otherwise the run up to its last head word ("Stimson
        // Center"), at least two words long.
        let word = |s: &Span| &text[s.start..s.end];
        let is_lead = |s: &Span| g.org_leads.contains(word(s));
        let first = usize::from(
            words
                .first()
                .is_some_and(|w| g.is_common_word(word(w)) && !is_lead(w)),
        );
        let led = words.len() > first + 1
            && is_lead(&words[first])
            && text[words[first].end..words[first + 1].start].len() > 1;
        let joined_by_connector =
            |i: usize| i + 1 < words.len() && text[words[i].end..words[i + 1].start].len() > 1;
        let last = if led {
            Some(words.len() - 1)
        } else {
            (first + 1..words.len())
                .rev()
                .find(|&i| g.org_heads.contains(word(&words[i])))
                // "Centre for Maritime Studies": the head's complement
                // belongs to the name.
                .map(|i| {
                    if joined_by_connector(i) {
                        words.len() - 1
                    } else {
                        i
                    }
                })
        };
        if let Some(last) = last {
            let span = Span::new(words[first].start, words[last].end);
            out.push(span);
            at = span.end;
        }
    }
    out
}

pub(crate) fn org_pass(doc: &mut Doc<'_>, g: &Gazetteer) {
    let text = doc.text;
    for span in std::mem::take(&mut doc.blocked) {
        let name = &text[span.start..span.end];
        // "the Foreign Ministry" belongs to a state: left to generic_bodies.
        if g.generic_bodies
            .iter()
            .any(|(p, _)| p.eq_ignore_ascii_case(name))
        {
            continue;
        }
        // A state named inside ("Chinese Academy of Social Sciences") gives
        // the country and yields its mention to the longer name.
        let inside: Vec<usize> = doc
            .mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| m.span.start >= span.start && m.span.end <= span.end)
            .map(|(i, _)| i)
            .collect();
        let country = inside
            .iter()
            .map(|&i| &doc.mentions[i].actor)
            .find(|a| g.actors.get(*a).is_some_and(|e| e.kind == ActorKind::State))
            .cloned();
        // Only a state's name inside yields ("Chinese Academy of …"); a
        // person or an organisation the gazetteer already knows does not.
        let known_inside = inside.iter().any(|&i| {
            let m = &doc.mentions[i];
            m.span == span
                || !g
                    .actors
                    .get(&m.actor)
                    .is_some_and(|e| e.kind == ActorKind::State)
        });
        if known_inside {
            continue;
        }
        for &i in inside.iter().rev() {
            doc.remove(i);
        }
        if doc.taken(span) {
            continue;
        }
        let id = format!("org:{}", slug(name));
        let entry = doc.text_actors.entry(id.clone()).or_default();
        if entry.name.is_empty() {
            entry.name = name.to_string();
            entry.kind = Some(ActorKind::Organization);
            entry.country = country;
        }
        doc.add(span, id);
    }
    generic_bodies(doc, g);
}

/// "the Foreign Ministry", "a defence ministry spokesman": the body of the
/// state named nearest before it in the paragraph, else of the state the
/// text names most.
fn generic_bodies(doc: &mut Doc<'_>, g: &Gazetteer) {
    let text = doc.text;
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for m in &doc.mentions {
        if g.actors
            .get(&m.actor)
            .is_some_and(|e| e.kind == ActorKind::State)
        {
            *counts.entry(m.actor.as_str()).or_default() += 1;
        }
    }
    let main_state = counts
        .into_iter()
        .max_by_key(|(id, n)| (*n, std::cmp::Reverse(*id)))
        .map(|(id, _)| id.to_string());
    let mut found = Vec::new();
    for hit in g.generic_body_finder.find_iter(text) {
        let (pos, slug) = (hit.start(), &g.generic_bodies[hit.pattern().as_usize()].1);
        let span = Span::new(pos, hit.end());
        if !word_bounded(text, span) || doc.taken(span) {
            continue;
        }
        let paragraph_start = text[..pos].rfind("\n\n").map_or(0, |p| p + 2);
        let nearest = doc
            .mentions
            .iter()
            .rfind(|m| {
                m.span.end <= pos
                    && m.span.start >= paragraph_start
                    && g.actors
                        .get(&m.actor)
                        .is_some_and(|e| e.kind == ActorKind::State)
            })
            .map(|m| m.actor.clone());
        let Some(state) = nearest.or_else(|| main_state.clone()) else {
            continue;
        };
        let id = format!("org:{}-{slug}", state.to_lowercase());
        if g.actors.contains_key(&id) {
            found.push((span, id));
        }
    }
    for (span, id) in found {
        doc.add(span, id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_and_stable() {
        assert_eq!(slug("Yun Sun"), "yun-sun");
        assert_eq!(slug("Victor D. Cha"), "victor-d-cha");
        assert_eq!(slug("Recep Tayyip Erdoğan"), "recep-tayyip-erdogan");
        assert_eq!(
            slug("Center for Strategic and International Studies"),
            "center-for-strategic-and-international-studies"
        );
    }

    #[test]
    fn a_name_passes_when_a_later_word_of_it_is_written_again() {
        let text = "Jane Roe met Tom Bell and Ann O'Neil. Roe left; O'Neil's aide \
                    stayed, and Bellamy too.";
        let span = |name: &str| {
            let at = text.find(name).unwrap();
            Span::new(at, at + name.len())
        };
        let names = vec![span("Jane Roe"), span("Tom Bell"), span("Ann O'Neil")];
        let passed: Vec<&str> = (named_again(text, names).iter())
            .map(|s| s.of(text))
            .collect();
        // "Bell" only inside "Bellamy": not written again as a word.
        assert_eq!(passed, ["Jane Roe", "Ann O'Neil"]);
    }

    #[test]
    fn given_names_before_a_surname() {
        fn before(text: &str) -> Option<&str> {
            given_name_before(text, text.rfind("Roe").unwrap())
        }
        assert_eq!(before("His cousin Billy Roe"), Some("Billy"));
        // Initials, sentence openings, punctuation: no given name.
        assert_eq!(before("President George H.W. Roe"), None);
        assert_eq!(before("It rained. Top Roe aides left"), None);
        assert_eq!(before("the Clinton-Roe debate"), None);
        assert_eq!(before("Roe spoke"), None);
    }

    #[test]
    fn organisation_names_by_form() {
        let g = Gazetteer::get();
        let text = "He spoke at the Stimson Center and the University of Lagos, then at Georgetown University.";
        let found: Vec<&str> = org_names(text, g)
            .into_iter()
            .map(|s| &text[s.start..s.end])
            .collect();
        assert_eq!(
            found,
            [
                "Stimson Center",
                "University of Lagos",
                "Georgetown University"
            ]
        );
    }
}
