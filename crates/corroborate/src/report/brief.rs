//! The per-story brief shared by the Markdown and HTML forms: the facts (agreed,
//! single-source, conflicts side by side), the people each source mentions, and the rewrite
//! families.

use super::{Claim, Fact, Report, Story};
use crate::normalize::shorten;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Single-source facts listed per story before the rest are counted only.
const MAX_SINGLE: usize = 40;

/// Facts the brief shows per story by default (the JSON keeps all).
pub const MAX_FACTS: usize = 15;

/// How a claim reads in the brief: the words as written, or the quotation.
fn says(f: &Fact, c: &Claim) -> String {
    let v = &c.value;
    let s = match f.kind.as_str() {
        "quote" => v.get("words").and_then(|w| w.as_str()).map(|w| {
            let form = v.get("form").and_then(|x| x.as_str()).unwrap_or("");
            if form == "paraphrase" {
                format!("(in its own words) {}", shorten(w, 140))
            } else {
                format!("\u{201C}{}\u{201D}", shorten(w, 140))
            }
        }),
        _ => v
            .get("as_written")
            .and_then(|w| w.as_str())
            .map(str::to_string),
    };
    s.unwrap_or_else(|| v.to_string())
}

/// The facts the brief shows: not trivial (salience above 0, no entity), conflicts first,
/// then by salience, at most `limit` (all when `None`).
fn shown(story: &Story, limit: Option<usize>) -> Vec<&Fact> {
    // A lone report has nothing to compare: its facts stay in the JSON report.
    if story.articles.len() < 2 {
        return Vec::new();
    }
    let mut fs: Vec<&Fact> = story
        .facts
        .iter()
        .filter(|f| f.kind != "entity" && f.salience > 0.0)
        .collect();
    fs.sort_by(|x, y| {
        (y.status == "conflict")
            .cmp(&(x.status == "conflict"))
            .then(y.salience.total_cmp(&x.salience))
    });
    fs.truncate(limit.unwrap_or(usize::MAX));
    fs
}

fn by_status<'a>(shown: &[&'a Fact], status: &str) -> Vec<&'a Fact> {
    shown
        .iter()
        .copied()
        .filter(|f| f.status == status)
        .collect()
}

/// People named in each article, from the story's entity facts.
fn people(story: &Story) -> BTreeMap<&str, Vec<&str>> {
    let mut out: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for f in story.facts.iter().filter(|f| f.kind == "entity") {
        for c in &f.claims {
            let is_person = c.value.get("type").and_then(|t| t.as_str()) == Some("person");
            let name = c.value.get("name").and_then(|t| t.as_str());
            if let (true, Some(name)) = (is_person, name) {
                out.entry(c.article.as_str()).or_default().push(name);
            }
        }
    }
    for names in out.values_mut() {
        names.sort_unstable();
        names.dedup();
    }
    out
}

fn md(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
        .replace('*', "\\*")
        .replace('_', "\\_")
}

/// The brief of one story in Markdown.
pub(super) fn markdown(story: &Story, s: &mut String, limit: Option<usize>) {
    let shown = shown(story, limit);
    if !story.families.is_empty() {
        let _ = writeln!(s, "### Rewrite families\n");
        for f in &story.families {
            let ids: Vec<String> = f.articles.iter().map(|a| format!("`{a}`")).collect();
            let src = f
                .likely_source
                .as_deref()
                .map_or("none in the input".to_string(), |x| format!("`{x}`"));
            let _ = writeln!(
                s,
                "- {}: {}; likely source {src}. {}",
                f.kind,
                ids.join(", "),
                md(&f.why)
            );
        }
        s.push('\n');
    }
    let agreed = by_status(&shown, "agreed");
    if !agreed.is_empty() {
        let _ = writeln!(s, "### Agreed facts\n");
        for f in agreed {
            let _ = writeln!(s, "- **{}**: {} sources", md(&f.about), f.sources);
            for c in &f.claims {
                let _ = writeln!(s, "  - `{}`: {}", c.article, md(&says(f, c)));
            }
        }
        s.push('\n');
    }
    let conflicts = by_status(&shown, "conflict");
    if !conflicts.is_empty() {
        let _ = writeln!(s, "### Conflicts\n");
        for f in conflicts {
            let _ = writeln!(s, "**{}**\n", md(&f.about));
            let _ = writeln!(s, "| article | says | sentence |\n|---|---|---|");
            for c in &f.claims {
                let _ = writeln!(
                    s,
                    "| `{}` | {} | {} |",
                    c.article,
                    md(&says(f, c)),
                    md(&c.text)
                );
            }
            s.push('\n');
        }
    }
    let single = by_status(&shown, "single_source");
    if !single.is_empty() {
        let _ = writeln!(s, "### Single-source facts\n");
        for f in single.iter().take(MAX_SINGLE) {
            if let Some(c) = f.claims.first() {
                // A quotation's words are already in what the fact is about.
                let what = if f.kind == "quote" {
                    String::new()
                } else {
                    format!(": {}", md(&says(f, c)))
                };
                let _ = writeln!(
                    s,
                    "- `{}` {}{what} (\u{201C}{}\u{201D})",
                    c.article,
                    md(&f.about),
                    md(&shorten(&c.text, 160))
                );
            }
        }
        if single.len() > MAX_SINGLE {
            let _ = writeln!(
                s,
                "- … and {} more (see the JSON report)",
                single.len() - MAX_SINGLE
            );
        }
        s.push('\n');
    }
    let people = people(story);
    if !people.is_empty() {
        let _ = writeln!(s, "### People each source mentions\n");
        for id in &story.articles {
            if let Some(names) = people.get(id.as_str()) {
                let _ = writeln!(s, "- `{id}`: {}", md(&names.join(", ")));
            }
        }
        s.push('\n');
    }
}

/// The brief of one story in HTML, every text escaped.
pub(super) fn html(story: &Story, s: &mut String, limit: Option<usize>) {
    let shown = shown(story, limit);
    if !story.families.is_empty() {
        s.push_str("<h3>Rewrite families</h3><ul>\n");
        for f in &story.families {
            let ids: Vec<String> = f
                .articles
                .iter()
                .map(|a| format!("<code>{}</code>", esc(a)))
                .collect();
            let src = f
                .likely_source
                .as_deref()
                .map_or("none in the input".to_string(), |x| {
                    format!("<code>{}</code>", esc(x))
                });
            let _ = writeln!(
                s,
                "<li>{}: {}; likely source {src}. {}</li>",
                esc(&f.kind),
                ids.join(", "),
                esc(&f.why)
            );
        }
        s.push_str("</ul>\n");
    }
    let agreed = by_status(&shown, "agreed");
    if !agreed.is_empty() {
        s.push_str("<h3>Agreed facts</h3><ul>\n");
        for f in agreed {
            let _ = write!(s, "<li><b>{}</b>: {} sources<ul>", esc(&f.about), f.sources);
            for c in &f.claims {
                let _ = write!(
                    s,
                    "<li><code>{}</code>: {}</li>",
                    esc(&c.article),
                    esc(&says(f, c))
                );
            }
            s.push_str("</ul></li>\n");
        }
        s.push_str("</ul>\n");
    }
    let conflicts = by_status(&shown, "conflict");
    if !conflicts.is_empty() {
        s.push_str("<h3>Conflicts</h3>\n");
        for f in conflicts {
            let _ = write!(
                s,
                "<p><b>{}</b></p><table><tr><th>article</th><th>says</th><th>sentence</th></tr>",
                esc(&f.about)
            );
            for c in &f.claims {
                let _ = write!(
                    s,
                    "<tr><td><code>{}</code></td><td>{}</td><td>{}</td></tr>",
                    esc(&c.article),
                    esc(&says(f, c)),
                    esc(&c.text)
                );
            }
            s.push_str("</table>\n");
        }
    }
    let single = by_status(&shown, "single_source");
    if !single.is_empty() {
        s.push_str("<h3>Single-source facts</h3><ul>\n");
        for f in single.iter().take(MAX_SINGLE) {
            if let Some(c) = f.claims.first() {
                let what = if f.kind == "quote" {
                    String::new()
                } else {
                    format!(": {}", esc(&says(f, c)))
                };
                let _ = writeln!(
                    s,
                    "<li><code>{}</code> {}{what} <span class=\"muted\">({})</span></li>",
                    esc(&c.article),
                    esc(&f.about),
                    esc(&shorten(&c.text, 160))
                );
            }
        }
        if single.len() > MAX_SINGLE {
            let _ = writeln!(
                s,
                "<li>… and {} more (see the JSON report)</li>",
                single.len() - MAX_SINGLE
            );
        }
        s.push_str("</ul>\n");
    }
    let people = people(story);
    if !people.is_empty() {
        s.push_str("<h3>People each source mentions</h3><ul>\n");
        for id in &story.articles {
            if let Some(names) = people.get(id.as_str()) {
                let _ = writeln!(
                    s,
                    "<li><code>{}</code>: {}</li>",
                    esc(id),
                    esc(&names.join(", "))
                );
            }
        }
        s.push_str("</ul>\n");
    }
}

/// One line summing up the inputs: files, articles, skips by reason, what cleaning removed.
pub(super) fn inputs_line(r: &Report) -> String {
    let i = &r.inputs;
    let mut line = format!(
        "Read {} input{}: {} article{}",
        i.files,
        if i.files == 1 { "" } else { "s" },
        i.articles,
        if i.articles == 1 { "" } else { "s" }
    );
    if !i.skipped.is_empty() {
        let kinds: Vec<String> = i
            .skipped_by_kind
            .iter()
            .map(|(k, n)| format!("{n} {}", k.replace('_', " ")))
            .collect();
        let _ = write!(line, ", {} skipped ({})", i.skipped.len(), kinds.join(", "));
    }
    let rm = &i.removed;
    if rm.furniture_lines + rm.metadata_lines + rm.title_lines > 0 {
        let _ = write!(
            line,
            "; cleaning removed {} furniture line{}, moved {} header line{} to metadata",
            rm.furniture_lines,
            if rm.furniture_lines == 1 { "" } else { "s" },
            rm.metadata_lines + rm.title_lines,
            if rm.metadata_lines + rm.title_lines == 1 {
                ""
            } else {
                "s"
            }
        );
    }
    line.push('.');
    line
}

/// Escapes text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            _ => o.push(c),
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Family;
    use serde_json::json;

    fn story() -> Story {
        let claim = |a: &str, v: serde_json::Value| Claim {
            article: a.into(),
            sentence: 0,
            text: "The <b>call</b> lasted 90 minutes.".into(),
            value: v,
        };
        Story {
            id: "s1".into(),
            title: "t".into(),
            articles: vec!["a".into(), "b".into()],
            first_seen: None,
            last_seen: None,
            relations: Vec::new(),
            families: vec![Family {
                articles: vec!["a".into(), "b".into()],
                kind: "rewrites".into(),
                likely_source: Some("a".into()),
                why: "earliest".into(),
            }],
            facts: vec![
                Fact {
                    kind: "quantity".into(),
                    about: "duration of call".into(),
                    status: "conflict".into(),
                    sources: 2,
                    claims: vec![
                        claim("a", json!({"minutes": 90, "as_written": "90 <minutes>"})),
                        claim("b", json!({"minutes": 60, "as_written": "one hour"})),
                    ],
                    salience: 0.9,
                },
                Fact {
                    kind: "entity".into(),
                    about: "Donald Trump (person)".into(),
                    status: "single_source".into(),
                    sources: 1,
                    claims: vec![claim(
                        "b",
                        json!({"name": "Donald Trump", "type": "person"}),
                    )],
                    salience: 0.0,
                },
            ],
            errors: Vec::new(),
        }
    }

    #[test]
    fn markdown_shows_families_conflicts_and_people() {
        let mut s = String::new();
        markdown(&story(), &mut s, Some(MAX_FACTS));
        assert!(s.contains("### Rewrite families") && s.contains("likely source `a`"));
        assert!(s.contains("### Conflicts") && s.contains("| `b` | one hour |"));
        assert!(s.contains("- `b`: Donald Trump"));
        assert!(!s.contains("### Agreed facts"));
    }

    #[test]
    fn the_brief_shows_at_most_the_limit_and_no_trivial_fact() {
        let mut st = story();
        let base = st.facts[0].clone();
        for k in 0..20 {
            let mut f = base.clone();
            f.status = "agreed".into();
            f.about = format!("fact number {k}");
            f.salience = 0.5 - k as f64 / 100.0;
            st.facts.push(f);
        }
        let mut trivial = base.clone();
        trivial.status = "agreed".into();
        trivial.about = "a trivial one".into();
        trivial.salience = 0.0;
        st.facts.push(trivial);
        let mut s = String::new();
        markdown(&st, &mut s, Some(MAX_FACTS));
        // The conflict and the 14 most salient agreed facts.
        assert!(s.contains("### Conflicts"));
        assert_eq!(s.matches("- **fact number").count(), MAX_FACTS - 1, "{s}");
        assert!(s.contains("fact number 13") && !s.contains("fact number 14"));
        assert!(!s.contains("a trivial one"));
        let mut all = String::new();
        markdown(&st, &mut all, None);
        assert_eq!(all.matches("- **fact number").count(), 20);
        assert!(!all.contains("a trivial one"));
    }

    #[test]
    fn html_escapes_every_text() {
        let mut s = String::new();
        html(&story(), &mut s, Some(MAX_FACTS));
        assert!(s.contains("90 &lt;minutes&gt;") && s.contains("&lt;b&gt;call&lt;/b&gt;"));
        assert!(!s.contains("<b>call"));
        assert!(s.contains("<h3>Rewrite families</h3>"));
    }
}
