//! What a fact is about in plain words that take no side: the heading a reader sees (a fact's
//! `topic` in the report).
//!
//! A fact's `about` names it for the engine and may carry a value: a date by its first claim's
//! day ("date 1957 (Mississippi)"), a tally by its first claim's score ("score or tally
//! 45-35"), a quote by its first claim's words, a frame by a word stem ("time of day
//! (spott)"). On a conflict that reads as the answer. The topic drops the value and the
//! engine's forms, so the brief, the HTML report and the server's page all head a fact with the
//! same words, which never favour one report: "Date (Mississippi)", "Score or tally", "What
//! Pete Hegseth said", "Time of day (spotted)".

use serde_json::Value;

/// The topic of a fact from what the report gives of it: its `kind`, `about` and `status`, and
/// each claim's sentence and value. Deterministic; never contains a claim's value unless the
/// `about` names the counted thing with it (it does not for the kinds above).
pub fn topic(kind: &str, about: &str, status: &str, claims: &[(&str, &Value)]) -> String {
    let about = about.split_whitespace().collect::<Vec<_>>().join(" ");
    match kind {
        "date" => date_topic(&about),
        "quote" => quote_topic(&about, status, claims),
        "quantity" if about.starts_with("score or tally") => "Score or tally".to_string(),
        "quantity" => sentence_case(&with_frame_word(&about, claims)),
        _ => sentence_case(&about),
    }
}

/// "Date" with the names the first claim's sentence gives, as the `about` lists them.
fn date_topic(about: &str) -> String {
    let names = about
        .strip_prefix("date ")
        .and_then(|rest| rest.find(" (").and_then(|i| rest.get(i..)))
        .filter(|n| n.ends_with(')'));
    format!("Date{}", names.unwrap_or(""))
}

/// The speakers the claims name, each once, in order.
fn speakers<'a>(claims: &[(&str, &'a Value)]) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for (_, v) in claims {
        if let Some(sp) = v.get("speaker").and_then(Value::as_str).map(str::trim) {
            if !sp.is_empty() && !out.contains(&sp) {
                out.push(sp);
            }
        }
    }
    out
}

/// A quote by who said it; a quote in dispute over who said it by its words (the speakers are
/// then the values).
fn quote_topic(about: &str, status: &str, claims: &[(&str, &Value)]) -> String {
    if status == "conflict" && speakers(claims).len() > 1 {
        let words = claims
            .first()
            .and_then(|(_, v)| v.get("words"))
            .and_then(Value::as_str)
            .unwrap_or("");
        let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
        return format!(
            "Who said \u{201C}{}\u{201D}",
            crate::normalize::shorten(&words, 90)
        );
    }
    let speaker = about
        .split_once(": \u{201C}")
        .map_or("", |(s, _)| s.trim())
        .to_string();
    let speaker = if speaker.is_empty() || speaker == "unattributed" {
        speakers(claims).first().map(|s| s.to_string())
    } else {
        Some(speaker)
    };
    match speaker {
        Some(sp) => format!("What {sp} said"),
        None => "Quote (no speaker named)".to_string(),
    }
}

/// A frame in parentheses is a word stem ("time of day (spott)", "distance (fall)"): written
/// as the first claim's sentence writes a word that starts with it ("spotted", "falling").
fn with_frame_word(about: &str, claims: &[(&str, &Value)]) -> String {
    let Some((head, frame)) = about.strip_suffix(')').and_then(|a| a.rsplit_once(" (")) else {
        return about.to_string();
    };
    let stem = frame.to_lowercase();
    if stem.is_empty() || !stem.chars().all(char::is_alphabetic) {
        return about.to_string();
    }
    let word = claims.iter().find_map(|(text, _)| {
        text.split(|c: char| !c.is_alphabetic())
            .find(|w| w.to_lowercase().starts_with(&stem))
            .map(str::to_lowercase)
    });
    format!("{head} ({})", word.as_deref().unwrap_or(frame))
}

fn sentence_case(s: &str) -> String {
    let mut c = s.trim().chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn t(kind: &str, about: &str, status: &str, claims: &[(&str, Value)]) -> String {
        let cs: Vec<(&str, &Value)> = claims.iter().map(|(s, v)| (*s, v)).collect();
        topic(kind, about, status, &cs)
    }

    #[test]
    fn a_date_keeps_its_names_and_drops_its_value() {
        let c = [("He moved to Mississippi in 1957.", json!({"date": "1957"}))];
        assert_eq!(
            t("date", "date 1957 (Mississippi)", "conflict", &c),
            "Date (Mississippi)"
        );
        assert_eq!(t("date", "date friday", "conflict", &c), "Date");
    }

    #[test]
    fn a_tally_drops_its_score() {
        let c = [("Drake led 45-35.", json!({"tally": "45-35"}))];
        assert_eq!(
            t("quantity", "score or tally 45-35", "conflict", &c),
            "Score or tally"
        );
    }

    #[test]
    fn a_frame_stem_is_written_as_the_sentence_writes_it() {
        let c = [(
            "The suspect was spotted shortly after 3 p.m.",
            json!({"as_written": "shortly after 3 p.m."}),
        )];
        assert_eq!(
            t("quantity", "time of day (spott)", "conflict", &c),
            "Time of day (spotted)"
        );
        assert_eq!(
            t("quantity", "number of deaths", "conflict", &c),
            "Number of deaths"
        );
    }

    #[test]
    fn a_quote_is_headed_by_its_speaker_not_its_words() {
        let c = [(
            "\u{201C}We will win,\u{201D} Smith said.",
            json!({"words": "We will win", "speaker": "Jane Smith", "form": "direct"}),
        )];
        let h = t(
            "quote",
            "Jane Smith: \u{201C}We will win\u{201D}",
            "conflict",
            &c,
        );
        assert_eq!(h, "What Jane Smith said");
        assert_eq!(
            t(
                "quote",
                "unattributed: \u{201C}We will win\u{201D}",
                "agreed",
                &[]
            ),
            "Quote (no speaker named)"
        );
    }

    #[test]
    fn a_quote_disputed_over_its_speaker_is_headed_by_its_words() {
        let c = [
            (
                "a",
                json!({"words": "We will win", "speaker": "Jane Smith"}),
            ),
            ("b", json!({"words": "We will win", "speaker": "John Doe"})),
        ];
        let h = t(
            "quote",
            "Jane Smith: \u{201C}We will win\u{201D}",
            "conflict",
            &c,
        );
        assert_eq!(h, "Who said \u{201C}We will win\u{201D}");
        assert!(!h.contains("Smith") && !h.contains("Doe"));
    }
}
