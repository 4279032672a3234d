//! Language identification, per article.

/// The language of `text` as an ISO 639-1 code ("en") when it has one, else ISO 639-3; `None`
/// when the text is too short or mixed to tell. Reads at most the first 4 KB.
pub fn identify(text: &str) -> Option<String> {
    let mut end = text.len().min(4096);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let info = whatlang::detect(&text[..end])?;
    if !info.is_reliable() {
        return None;
    }
    let code3 = info.lang().code();
    let code = isolang::Language::from_639_3(code3)
        .and_then(|l| l.to_639_1())
        .unwrap_or(code3);
    Some(code.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_and_german_are_told_apart() {
        let en =
            "The Kremlin confirmed the call lasted nearly ninety minutes and was constructive.";
        let de = "Der Kreml bestätigte, dass das Gespräch fast neunzig Minuten gedauert hat und \
                  konstruktiv war.";
        assert_eq!(identify(en).as_deref(), Some("en"));
        assert_eq!(identify(de).as_deref(), Some("de"));
        assert_eq!(identify("ok"), None);
    }
}
