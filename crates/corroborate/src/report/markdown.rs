//! The readable brief, in Markdown: what `analyze` prints by default.

use super::Report;
use std::fmt::Write;

/// Renders the report as a Markdown brief, at most [`MAX_FACTS`](super::MAX_FACTS) facts per
/// story.
pub fn to_markdown(r: &Report) -> String {
    to_markdown_with(r, Some(super::MAX_FACTS))
}

/// Renders the report as a Markdown brief, at most `max_facts` facts per story (all when
/// `None`).
pub fn to_markdown_with(r: &Report, max_facts: Option<usize>) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# corroborate: {} stor{} from {} article{}\n",
        r.stories.len(),
        if r.stories.len() == 1 { "y" } else { "ies" },
        r.inputs.articles,
        if r.inputs.articles == 1 { "" } else { "s" }
    );
    let _ = writeln!(s, "{}\n", super::brief::inputs_line(r));
    let by_id: std::collections::HashMap<&str, &super::ArticleEntry> =
        r.articles.iter().map(|a| (a.id.as_str(), a)).collect();
    for story in &r.stories {
        let _ = writeln!(s, "## {} · {}\n", story.id, one_line(&story.title));
        let span = match (&story.first_seen, &story.last_seen) {
            (Some(a), Some(b)) if a == b => format!(", published {}", a.date()),
            (Some(a), Some(b)) => format!(", published {} to {}", a.date(), b.date()),
            _ => String::new(),
        };
        let _ = writeln!(
            s,
            "{} report{}{span}.\n",
            story.articles.len(),
            if story.articles.len() == 1 { "" } else { "s" }
        );
        let _ = writeln!(s, "| article | source | published | words | title |");
        let _ = writeln!(s, "|---|---|---|---:|---|");
        for id in &story.articles {
            if let Some(a) = by_id.get(id.as_str()) {
                let _ = writeln!(
                    s,
                    "| {} | {} | {} | {} | {} |",
                    cell(&a.id),
                    cell(a.source.as_deref().unwrap_or("")),
                    a.published
                        .map(|p| p.date().to_string())
                        .unwrap_or_default(),
                    a.words,
                    cell(a.title.as_deref().unwrap_or(""))
                );
            }
        }
        s.push('\n');
        super::brief::markdown(story, &mut s, max_facts);
    }
    if !r.inputs.skipped.is_empty() {
        let _ = writeln!(s, "## Skipped inputs\n");
        for k in &r.inputs.skipped {
            let at = k.line.map(|l| format!(":{l}")).unwrap_or_default();
            let _ = writeln!(s, "- `{}{at}`: {}", k.path, k.reason);
        }
        s.push('\n');
    }
    s
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn cell(s: &str) -> String {
    one_line(s).replace('|', "\\|")
}
