//! The readable brief, in Markdown: what `analyze` prints by default.

use super::view::StoryView;
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
        "# corroborate: {} stor{} from {} report{}\n",
        r.stories.len(),
        if r.stories.len() == 1 { "y" } else { "ies" },
        r.inputs.articles,
        if r.inputs.articles == 1 { "" } else { "s" }
    );
    let _ = writeln!(s, "{}\n", super::brief::inputs_line(r));
    for story in &r.stories {
        let v = StoryView::new(story, &r.articles, max_facts);
        super::brief::markdown(&v, &mut s);
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
