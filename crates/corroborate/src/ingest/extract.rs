//! Main text and metadata from an HTML page (title, date, author, site name, canonical URL),
//! by the trafilatura crate (a port of go-trafilatura).

use crate::article::Published;

/// What a page gives.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// The main text, paragraphs separated by newlines.
    pub text: String,
    /// The headline.
    pub title: Option<String>,
    /// The byline.
    pub author: Option<String>,
    /// The site's name.
    pub sitename: Option<String>,
    /// The canonical URL.
    pub url: Option<String>,
    /// The publication date.
    pub date: Option<Published>,
    /// The page's declared language.
    pub language: Option<String>,
}

/// Extracts the main text and metadata. `None` when the page has no main text.
pub fn extract(html: &str, url: Option<&str>) -> Option<Page> {
    // Measured on ../shared/data/article-extraction (181 pages, scripts/score-extraction.sh):
    // defaults 0.957 F1; with the fallback extractors and the precision focus 0.969.
    // Comments are never part of an article.
    let mut opts = trafilatura::Options::default()
        .with_fallback(true)
        .with_focus(trafilatura::ExtractionFocus::FavorPrecision)
        .with_exclude_comments(true);
    if let Some(u) = url.and_then(|u| url::Url::parse(u).ok()) {
        opts = opts.with_url(u);
    }
    let result = trafilatura::extract(html, &opts).ok()?;
    let text = result.content_text.trim().to_string();
    if text.is_empty() {
        return None;
    }
    let m = result.metadata;
    let some = |s: String| {
        let t = s.trim();
        (!t.is_empty()).then(|| t.to_string())
    };
    Some(Page {
        text,
        title: some(m.title),
        author: some(m.author),
        sitename: some(m.sitename),
        url: some(m.url),
        date: m.date.map(Published::Date),
        language: some(m.language),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A news page whose article holds `special` (raw HTML, one paragraph) among ordinary
    /// paragraphs, so that the extractor takes the article as the main text.
    fn page(special: &str) -> String {
        let filler = [
            "The city council met on Tuesday evening to debate the new budget for the coming year, \
             which includes money for roads, schools and the public library.",
            "Several residents spoke during the public comment period, asking the council to keep \
             the library open on weekends and to repair the bridge over the river.",
            "The mayor said that the final vote would take place next month, after the finance \
             committee has reviewed the figures and heard from the department heads.",
            "Local business owners welcomed the plan to improve the main street, but some worried \
             about the months of construction work that it would bring.",
        ];
        let mut body = String::new();
        for (i, f) in filler.iter().enumerate() {
            body.push_str(&format!("<p>{f}</p>\n"));
            if i == 1 {
                body.push_str(&format!("<p>{special}</p>\n"));
            }
        }
        format!(
            "<!DOCTYPE html><html><head><title>Council debates budget</title></head><body>\
             <nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>\
             <article><h1>Council debates budget</h1>\n{body}</article>\
             <footer>Copyright 2025 The Daily Example</footer></body></html>"
        )
    }

    fn text_of(special: &str) -> String {
        extract(&page(special), None)
            .map(|p| p.text)
            .unwrap_or_default()
    }

    #[test]
    fn no_space_before_punctuation_where_inline_markup_ends() {
        let t = text_of("By <strong><em>Maria Lopez</em></strong>: The vote was close.");
        assert!(t.contains("By Maria Lopez: The vote was close."), "{t}");
        let t = text_of("It was <a href=\"/x\">announced</a>, then <b>denied</b>.");
        assert!(t.contains("It was announced, then denied."), "{t}");
        // Words split by inline markup stay one word, as a browser shows them.
        let t = text_of("The <span>re</span>build starts in <i>May</i>; nothing else.");
        assert!(
            t.contains("The rebuild starts in May; nothing else."),
            "{t}"
        );
    }

    #[test]
    fn block_boundaries_still_separate_words() {
        let t = text_of("first line<br>second line");
        assert!(t.contains("first line"), "{t}");
        assert!(!t.contains("linesecond"), "{t}");
        // Paragraphs never run together.
        assert!(
            !t.contains("year.Several") && !t.contains("weekends.The"),
            "{t}"
        );
    }

    #[test]
    fn text_after_ruby_is_kept_and_the_reading_dropped() {
        let t = text_of(
            "<ruby>子<rp>(</rp><rt>こ</rt><rp>)</rp></ruby>どもへの<ruby>虐待<rt>ぎゃくたい</rt></ruby>\
             を防ぐための新しい法律が、きょう国会で成立しました。",
        );
        assert!(t.contains("子どもへの虐待を防ぐための新しい法律"), "{t}");
        assert!(!t.contains("ぎゃくたい"), "{t}");
    }

    #[test]
    fn text_after_removed_inline_elements_is_kept() {
        let t = text_of(
            "Posted <time datetime=\"2025-06-08\">June 8</time> after the vote, the mayor \
             <label>note</label>thanked the residents for their patience.",
        );
        assert!(t.contains("after the vote, the mayor"), "{t}");
        assert!(
            t.contains("thanked the residents for their patience."),
            "{t}"
        );
    }

    #[test]
    fn wbr_bdi_and_soft_hyphens_do_not_split_words() {
        let t = text_of("The Donau<wbr>dampf<wbr>schiff company, run by <bdi>Elif</bdi>: fine.");
        assert!(
            t.contains("The Donaudampfschiff company, run by Elif: fine."),
            "{t}"
        );
        let t = text_of("An extra\u{ad}ordinary meeting of the coun&shy;cil was called.");
        assert!(
            t.contains("An extraordinary meeting of the council was called."),
            "{t}"
        );
    }

    #[test]
    fn a_page_without_main_text_gives_none() {
        assert_eq!(
            extract("<html><body><nav>Home</nav></body></html>", None),
            None
        );
        assert_eq!(extract("", None), None);
    }
}
