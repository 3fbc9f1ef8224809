//! The page as paragraphs: lines grouped at blank lines, with the site's
//! navigation, legend and download boilerplate dropped.
//!
//! Boilerplate is recognised line by line rather than paragraph by paragraph
//! because the published layout runs some of it together (the tier legend and
//! "Links to other documents…" share a paragraph in the seed). The furniture
//! of every layout seen is dropped: the seed's menus, the 2019–21 pages'
//! funders, matrix menu and home-page link, the Matrix Bite e-mails' banner.

use std::sync::LazyLock;

use regex::Regex;

use crate::markdown;

/// What a paragraph is, before any reading of its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Text to place.
    Text,
    /// "Close Matrix Bite": the entries end here (before the bite) or the bite ends here.
    CloseBite,
}

/// One paragraph of the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Para {
    /// The 1-based line of the page the paragraph starts on.
    pub line: usize,
    /// The paragraph's lines joined with single spaces.
    pub text: String,
    /// Text or a structural marker.
    pub kind: Kind,
}

impl Para {
    /// A text paragraph.
    pub(crate) fn text(line: usize, text: impl Into<String>) -> Self {
        Self { line, text: text.into(), kind: Kind::Text }
    }
}

/// Splits `page` into paragraphs at blank lines and drops boilerplate lines.
/// A dropped line also ends the paragraph it was in, and a line for which
/// `opens` holds (an entry, an issue, a bite heading) starts a new one even
/// without a blank line before it. `alone` says how many lines, from this
/// one, stand each as a paragraph of their own (a heading, and the subtitle
/// on the line after a "Matrix cell logo" heading), so that pages with single
/// line breaks do not run them into the text that follows.
pub(crate) fn paragraphs(page: &str, opens: impl Fn(&str) -> bool, alone: impl Fn(&str) -> usize) -> Vec<Para> {
    let page = page.strip_prefix('\u{feff}').unwrap_or(page);
    let mut out = Vec::new();
    let mut current: Option<Para> = None;
    let mut single = 0usize;
    for (index, raw) in page.split('\n').enumerate() {
        let line = raw.trim();
        let plain = plain_line(line);
        if line.is_empty() || is_boilerplate(&plain) {
            out.extend(current.take());
            continue;
        }
        single = single.saturating_sub(1).max(alone(line));
        if single > 0 {
            out.extend(current.take());
            out.push(Para::text(index + 1, line));
            continue;
        }
        if is_close_bite(&plain) {
            out.extend(current.take());
            out.push(Para { line: index + 1, text: line.to_owned(), kind: Kind::CloseBite });
            continue;
        }
        if opens(line) {
            out.extend(current.take());
        }
        match current.as_mut() {
            Some(p) => {
                p.text.push(' ');
                p.text.push_str(line);
            }
            None => current = Some(Para::text(index + 1, line)),
        }
    }
    out.extend(current);
    out
}

/// The line without link and emphasis markup, for matching fixed phrases.
fn plain_line(line: &str) -> String {
    markdown::plain(line).0.trim().to_owned()
}

fn is_close_bite(plain: &str) -> bool {
    plain.eq_ignore_ascii_case("Close Matrix Bite")
}

/// Whole lines of the 2019–21 layout's sidebar and of the Matrix Bite e-mails.
static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            [0-9]{4}/[0-9]{2}\s+update\s+funded\s+by
          | (?:previously\s+also\s+|development\s+also\s+)?funded\s+by
          | developed\s+with
          | includes\s+(?:brief\s+interventions|harm\s+reduction)
          | about\s+the\s+matrices
          | effectiveness\s+bank\s+matrices
          | articles,\s+slides,?\s+and\s+video
          | comment/query
          | matrix\s+cell
          | alcohol\s+change\s+uk
          | society\s+for\s+the\s+study\s+of\s+addiction(?:\s+web\s+site)?
          | the\s+national\s+charity\s+working | to\s+end\s+alcohol\s+harm\s+through | evidence-driven\s+change
          | (?:effectiveness\s+bank\s+)?(?:alcohol|drugs?)\s+(?:treatment\s+)?matrix
          | one\s+of\s+[0-9]+\s+cells\s+in\s+the\s+.+\s+matrix\s+cell\s+logo
        )$",
    )
    .expect("valid furniture regex")
});

/// Lines of furniture recognised by how they start: the home-page link (and
/// whatever the layout ran into it: "…Opens new windowMatrix cell Supported by…"),
/// the e-mails' logo and supporters.
const FURNITURE_STARTS: [&str; 3] = ["effectiveness bank home page", "drug and alcohol findings logo", "supported by "];

/// The site's furniture: nothing here belongs to the cell.
fn is_boilerplate(plain: &str) -> bool {
    const EXACT: [&str; 4] = ["Send email for updates", "About updates", "DOWNLOAD PDF", "for saving to your computer"];
    if EXACT.iter().any(|e| plain.eq_ignore_ascii_case(e)) || FURNITURE.is_match(plain) {
        return true;
    }
    let lower = plain.to_lowercase();
    if FURNITURE_STARTS.iter().any(|s| lower.starts_with(s)) || lower.ends_with("opens new window") {
        return true;
    }
    // A sponsor's logo and its name: "<Name> web site <Name>".
    if let Some((before, after)) = plain.split_once(" web site ")
        && before.trim() == after.trim()
    {
        return true;
    }
    // The menu: "▶ Title and link for copying ▶ Comment/query to editor ▶ …", the
    // same without ▶, and "Copy title and link | Comment/query | …".
    let menu = (plain.starts_with('▶') || plain.starts_with("Title and link for copying"))
        && (plain.contains("Title and link for copying") || plain.contains("Comment/query to editor"))
        || plain.starts_with("Copy title and link |");
    // The tier legend: "S Seminal studies K Key studies R Reviews …".
    let legend =
        plain.starts_with("S Seminal studies") || (plain.contains("Seminal studies") && plain.contains("Key studies"));
    // "Links to other documents. Hover over for notes. Click to highlight …".
    let links_help = plain.starts_with("Links to other documents.");
    menu || legend || links_help
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boilerplate_is_dropped_and_paragraphs_keep_their_first_line() {
        let page = "\n\nSend email for updates\n\n [About updates](#)\n\n▶ Title and link for copying ▶ Comment/query to editor ▶ Tweet\n\nS Seminal studies **K** Key studies **R** Reviews\n Links to other documents. **Hover over** for notes.\n\nDOWNLOAD PDF\nfor saving to your computer\n\nDrug Matrix cell B2: x\n\nfirst line\nsecond line\n \n **Close Matrix Bite** \nafter";
        let paras = paragraphs(page, |_| false, |_| 0);
        let got: Vec<(usize, &str, Kind)> = paras.iter().map(|p| (p.line, p.text.as_str(), p.kind)).collect();
        assert_eq!(
            got,
            vec![
                (15, "Drug Matrix cell B2: x", Kind::Text),
                (17, "first line second line", Kind::Text),
                (20, "**Close Matrix Bite**", Kind::CloseBite),
                (21, "after", Kind::Text),
            ]
        );
    }

    #[test]
    fn the_sidebar_of_the_current_layout_is_dropped() {
        let page = "2020/21 update funded by\n\nAlcohol Change UK web site. Opens new Window\n\nAlcohol Change UK\n\nPreviously also funded by\nSociety for the Study of Addiction web site Society for the Study of Addiction\nDeveloped with\nEffectiveness Bank Drug Treatment Matrix\nIncludes harm reduction\nAbout the matrices\nArticles, slides, and video\nComment/query\nEffectiveness bank home page. Opens new windowMatrix cell Supported by a funder\nkept";
        assert_eq!(paragraphs(page, |_| false, |_| 0), vec![Para::text(16, "kept")]);
    }

    #[test]
    fn lines_standing_alone_end_and_start_paragraphs() {
        let alone = |l: &str| if l == "HEAD" { 2 } else { 0 };
        let paras = paragraphs("before\nHEAD\nsubtitle\nsummary\nmore summary", |_| false, alone);
        assert_eq!(
            paras,
            vec![
                Para::text(1, "before"),
                Para::text(2, "HEAD"),
                Para::text(3, "subtitle"),
                Para::text(4, "summary more summary")
            ]
        );
    }

    #[test]
    fn crlf_and_bom_are_tolerated() {
        let paras = paragraphs("\u{feff}one\r\ntwo\r\n\r\nthree", |_| false, |_| 0);
        assert_eq!(paras, vec![Para::text(1, "one two"), Para::text(4, "three")]);
    }

    #[test]
    fn an_opening_line_starts_a_paragraph_without_a_blank_line() {
        let paras = paragraphs("heading\nK entry\nwrapped", |l| l.starts_with("K "), |_| 0);
        assert_eq!(paras, vec![Para::text(1, "heading"), Para::text(2, "K entry wrapped")]);
    }
}
