//! PubMed's efetch XML: `CommentsCorrections` (`RetractionIn`,
//! `ExpressionOfConcernIn`, `ErratumIn`, `UpdateIn`, and `RetractionOf` on
//! a notice), `PublicationType` ("Retracted Publication") and the year.
//! One request asks for many PMIDs (`id=1,2,3`).

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::status::{Notice, NoticeKind, RegistryDate, Status, Version};

/// PMIDs per efetch request.
pub(crate) const BATCH: usize = 200;

/// The efetch request for `pmids` at `base`.
#[must_use]
pub(crate) fn query(base: &str, pmids: &[String], email: Option<&str>) -> Option<reqwest::Url> {
    let mut url = reqwest::Url::parse(&format!("{}/efetch.fcgi", base.trim_end_matches('/'))).ok()?;
    url.query_pairs_mut()
        .append_pair("db", "pubmed")
        .append_pair("id", &pmids.join(","))
        .append_pair("retmode", "xml")
        .append_pair("tool", "matrixlint");
    if let Some(email) = email {
        url.query_pairs_mut().append_pair("email", email);
    }
    Some(url)
}

/// One `CommentsCorrections` being read.
#[derive(Default)]
struct Comment {
    ref_type: String,
    source: String,
    pmid: Option<String>,
}

/// Reads an efetch answer: each PMID found with what PubMed says of it.
///
/// # Errors
/// Not a `PubmedArticleSet` document, in words.
pub(crate) fn parse(body: &[u8]) -> Result<HashMap<String, Status>, String> {
    let text = String::from_utf8_lossy(body);
    let mut reader = Reader::from_str(&text);
    let mut path: Vec<String> = Vec::new();
    let mut out = HashMap::new();
    let mut current: Option<(Option<String>, Status)> = None;
    let mut comment: Option<Comment> = None;
    let mut text_buf = String::new();
    let mut seen_set = false;
    loop {
        let event = reader.read_event().map_err(|e| format!("PubMed's answer is not XML: {e}"))?;
        match event {
            Event::Start(e) => {
                let name = e.name().as_ref().to_owned();
                match name.as_str() {
                    "PubmedArticleSet" => seen_set = true,
                    "PubmedArticle" => current = Some((None, Status::default())),
                    "CommentsCorrections" => {
                        let ref_type = e
                            .try_get_attribute("RefType")
                            .ok()
                            .flatten()
                            .map(|a| a.value.into_owned())
                            .unwrap_or_default();
                        comment = Some(Comment { ref_type, ..Comment::default() });
                    }
                    _ => {}
                }
                path.push(name);
                text_buf.clear();
            }
            Event::Text(t) => text_buf.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => text_buf.push_str(match &*r {
                "amp" => "&",
                "lt" => "<",
                "gt" => ">",
                "quot" => "\"",
                "apos" => "'",
                _ => "",
            }),
            Event::End(_) => {
                let name = path.pop().unwrap_or_default();
                let parent = path.last().map_or("", String::as_str);
                let value = text_buf.trim().to_owned();
                text_buf.clear();
                if let Some(c) = comment.as_mut() {
                    match name.as_str() {
                        "RefSource" => c.source = value.clone(),
                        "PMID" => c.pmid = Some(value.clone()),
                        _ => {}
                    }
                }
                let Some((pmid, status)) = current.as_mut() else { continue };
                match (name.as_str(), parent) {
                    ("PMID", "MedlineCitation") => *pmid = Some(value),
                    ("PublicationType", _) if value.eq_ignore_ascii_case("Retracted Publication") => {
                        status.add_notice(Notice {
                            kind: NoticeKind::Retraction,
                            label: value,
                            doi: None,
                            pmid: None,
                            date: None,
                            source: "pubmed".into(),
                            is_the_notice: false,
                        });
                    }
                    ("Year", "PubDate") if path.iter().any(|p| p == "JournalIssue") => {
                        if let Ok(year) = value.parse() {
                            status.dates.push(RegistryDate { what: "PubMed".into(), year, date: value });
                        }
                    }
                    ("CommentsCorrections", _) => {
                        if let Some(c) = comment.take() {
                            add_comment(status, c);
                        }
                    }
                    ("PubmedArticle", _) => {
                        if let Some((Some(pmid), status)) = current.take() {
                            out.insert(pmid, status);
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !seen_set {
        return Err("PubMed's answer has no PubmedArticleSet".into());
    }
    Ok(out)
}

fn add_comment(status: &mut Status, c: Comment) {
    let (kind, is_the_notice) = match c.ref_type.as_str() {
        "RetractionIn" | "PartialRetractionIn" => (NoticeKind::Retraction, false),
        "RetractionOf" | "PartialRetractionOf" => (NoticeKind::Retraction, true),
        "ExpressionOfConcernIn" => (NoticeKind::ExpressionOfConcern, false),
        "ErratumIn" => (NoticeKind::Correction, false),
        "UpdateIn" => {
            status.add_version(Version { doi: None, pmid: c.pmid, year: year_in(&c.source), via: "pubmed".into() });
            return;
        }
        _ => return,
    };
    let label = format!("{} {}", c.ref_type, c.source).trim().to_owned();
    let date = year_in(&c.source).map(|y| y.to_string());
    status.add_notice(Notice { kind, label, doi: None, pmid: c.pmid, date, source: "pubmed".into(), is_the_notice });
}

/// The year in a `RefSource` (`Addiction. 2020 Jan;115(1):1`).
fn year_in(source: &str) -> Option<i64> {
    source
        .split(|c: char| !c.is_ascii_digit())
        .find(|w| w.len() == 4 && (w.starts_with("19") || w.starts_with("20")))
        .and_then(|w| w.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_corrections_and_publication_types() {
        let xml = br#"<?xml version="1.0" ?>
<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN" "x.dtd">
<PubmedArticleSet>
<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM"><PMID Version="1">111</PMID>
<Article><Journal><JournalIssue><PubDate><Year>2012</Year><Month>May</Month></PubDate></JournalIssue></Journal>
<PublicationTypeList><PublicationType UI="D016428">Journal Article</PublicationType><PublicationType UI="D016441">Retracted Publication</PublicationType></PublicationTypeList>
</Article>
<CommentsCorrectionsList>
<CommentsCorrections RefType="RetractionIn"><RefSource>Some J. 2020 Jan;1(2):3 &amp; more</RefSource><PMID Version="1">999</PMID></CommentsCorrections>
<CommentsCorrections RefType="UpdateIn"><RefSource>Some J. 2018;4:5</RefSource><PMID Version="1">888</PMID></CommentsCorrections>
<CommentsCorrections RefType="CommentIn"><RefSource>x</RefSource><PMID Version="1">777</PMID></CommentsCorrections>
</CommentsCorrectionsList></MedlineCitation></PubmedArticle>
<PubmedArticle><MedlineCitation><PMID Version="1">222</PMID></MedlineCitation></PubmedArticle>
</PubmedArticleSet>"#;
        let found = parse(xml).unwrap();
        let a = &found["111"];
        assert_eq!(a.notices.len(), 2, "the publication type and the RetractionIn: {:?}", a.notices);
        let linked = a.notices.iter().find(|n| n.pmid.is_some()).unwrap();
        assert_eq!(
            (linked.kind, linked.pmid.as_deref(), linked.date.as_deref()),
            (NoticeKind::Retraction, Some("999"), Some("2020"))
        );
        assert_eq!(linked.label, "RetractionIn Some J. 2020 Jan;1(2):3 & more");
        assert_eq!(a.newer.as_ref().map(|v| (v.pmid.as_deref(), v.year)), Some((Some("888"), Some(2018))));
        assert_eq!(a.dates[0].year, 2012);
        assert_eq!(found["222"], Status::default());
        assert!(parse(b"{\"json\": true}").is_err());
        assert!(parse(b"<html><body>error</body></html>").is_err());
    }
}
