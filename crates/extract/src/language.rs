//! Language identification of the clean text (whatlang: small, no model
//! files, covers the scripts news comes in).

/// ISO 639-1 code of the text's language when the detector is confident;
/// ISO 639-3 for the few languages without a two-letter code.
pub fn detect(text: &str) -> Option<String> {
    // Short texts are guessed poorly; the page's own declaration is better then.
    if text.chars().filter(|c| c.is_alphabetic()).count() < 40 {
        return None;
    }
    // Six hundred characters decide the language of news prose as well as
    // the whole text, at a fraction of the cost.
    let sample = match text.char_indices().nth(600) {
        Some((cut, _)) => &text[..cut],
        None => text,
    };
    let info = whatlang::detect(sample)?;
    if !info.is_reliable() && info.confidence() < 0.5 {
        return None;
    }
    let code3 = info.lang().code();
    Some(iso639_1(code3).unwrap_or(code3).to_string())
}

/// Two-letter codes for whatlang's three-letter ones.
fn iso639_1(code3: &str) -> Option<&'static str> {
    const TABLE: &[(&str, &str)] = &[
        ("afr", "af"),
        ("aka", "ak"),
        ("amh", "am"),
        ("ara", "ar"),
        ("aze", "az"),
        ("bel", "be"),
        ("ben", "bn"),
        ("bul", "bg"),
        ("cat", "ca"),
        ("ces", "cs"),
        ("cmn", "zh"),
        ("dan", "da"),
        ("deu", "de"),
        ("ell", "el"),
        ("eng", "en"),
        ("epo", "eo"),
        ("est", "et"),
        ("fin", "fi"),
        ("fra", "fr"),
        ("guj", "gu"),
        ("heb", "he"),
        ("hin", "hi"),
        ("hrv", "hr"),
        ("hun", "hu"),
        ("hye", "hy"),
        ("ind", "id"),
        ("ita", "it"),
        ("jav", "jv"),
        ("jpn", "ja"),
        ("kan", "kn"),
        ("kat", "ka"),
        ("khm", "km"),
        ("kor", "ko"),
        ("lat", "la"),
        ("lav", "lv"),
        ("lit", "lt"),
        ("mal", "ml"),
        ("mar", "mr"),
        ("mkd", "mk"),
        ("mya", "my"),
        ("nep", "ne"),
        ("nld", "nl"),
        ("nob", "nb"),
        ("ori", "or"),
        ("pan", "pa"),
        ("pes", "fa"),
        ("pol", "pl"),
        ("por", "pt"),
        ("ron", "ro"),
        ("rus", "ru"),
        ("sin", "si"),
        ("slk", "sk"),
        ("slv", "sl"),
        ("sna", "sn"),
        ("spa", "es"),
        ("srp", "sr"),
        ("swe", "sv"),
        ("tam", "ta"),
        ("tel", "te"),
        ("tgl", "tl"),
        ("tha", "th"),
        ("tuk", "tk"),
        ("tur", "tr"),
        ("ukr", "uk"),
        ("urd", "ur"),
        ("uzb", "uz"),
        ("vie", "vi"),
        ("yid", "yi"),
        ("zul", "zu"),
    ];
    TABLE.iter().find(|(c3, _)| *c3 == code3).map(|(_, c1)| *c1)
}
