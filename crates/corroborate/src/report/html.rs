//! The report as one self-contained HTML page: no scripts, no outside assets, every text
//! escaped. It shares its style sheet with the server's page (`web/style.css` in the server
//! crate includes the same rules), so both look alike.

use super::brief::esc;
use super::view::StoryView;
use super::Report;
use std::fmt::Write;

/// The style of the report and of the server's story page (the page's `style.css` starts with
/// these rules; a test in the server crate checks they stay the same).
pub const STYLE: &str = include_str!("brief.css");

/// Renders the report as a self-contained HTML page, at most
/// [`MAX_FACTS`](super::MAX_FACTS) facts per story.
pub fn to_html(r: &Report) -> String {
    to_html_with(r, Some(super::MAX_FACTS))
}

/// Renders the report as a self-contained HTML page, at most `max_facts` facts per story
/// (all when `None`); the facts past the limit are behind a disclosure.
pub fn to_html_with(r: &Report, max_facts: Option<usize>) -> String {
    let mut s = String::new();
    let title = format!(
        "corroborate: {} stor{} from {} report{}",
        r.stories.len(),
        if r.stories.len() == 1 { "y" } else { "ies" },
        r.inputs.articles,
        if r.inputs.articles == 1 { "" } else { "s" }
    );
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\
         <title>{}</title><style>{STYLE}</style></head><body><main class=\"brief\">\n<h1>{}</h1>\n<p class=\"muted\">{}</p>\n",
        esc(&title),
        esc(&title),
        esc(&super::brief::inputs_line(r))
    );
    if r.stories.len() > 1 {
        s.push_str("<nav aria-label=\"Stories\"><ol>\n");
        for story in &r.stories {
            let _ = writeln!(
                s,
                "<li><a href=\"#{}\">{}</a> <span class=\"muted\">({} report{})</span></li>",
                esc(&story.id),
                esc(&story.title),
                story.articles.len(),
                if story.articles.len() == 1 { "" } else { "s" }
            );
        }
        s.push_str("</ol></nav>\n");
    }
    for story in &r.stories {
        let v = StoryView::new(story, &r.articles, max_facts);
        super::brief::html(&v, &mut s);
    }
    if !r.inputs.skipped.is_empty() {
        s.push_str("<section><h2>Skipped inputs</h2><ul>\n");
        for k in &r.inputs.skipped {
            let at = k.line.map(|l| format!(":{l}")).unwrap_or_default();
            let _ = writeln!(
                s,
                "<li><code>{}{at}</code>: {}</li>",
                esc(&k.path),
                esc(&k.reason.to_string())
            );
        }
        s.push_str("</ul></section>\n");
    }
    s.push_str("</main></body></html>\n");
    s
}
