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
    // defaults 0.957 F1; with the fallback extractors and the precision focus 0.969; 0.977 with
    // the patches of patches/trafilatura/PATCHES.md (BENCHMARKS.md).
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

    /// The filler paragraphs of `page`, as the extractor should give them.
    const FILLER_STARTS: [&str; 4] = [
        "The city council met on Tuesday evening",
        "Several residents spoke during the public comment period",
        "The mayor said that the final vote would take place next month",
        "Local business owners welcomed the plan",
    ];

    fn paragraphs_html(first: &str) -> String {
        format!(
            "<p>{first}</p><p>The city council met on Tuesday evening to debate the new budget \
             for the coming year, which includes money for roads, schools and the public \
             library.</p><p>Several residents spoke during the public comment period, asking the \
             council to keep the library open on weekends and to repair the bridge.</p><p>The \
             mayor said that the final vote would take place next month, after the finance \
             committee has reviewed the figures.</p><p>Local business owners welcomed the plan \
             to improve the main street, but some worried about the construction work.</p>"
        )
    }

    #[test]
    fn a_body_wrapper_whose_class_merely_contains_link_is_kept() {
        // The precision setting drops containers classed "link" or "bottom"; a substring match
        // (`...__hover--links`, `padding-bottom-30`) deleted whole article bodies.
        let html = format!(
            "<html><head><title>Budget</title></head><body><nav><a href=\"/\">Home</a></nav>\
             <article class=\"articleBody\"><div class=\"article-body article-body__hover--links \
             padding-bottom-30\">{}</div></article><footer>Footer</footer></body></html>",
            paragraphs_html(
                "<a href=\"/earlier\">Having debated the plan for months</a>, the council \
                 finally agreed on Tuesday to put the budget to a public vote in the spring.",
            )
        );
        let t = extract(&html, None).map(|p| p.text).unwrap_or_default();
        assert!(
            t.contains("Having debated the plan for months, the council"),
            "{t}"
        );
        for s in FILLER_STARTS {
            assert!(t.contains(s), "{s}: {t}");
        }
        // A real link box is still dropped in precision mode.
        let html = html.replace(
            "</article>",
            "</article><div class=\"link\"><a href=\"/a\">Other story about the weather in the \
             region</a> <a href=\"/b\">Another story</a></div>",
        );
        let t = extract(&html, None).map(|p| p.text).unwrap_or_default();
        assert!(!t.contains("Other story about the weather"), "{t}");
    }

    #[test]
    fn a_form_wrapping_the_whole_page_is_not_deleted() {
        // ASP.NET WebForms pages put everything in one <form>; a search form is still dropped.
        let html = format!(
            "<html><head><title>Budget</title></head><body><form id=\"aspnetForm\" \
             action=\"/x\"><div class=\"page\"><form class=\"search\"><label>Search the \
             site archive</label><input name=\"q\"></form><div class=\"main-article-body\">{}\
             </div></div></form></body></html>",
            paragraphs_html("The council published its draft budget for the coming year.")
        );
        let t = extract(&html, None).map(|p| p.text).unwrap_or_default();
        assert!(t.contains("The council published its draft budget"), "{t}");
        for s in FILLER_STARTS {
            assert!(t.contains(s), "{s}: {t}");
        }
        assert!(!t.contains("Search the site archive"), "{t}");
    }

    #[test]
    fn text_split_only_by_line_breaks_is_kept_whole() {
        // Blog engines write a post as text and <br>s in one div, no <p> anywhere.
        let html = "<html><head><title>Keeper signs</title></head><body>\
             <div class=\"menu\"><a href=\"/\">Home</a> <a href=\"/sport\">Sport</a></div>\
             <div class=\"post-body post-content\">The club paid the release fee this morning to \
             sign the goalkeeper from the northern side.<br> <br>His move frees the transfer of \
             the current keeper to the capital.<br><br>He will undergo a medical at the stadium \
             today before the deal is announced.<br><br>The 23-year-old flew in yesterday \
             evening and will spend the day completing the formalities.</div>\
             <div class=\"post-footer\">Tags: sport</div></body></html>";
        let t = extract(html, None).map(|p| p.text).unwrap_or_default();
        for s in [
            "The club paid the release fee this morning",
            "His move frees the transfer",
            "He will undergo a medical",
            "The 23-year-old flew in yesterday",
        ] {
            assert!(t.contains(s), "{s}: {t}");
        }
        // Each line a paragraph of its own (patch 9: one line per paragraph).
        assert!(t.contains("northern side.\nHis move"), "{t:?}");
    }

    #[test]
    fn a_related_posts_box_made_of_links_is_dropped() {
        // Long enough to pass the size limit of the old link-density test, nearly all links.
        let items: String = (1..=6)
            .map(|i| {
                format!(
                    "<li><a href=\"/post-{i}\">How to change the keyboard shortcut of desktop \
                     application number {i}</a></li>"
                )
            })
            .collect();
        let html = format!(
            "<html><head><title>Budget</title></head><body><article>{}\
             <div class=\"similar\"><ul>{items}</ul></div></article></body></html>",
            paragraphs_html("The council published its draft budget for the coming year.")
        );
        let t = extract(&html, None).map(|p| p.text).unwrap_or_default();
        assert!(t.contains("The council published its draft budget"), "{t}");
        assert!(!t.contains("desktop application number"), "{t}");
    }

    #[test]
    fn a_newsletter_box_inside_the_article_is_dropped() {
        let html = format!(
            "<html><head><title>Budget</title></head><body><article>{}\
             <div class=\"newsletter-signup\"><p>Let our news meet your inbox. The news and \
             stories that matter, delivered weekday mornings.</p></div></article></body></html>",
            paragraphs_html("The council published its draft budget for the coming year.")
        );
        let t = extract(&html, None).map(|p| p.text).unwrap_or_default();
        assert!(t.contains("The council published its draft budget"), "{t}");
        assert!(!t.contains("Let our news meet your inbox"), "{t}");
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
