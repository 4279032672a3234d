//! The report as one self-contained HTML page: no scripts, no outside assets, every text
//! escaped.

use super::brief::esc;
use super::Report;
use std::fmt::Write;

const STYLE: &str = "body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;\
padding:0 1rem;color:#222}h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;\
border-top:1px solid #ddd;padding-top:1rem}table{border-collapse:collapse;width:100%}\
td,th{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #eee;vertical-align:top}\
td.n{text-align:right}.muted{color:#666}code{font-size:.9em}";

/// Renders the report as a self-contained HTML page, at most
/// [`MAX_FACTS`](super::MAX_FACTS) facts per story.
pub fn to_html(r: &Report) -> String {
    to_html_with(r, Some(super::MAX_FACTS))
}

/// Renders the report as a self-contained HTML page, at most `max_facts` facts per story
/// (all when `None`).
pub fn to_html_with(r: &Report, max_facts: Option<usize>) -> String {
    let mut s = String::new();
    let title = format!(
        "corroborate: {} stories from {} articles",
        r.stories.len(),
        r.inputs.articles
    );
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title><style>{STYLE}</style></head><body>\n<h1>{}</h1>\n<p class=\"muted\">{}</p>\n",
        esc(&title),
        esc(&title),
        esc(&super::brief::inputs_line(r))
    );
    let by_id: std::collections::HashMap<&str, &super::ArticleEntry> =
        r.articles.iter().map(|a| (a.id.as_str(), a)).collect();
    for story in &r.stories {
        let _ = write!(
            s,
            "<section id=\"{}\"><h2>{} · {}</h2>\n<table><tr><th>article</th><th>source</th>\
             <th>published</th><th>words</th><th>title</th></tr>\n",
            esc(&story.id),
            esc(&story.id),
            esc(&story.title)
        );
        for id in &story.articles {
            if let Some(a) = by_id.get(id.as_str()) {
                let _ = writeln!(
                    s,
                    "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
                    esc(&a.id),
                    esc(a.source.as_deref().unwrap_or("")),
                    a.published.map(|p| p.date().to_string()).unwrap_or_default(),
                    a.words,
                    esc(a.title.as_deref().unwrap_or(""))
                );
            }
        }
        s.push_str("</table>\n");
        super::brief::html(story, &mut s, max_facts);
        s.push_str("</section>\n");
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
    s.push_str("</body></html>\n");
    s
}
