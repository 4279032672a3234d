//! The per-story brief in Markdown and in HTML, both laid out from the one [`StoryView`]: the
//! same sections in the same order with the same words (the page's `app.js` lays out the same
//! view, served as JSON).

use super::view::{ClaimView, FactSections, FactView, FamilyView, ReportRef, Segment, StoryView};
use super::Report;
use std::fmt::Write;

/// Facts the brief shows per story by default (the JSON keeps all).
pub const MAX_FACTS: usize = 15;

/// A date as the static forms show it: the calendar day of `YYYY-MM-DD` or RFC 3339.
pub(super) fn day(p: &str) -> &str {
    p.get(..10).unwrap_or(p)
}

/// "2025-02-12" or "2025-02-12 to 2025-02-13".
fn span(v: &StoryView) -> Option<String> {
    match (v.first_seen.as_deref(), v.last_seen.as_deref()) {
        (Some(a), Some(b)) if day(a) == day(b) => Some(day(a).to_string()),
        (Some(a), Some(b)) => Some(format!("{} to {}", day(a), day(b))),
        (Some(a), None) | (None, Some(a)) => Some(day(a).to_string()),
        (None, None) => None,
    }
}

/// "Reuters, 2025-02-12" or "Reuters".
fn who(r: &ReportRef) -> String {
    match r.published.as_deref() {
        Some(p) => format!("{}, {}", r.label, day(p)),
        None => r.label.clone(),
    }
}

/// Every report of a claim: "Reuters, 2025-02-12; AP, 2025-02-12".
fn whos(c: &ClaimView) -> String {
    std::iter::once(&c.report)
        .chain(&c.also)
        .map(who)
        .collect::<Vec<_>>()
        .join("; ")
}

fn md(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.split_whitespace().collect::<Vec<_>>().join(" ").chars() {
        if matches!(
            c,
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#'
        ) {
            o.push('\\');
        }
        o.push(c);
    }
    o
}

/// ": value" after a fact's `about`, or nothing for a quote (its words are the `about`).
fn md_value(f: &FactView) -> String {
    if f.value.is_empty() {
        String::new()
    } else {
        format!(": {}", md(&f.value))
    }
}

fn h_value(f: &FactView) -> String {
    if f.value.is_empty() {
        String::new()
    } else {
        format!(": <span class=\"value\">{}</span>", esc(&f.value))
    }
}

fn md_sentence(segs: &[Segment]) -> String {
    segs.iter()
        .map(|s| {
            let t = md(&s.text);
            if s.highlight && !t.is_empty() {
                format!("**{t}**")
            } else {
                t
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
        .replace("  ", " ")
}

fn md_facts(v: &StoryView, f: &FactSections, s: &mut String) {
    if !f.disagree.is_empty() {
        let _ = writeln!(s, "### {}\n", v.headings.disagree);
        for fact in &f.disagree {
            let _ = writeln!(s, "**{}** ({})\n", md(&fact.about), md(&fact.support));
            if !fact.values.is_empty() {
                let line: Vec<String> = fact
                    .values
                    .iter()
                    .map(|v| format!("{} {}", md(&v.value), md(&v.count)))
                    .collect();
                let _ = writeln!(s, "{}\n", line.join(" \u{B7} "));
            }
            for c in &fact.claims {
                let _ = writeln!(
                    s,
                    "- {}: {} in \u{201C}{}\u{201D}",
                    md(&whos(c)),
                    md(&c.value),
                    md_sentence(&c.sentence)
                );
            }
            s.push('\n');
        }
    }
    if !f.agree.is_empty() {
        let _ = writeln!(s, "### {}\n", v.headings.agree);
        for fact in &f.agree {
            let _ = writeln!(
                s,
                "- **{}**{} ({})",
                md(&fact.about),
                md_value(fact),
                md(&fact.support)
            );
        }
        s.push('\n');
    }
    if !f.single.is_empty() {
        let _ = writeln!(s, "### {}\n", v.headings.single);
        for fact in &f.single {
            let c: Option<&ClaimView> = fact.claims.first();
            let _ = writeln!(
                s,
                "- **{}**{} ({}){}",
                md(&fact.about),
                md_value(fact),
                md(&fact.support),
                c.map(|c| format!(": \u{201C}{}\u{201D}", md_sentence(&c.sentence)))
                    .unwrap_or_default()
            );
        }
        s.push('\n');
    }
}

/// The brief of one story in Markdown.
pub(super) fn markdown(v: &StoryView, s: &mut String) {
    let _ = writeln!(s, "## {}\n", md(&v.title));
    let mut line = md(&v.summary);
    if let Some(sp) = span(v) {
        let _ = write!(line, ", {sp}");
    }
    line.push('.');
    if let (Some(f), Some(first)) = (&v.first_line, &v.first) {
        let _ = write!(line, " {}", md(f));
        if let Some(p) = first.published.as_deref() {
            let _ = write!(line, " ({})", day(p));
        }
        line.push('.');
    }
    let _ = writeln!(s, "{line}\n");
    if let Some(n) = &v.note {
        let _ = writeln!(s, "{}\n", md(n));
    }
    md_facts(v, &v.facts, s);
    if !v.more.is_empty() {
        let n = v.more.len();
        let _ = writeln!(
            s,
            "{n} more fact{} not shown: run with --all-facts to see them.\n",
            if n == 1 { " is" } else { "s are" }
        );
    }
    if !v.families.is_empty() {
        let _ = writeln!(s, "### {}\n", v.headings.families);
        for f in &v.families {
            let _ = writeln!(s, "- {}. {}.", md(&f.heading), md(&f.source_line));
            for e in &f.echoes {
                let _ = writeln!(s, "  - {}: {}", md(&e.report.label), md(&e.matched));
            }
        }
        s.push('\n');
    }
    let _ = writeln!(s, "### {}\n", v.headings.reports);
    for r in &v.reports {
        let title = r
            .title
            .as_deref()
            .filter(|t| Some(*t) != Some(r.label.as_str()));
        let _ = writeln!(
            s,
            "- {}{} (`{}`)",
            md(&who(r)),
            title.map(|t| format!(": {}", md(t))).unwrap_or_default(),
            r.id.replace('`', "'")
        );
    }
    s.push('\n');
}

fn h_sentence(segs: &[Segment]) -> String {
    segs.iter()
        .map(|s| {
            if s.highlight {
                format!("<mark>{}</mark>", esc(&s.text))
            } else {
                esc(&s.text)
            }
        })
        .collect()
}

fn h_who(r: &ReportRef) -> String {
    match r.published.as_deref() {
        Some(p) => format!(
            "<span class=\"outlet\">{}</span>, <time datetime=\"{}\">{}</time>",
            esc(&r.label),
            esc(p),
            esc(day(p))
        ),
        None => format!("<span class=\"outlet\">{}</span>", esc(&r.label)),
    }
}

fn html_facts(v: &StoryView, f: &FactSections, s: &mut String) {
    if !f.disagree.is_empty() {
        let _ = writeln!(
            s,
            "<section class=\"disagree\"><h3 class=\"part\">{}</h3>",
            esc(v.headings.disagree)
        );
        for fact in &f.disagree {
            let _ = write!(
                s,
                "<article class=\"card conflict\"><h4 class=\"what\">{}</h4><p class=\"support\">{}</p>",
                esc(&fact.about),
                esc(&fact.support)
            );
            if !fact.values.is_empty() {
                let line: Vec<String> = fact
                    .values
                    .iter()
                    .map(|v| {
                        format!(
                            "<span class=\"value\">{}</span> {}",
                            esc(&v.value),
                            esc(&v.count)
                        )
                    })
                    .collect();
                let _ = write!(s, "<p class=\"values\">{}</p>", line.join(" · "));
            }
            s.push_str("<ul class=\"claims\">");
            for c in &fact.claims {
                let who: Vec<String> = std::iter::once(&c.report)
                    .chain(&c.also)
                    .map(h_who)
                    .collect();
                let _ = write!(
                    s,
                    "<li><p><b class=\"value\">{}</b> · {}</p><blockquote>{}</blockquote></li>",
                    esc(&c.value),
                    who.join("; "),
                    h_sentence(&c.sentence)
                );
            }
            s.push_str("</ul></article>\n");
        }
        s.push_str("</section>\n");
    }
    if !f.agree.is_empty() {
        let _ = writeln!(
            s,
            "<section class=\"agree\"><h3 class=\"part\">{}</h3><ul class=\"facts\">",
            esc(v.headings.agree)
        );
        for fact in &f.agree {
            let _ = writeln!(
                s,
                "<li class=\"fact\"><b>{}</b>{} <span class=\"support\">({})</span></li>",
                esc(&fact.about),
                h_value(fact),
                esc(&fact.support)
            );
        }
        s.push_str("</ul></section>\n");
    }
    if !f.single.is_empty() {
        let _ = writeln!(
            s,
            "<section class=\"single\"><h3 class=\"part\">{}</h3><ul class=\"facts\">",
            esc(v.headings.single)
        );
        for fact in &f.single {
            let _ = write!(
                s,
                "<li class=\"fact\"><b>{}</b>{} <span class=\"support\">({})</span>",
                esc(&fact.about),
                h_value(fact),
                esc(&fact.support)
            );
            if let Some(c) = fact.claims.first() {
                let _ = write!(s, "<blockquote>{}</blockquote>", h_sentence(&c.sentence));
            }
            s.push_str("</li>\n");
        }
        s.push_str("</ul></section>\n");
    }
}

fn html_family(f: &FamilyView, s: &mut String) {
    let _ = write!(
        s,
        "<li class=\"family\"><b>{}</b>. {}.<ul>",
        esc(&f.heading),
        esc(&f.source_line)
    );
    for e in &f.echoes {
        let _ = write!(
            s,
            "<li class=\"echo\"><span class=\"outlet\">{}</span>: {}</li>",
            esc(&e.report.label),
            esc(&e.matched)
        );
    }
    s.push_str("</ul></li>\n");
}

/// The brief of one story in HTML, every text escaped.
pub(super) fn html(v: &StoryView, s: &mut String) {
    let _ = write!(
        s,
        "<section class=\"story\" id=\"{}\"><h2>{}</h2>\n<p class=\"summary\">{}",
        esc(&v.id),
        esc(&v.title),
        esc(&v.summary)
    );
    if let Some(sp) = span(v) {
        let _ = write!(s, ", {}", esc(&sp));
    }
    s.push('.');
    if let (Some(f), Some(first)) = (&v.first_line, &v.first) {
        let _ = write!(s, " {}", esc(f));
        if let Some(p) = first.published.as_deref() {
            let _ = write!(s, " ({})", esc(day(p)));
        }
        s.push('.');
    }
    s.push_str("</p>\n");
    if let Some(n) = &v.note {
        let _ = writeln!(s, "<p class=\"muted\">{}</p>", esc(n));
    }
    html_facts(v, &v.facts, s);
    if !v.more.is_empty() {
        let _ = writeln!(
            s,
            "<details class=\"more\"><summary>{}</summary>",
            esc(v.more_label.as_deref().unwrap_or(""))
        );
        html_facts(v, &v.more, s);
        s.push_str("</details>\n");
    }
    if !v.families.is_empty() {
        let _ = writeln!(
            s,
            "<section class=\"families\"><h3 class=\"part\">{}</h3><ul>",
            esc(v.headings.families)
        );
        for f in &v.families {
            html_family(f, s);
        }
        s.push_str("</ul></section>\n");
    }
    let _ = writeln!(
        s,
        "<section class=\"reports\"><h3 class=\"part\">{}</h3><ul>",
        esc(v.headings.reports)
    );
    for r in &v.reports {
        let title = r
            .title
            .as_deref()
            .filter(|t| Some(*t) != Some(r.label.as_str()));
        let _ = writeln!(
            s,
            "<li>{}{} <code>{}</code></li>",
            h_who(r),
            title.map(|t| format!(": {}", esc(t))).unwrap_or_default(),
            esc(&r.id)
        );
    }
    s.push_str("</ul></section></section>\n");
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
    let header = rm.metadata_lines.saturating_add(rm.title_lines);
    if rm.furniture_lines > 0 || header > 0 {
        let _ = write!(
            line,
            "; cleaning removed {} furniture line{}, moved {header} header line{} to metadata",
            rm.furniture_lines,
            if rm.furniture_lines == 1 { "" } else { "s" },
            if header == 1 { "" } else { "s" }
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
    use crate::report::view::highlight;
    use crate::report::{ArticleEntry, Claim, Evidence, Fact, Family, Relation, Story};
    use serde_json::json;

    fn entry(id: &str, source: Option<&str>, url: Option<&str>, day: &str) -> ArticleEntry {
        ArticleEntry {
            id: id.into(),
            title: Some(format!("Headline of {id}")),
            source: source.map(Into::into),
            url: url.map(Into::into),
            published: chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d")
                .ok()
                .map(crate::article::Published::Date),
            language: Some("en".into()),
            words: 100,
            path: format!("{id}.txt"),
            line: None,
            author: None,
            sentences: 4,
            notes: Vec::new(),
            metadata: serde_json::Map::new(),
            lead: format!("The lead sentence of report {id} says what happened."),
        }
    }

    fn entries() -> Vec<ArticleEntry> {
        vec![
            entry("a", Some("Reuters"), None, "2025-02-12"),
            entry("b", None, Some("https://www.example.com/x"), "2025-02-13"),
            entry("c", None, None, "2025-02-14"),
        ]
    }

    fn claim(a: &str, text: &str, v: serde_json::Value) -> Claim {
        Claim {
            article: a.into(),
            sentence: 0,
            text: text.into(),
            value: v,
        }
    }

    fn story() -> Story {
        Story {
            id: "s1".into(),
            title: "t".into(),
            articles: vec!["a".into(), "b".into(), "c".into()],
            first_seen: None,
            last_seen: None,
            relations: vec![Relation {
                a: "a".into(),
                b: "c".into(),
                kind: "rewrite".into(),
                score: 0.8,
                evidence: (0..3)
                    .map(|k| Evidence {
                        a_sentence: k,
                        b_sentence: k,
                        similarity: 0.9,
                    })
                    .collect(),
            }],
            families: vec![Family {
                articles: vec!["a".into(), "c".into()],
                kind: "rewrites".into(),
                likely_source: Some("a".into()),
                why: "earliest".into(),
            }],
            facts: vec![
                Fact {
                    kind: "quantity".into(),
                    about: "deaths in the war".into(),
                    topic: String::new(),
                    status: "conflict".into(),
                    sources: 2,
                    claims: vec![
                        claim(
                            "a",
                            "The <b>war</b> killed millions of people.",
                            json!({"count": 2000000, "low": 2000000, "high": null,
                                   "hedge": "millions", "as_written": "millions"}),
                        ),
                        claim(
                            "b",
                            "About 90,000 people died.",
                            json!({"count": 90000, "low": 86000, "high": 94000,
                                   "as_written": "About 90,000"}),
                        ),
                    ],
                    salience: 0.9,
                },
                Fact {
                    kind: "entity".into(),
                    about: "Donald Trump (person)".into(),
                    topic: String::new(),
                    status: "single_source".into(),
                    sources: 1,
                    claims: vec![claim(
                        "b",
                        "Trump spoke.",
                        json!({"name": "Donald Trump", "type": "person"}),
                    )],
                    salience: 0.0,
                },
            ],
            errors: Vec::new(),
        }
    }

    fn view(st: &Story, limit: Option<usize>) -> StoryView {
        StoryView::new(st, &entries(), limit)
    }

    #[test]
    fn the_story_says_reports_outlets_and_who_was_first() {
        let v = view(&story(), Some(MAX_FACTS));
        // Reuters by name, example.com from the URL, c has no outlet.
        assert_eq!(
            v.summary,
            "3 reports from 2 outlets (1 with no outlet named)"
        );
        assert_eq!(v.first_line.as_deref(), Some("First published by Reuters"));
        let mut s = String::new();
        markdown(&v, &mut s);
        assert!(
            s.contains("First published by Reuters (2025-02-12)."),
            "{s}"
        );
        assert!(s.contains("- example.com, 2025-02-13"), "{s}");
    }

    #[test]
    fn a_conflict_shows_values_as_written_and_never_internal_fields() {
        let v = view(&story(), Some(MAX_FACTS));
        let mut md_ = String::new();
        markdown(&v, &mut md_);
        let mut h = String::new();
        html(&v, &mut h);
        for s in [&md_, &h] {
            assert!(s.contains("Where the reports disagree"));
            assert!(s.contains("Deaths in the war"));
            for internal in ["count", "low:", "hedge", "2000000", "null", "high"] {
                assert!(!s.contains(internal), "{internal} shown: {s}");
            }
        }
        // The value is highlighted in its sentence, as written.
        assert!(
            md_.contains("**millions**") && md_.contains("**About 90,000**"),
            "{md_}"
        );
        assert!(h.contains("<mark>About 90,000</mark>"), "{h}");
        // The entity fact (a mere mention, salience 0) is not shown.
        assert!(!md_.contains("Donald Trump"));
    }

    #[test]
    fn families_are_short_lists_with_the_share_that_matches() {
        let v = view(&story(), Some(MAX_FACTS));
        let f = &v.families[0];
        assert_eq!(f.source_line, "Likely source: Reuters");
        assert_eq!(f.echoes.len(), 1);
        // c has 4 sentences; 3 are aligned with the source.
        assert_eq!(
            f.echoes[0].matched,
            "3 of 4 sentences match the source (75%)"
        );
        let mut st = story();
        st.families[0].likely_source = None;
        let v = view(&st, None);
        assert_eq!(v.families[0].source_line, "Source not in the input");
        assert_eq!(v.families[0].echoes.len(), 2);
    }

    #[test]
    fn the_brief_shows_at_most_the_limit_conflicts_first() {
        let mut st = story();
        let mut base = st.facts[0].clone();
        base.status = "agreed".into();
        base.sources = 1;
        for k in 0..20 {
            let mut f = base.clone();
            f.about = format!("fact number {k}");
            f.salience = 0.5 - k as f64 / 100.0;
            st.facts.push(f);
        }
        let mut trivial = base.clone();
        trivial.about = "a trivial one".into();
        trivial.salience = 0.0;
        st.facts.push(trivial);
        let v = view(&st, Some(MAX_FACTS));
        assert_eq!(v.facts.disagree.len(), 1);
        assert_eq!(v.facts.agree.len(), MAX_FACTS - 1);
        assert_eq!(v.more.len(), 20 - (MAX_FACTS - 1));
        assert_eq!(v.more_label.as_deref(), Some("Show 6 more facts"));
        // Two reports, one family: "2 reports, 1 independent".
        assert_eq!(v.facts.agree[0].support, "2 reports, 1 independent");
        let mut s = String::new();
        markdown(&v, &mut s);
        assert_eq!(s.matches("- **Fact number").count(), MAX_FACTS - 1, "{s}");
        assert!(s.contains("Fact number 13") && !s.contains("Fact number 14"));
        assert!(s.contains("6 more facts are not shown: run with --all-facts"));
        assert!(!s.to_lowercase().contains("a trivial one"));
        // Conflicts come before what they agree on.
        assert!(s.find("Where the reports disagree") < s.find("What they agree on"));
        let mut h = String::new();
        html(&v, &mut h);
        assert!(h.contains("<details class=\"more\"><summary>Show 6 more facts</summary>"));
        assert_eq!(h.matches("<b>Fact number").count(), 20);
        let all = view(&st, None);
        assert_eq!(all.facts.agree.len(), 20);
        assert!(all.more.is_empty() && all.more_label.is_none());
    }

    #[test]
    fn markdown_and_html_say_the_same_words_in_the_same_order() {
        let v = view(&story(), Some(MAX_FACTS));
        let mut md_ = String::new();
        markdown(&v, &mut md_);
        let mut h = String::new();
        html(&v, &mut h);
        let words = [
            v.summary.as_str(),
            "Where the reports disagree",
            "Deaths in the war",
            "2 reports, all independent",
            "Copies and rewrites",
            "Likely source: Reuters",
            "3 of 4 sentences match the source (75%)",
            "The reports",
        ];
        let mut at = (0, 0);
        for w in words {
            let m = md_[at.0..].find(w).map(|i| i + at.0);
            let x = h[at.1..].find(w).map(|i| i + at.1);
            let (Some(m), Some(x)) = (m, x) else {
                panic!("{w:?} missing or out of order:\n{md_}\n{h}")
            };
            at = (m, x);
        }
    }

    #[test]
    fn html_escapes_every_text() {
        let mut st = story();
        st.title = "<script>alert(1)</script>".into();
        let v = view(&st, Some(MAX_FACTS));
        let mut s = String::new();
        html(&v, &mut s);
        assert!(s.contains("&lt;b&gt;war&lt;/b&gt;") && !s.contains("<b>war"));
        assert!(s.contains("&lt;script&gt;") && !s.contains("<script>"));
    }

    fn conflict(kind: &str, about: &str, claims: Vec<Claim>) -> Fact {
        Fact {
            kind: kind.into(),
            about: about.into(),
            // Empty, as in a story stored before facts had a topic: the view derives it.
            topic: String::new(),
            status: "conflict".into(),
            sources: 3,
            claims,
            salience: 0.9,
        }
    }

    #[test]
    fn a_conflict_groups_its_claims_by_value_and_says_a_repeated_sentence_once() {
        let n = |w: &str| json!({"as_written": w, "count": 1});
        let copied = "Carter scored 14 points.";
        let mut st = story();
        let mut twelve = claim("b", "Carter had 12 points.", n("12"));
        twelve.sentence = 2;
        st.facts = vec![conflict(
            "quantity",
            "number of points",
            vec![
                claim("a", copied, n("14")),
                twelve,
                // A copy of a's sentence, spaced differently: the same claim, said once.
                claim("c", "Carter  scored 14 points.", n("14")),
            ],
        )];
        let v = view(&st, None);
        let f = &v.facts.disagree[0];
        let values: Vec<(&str, &str)> = f
            .values
            .iter()
            .map(|x| (x.value.as_str(), x.count.as_str()))
            .collect();
        assert_eq!(values, vec![("14", "in 2 reports"), ("12", "in 1 report")]);
        assert_eq!(f.claims.len(), 2);
        assert_eq!(f.claims[0].report.id, "a");
        assert_eq!(f.claims[0].also.len(), 1);
        assert_eq!(f.claims[0].also[0].id, "c");
        assert_eq!(
            f.compare_label.as_deref(),
            Some("Compare Reuters and example.com side by side")
        );
        // The comparison opens on the two claims' sentences.
        assert_eq!(f.compare, Some(("a".to_string(), "b".to_string())));
        assert_eq!(f.compare_sentences, Some((0, 2)));
        let mut md_ = String::new();
        markdown(&v, &mut md_);
        assert!(
            md_.contains("14 in 2 reports \u{B7} 12 in 1 report"),
            "{md_}"
        );
        assert!(
            md_.contains("- Reuters, 2025-02-12; Headline of c, 2025-02-14: 14 in"),
            "{md_}"
        );
        let mut h = String::new();
        html(&v, &mut h);
        assert!(
            h.contains("<p class=\"values\"><span class=\"value\">14</span> in 2 reports"),
            "{h}"
        );
        assert_eq!(h.matches("<blockquote>").count(), 2, "{h}");
    }

    #[test]
    fn a_heading_never_takes_one_side_of_the_conflict() {
        let d = |w: &str, iso: &str| json!({"as_written": w, "date": iso});
        let mut st = story();
        st.facts = vec![
            conflict(
                "date",
                "date 1957 (Mississippi)",
                vec![
                    claim("a", "He moved in 1957.", d("1957", "1957")),
                    claim("b", "He moved in 1967.", d("1967", "1967")),
                ],
            ),
            conflict(
                "date",
                "date friday",
                vec![
                    claim("a", "It fell on Thursday.", d("Thursday", "2008-12-04")),
                    claim("b", "It fell on Friday.", d("Friday", "2008-12-05")),
                ],
            ),
            conflict(
                "quantity",
                "score or tally 45-35",
                vec![
                    claim("a", "A 45-36 lead.", json!({"as_written": "45-36"})),
                    claim("b", "A 45-35 lead.", json!({"as_written": "45-35"})),
                ],
            ),
            conflict(
                "quote",
                "Kevin McAleenan: \u{201C}Depending upon port circumstances\u{201D}",
                vec![
                    claim(
                        "a",
                        "\u{201C}Depending upon port circumstances,\u{201D} McAleenan said.",
                        json!({"words": "Depending upon port circumstances", "speaker": "Kevin McAleenan"}),
                    ),
                    claim(
                        "b",
                        "\u{201C}Depending on port circumstances,\u{201D} McAleenan said.",
                        json!({"words": "Depending on port circumstances", "speaker": "Kevin McAleenan"}),
                    ),
                ],
            ),
            conflict(
                "quote",
                "Jane Roe: \u{201C}We will not back down\u{201D}",
                vec![
                    claim(
                        "a",
                        "\u{201C}We will not back down,\u{201D} Jane Roe said.",
                        json!({"words": "We will not back down", "speaker": "Jane Roe"}),
                    ),
                    claim(
                        "b",
                        "\u{201C}We will not back down,\u{201D} said John Doe.",
                        json!({"words": "We will not back down", "speaker": "John Doe"}),
                    ),
                ],
            ),
        ];
        let v = view(&st, None);
        let abouts: Vec<&str> = v.facts.disagree.iter().map(|f| f.about.as_str()).collect();
        assert_eq!(
            abouts,
            vec![
                "Date (Mississippi)",
                "Date",
                "Score or tally",
                "What Kevin McAleenan said",
                "Who said \u{201C}We will not back down\u{201D}",
            ]
        );
        // A dispute over the speaker shows each report's speaker, highlighted in its sentence.
        let who = &v.facts.disagree[4];
        let said: Vec<&str> = who.claims.iter().map(|c| c.value.as_str()).collect();
        assert_eq!(said, vec!["Jane Roe", "John Doe"]);
        assert!(who.claims[1]
            .sentence
            .iter()
            .any(|g| g.highlight && g.text == "John Doe"));
        // An agreed date keeps its names and shows the values as written, no ISO date.
        let mut st = story();
        let mut agreed = conflict(
            "date",
            "date 2013-03-08 (Creighton)",
            vec![
                claim("a", "They won on Friday.", d("Friday", "2013-03-08")),
                claim(
                    "b",
                    "They won on March 8, 2013.",
                    d("March 8, 2013", "2013-03-08"),
                ),
            ],
        );
        agreed.status = "agreed".into();
        st.facts = vec![agreed];
        let v = view(&st, None);
        let mut md_ = String::new();
        markdown(&v, &mut md_);
        assert!(
            md_.contains("- **Date (Creighton)**: Friday \u{B7} March 8, 2013 ("),
            "{md_}"
        );
        assert!(!md_.contains("2013-03-08 ("), "{md_}");
    }

    fn marks(s: &str, n: &str) -> Vec<(String, bool)> {
        highlight(s, n)
            .into_iter()
            .map(|g| (g.text, g.highlight))
            .collect()
    }

    #[test]
    fn highlight_finds_the_value_or_leaves_the_sentence_whole() {
        assert_eq!(
            marks("Nearly 40 people died.", "nearly 40"),
            vec![
                ("Nearly 40".to_string(), true),
                (" people died.".to_string(), false)
            ]
        );
        assert_eq!(
            marks("Nothing here.", "12"),
            vec![("Nothing here.".to_string(), false)]
        );
        assert_eq!(marks("Ünïcode 12 ok", "12").len(), 3);
        assert_eq!(marks("", ""), vec![(String::new(), false)]);
    }
}
