//! The discussion sentence ("For discussion click here and scroll down to
//! highlighted heading.", "Discussion in bite’s Issues section.", "Discussion
//! in cell C2.") and its conversion into `discussion` ids.
//!
//! A link target that names a heading (`#is-it-best-to-busk-it`, a cell
//! page's URL with a fragment) decides by itself. Published pages mostly
//! carry bare `#` targets, and then the heading is the one whose text best
//! matches the entry (see [`super::matching`]): the bite refers back to the
//! studies it discusses in their own words.

use std::sync::LazyLock;

use regex::Regex;

use super::matching::{self, Query, Section};
use crate::markdown;
use crate::registry::Registry;

/// Where the sentence says the discussion is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Scope {
    /// Any heading of this cell's bite.
    Any,
    /// One of this cell's bite issues.
    Issues,
    /// A fixed section of this cell's bite (`about`, `start`, `highlighted`).
    Section(&'static str),
    /// Another cell's bite: its id and the matrix name printed after it.
    Cell { cell: String, matrix: Option<String> },
}

/// A discussion sentence taken out of an annotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Request {
    /// The sentence as printed, put back when no heading can be found.
    pub sentence: String,
    /// What it points at.
    pub scope: Scope,
    /// One slot per "here" link, with its target if it is a link.
    pub targets: Vec<Option<String>>,
    /// A second section the sentence names ("Highlighted study and Issues sections").
    pub also: Option<Scope>,
}

/// A bite section's name as sentences print it.
const SECTION_NAME: &str = r"Issues(?:\s+to\s+consider(?:\s+and\s+discuss)?)?|Highlighted\s+study|Where\s+should\s+I\s+start\??|What\s+is\s+this\s+cell\s+about\??";

/// "For [related ]discussion[s] click [here[ and here…]] and scroll down to
/// highlighted heading[s][ in bite’s Issues section]." The tail names the
/// section the heading is in; left out of the match it stayed in the text,
/// garbled ("…at all. in bite’s Issues section.").
static CLICK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)\(?\bFor\s+(?:related\s+|further\s+)?discussions?\b(?P<mid>.*?)\bscroll\s+down\s+to\s+(?:the\s+)?highlighted\s+headings?\b(?:\s+in\s+(?:the\s+)?(?:Matrix\s+)?bite(?:[’']s)?\s+(?P<tail>{SECTION_NAME})\s+sections?\b)?\s*\.?\)?"))
        .expect("valid discussion regex")
});

/// "Discussion in bite’s Issues section.", "… Highlighted study and Issues sections."
static SECTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)\(?\bDiscussion\s+in\s+(?:the\s+)?(?:Matrix\s+)?bite(?:[’']s)?\s+(?P<sec>{SECTION_NAME})(?:\s+and\s+(?P<sec2>{SECTION_NAME}))?\s+sections?\b\s*\.?\)?"))
        .expect("valid discussion regex")
});

/// "Discussion in cell C2." with an optional link and "of the … Matrix".
static OTHER_CELL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\(?\b(?:For\s+)?Discussions?\s+in\s+\[?cell\s+(?P<cell>[a-z][0-9])\]?(?:\([^()\s]*\))?(?:\s+of\s+the\s+(?P<matrix>[a-z][a-z ]*?\s+Matrix))?\s*\.?\)?")
        .expect("valid discussion regex")
});

/// `…/matrix-bite/<matrix>-<CELL>[/<id>]`, the address of a bite heading.
static BITE_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"matrix-bite/(?P<matrix>[a-z0-9-]+?)-(?P<cell>[A-Z][0-9])(?:/(?P<id>[a-z0-9-]+))?")
        .expect("valid regex")
});

static CELL_PAGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?P<path>[A-Za-z0-9_/-]+)/(?P<cell>[A-Z][0-9])\.html?").expect("valid regex"));

/// Takes the discussion sentence out of `text`: the text without it, and the request.
pub(crate) fn extract(text: &str) -> (String, Option<Request>) {
    let found = [&*CLICK, &*SECTION, &*OTHER_CELL]
        .into_iter()
        .filter_map(|re| re.captures(text))
        .min_by_key(|c| c.get(0).map_or(usize::MAX, |m| m.start()));
    let Some(caps) = found else { return (text.trim().to_owned(), None) };
    let Some(whole) = caps.get(0) else { return (text.trim().to_owned(), None) };
    let sentence = whole.as_str().trim().to_owned();
    let request = if let Some(mid) = caps.name("mid") {
        let links = markdown::scan(mid.as_str()).links;
        let targets: Vec<Option<String>> = if links.is_empty() {
            vec![None; mid.as_str().matches("here").count().max(1)]
        } else {
            links.iter().map(|l| Some(mid.as_str()[l.target.clone()].trim().to_owned())).collect()
        };
        // "… heading in bite’s Issues section": the open slots are issues.
        let scope = match caps.name("tail").map(|t| section_scope(t.as_str())) {
            Some(Scope::Issues) => Scope::Issues,
            _ => Scope::Any,
        };
        Request { sentence, scope, targets, also: None }
    } else if let Some(sec) = caps.name("sec") {
        let also = caps.name("sec2").map(|s| section_scope(s.as_str()));
        Request { sentence, scope: section_scope(sec.as_str()), targets: vec![None], also }
    } else {
        let cell = caps.name("cell").map_or(String::new(), |c| c.as_str().to_ascii_uppercase());
        let matrix = caps.name("matrix").map(|m| m.as_str().trim().to_owned());
        Request { sentence, scope: Scope::Cell { cell, matrix }, targets: vec![None], also: None }
    };
    let rest = format!("{} {}", text[..whole.start()].trim_end(), text[whole.end()..].trim_start());
    (rest.trim().to_owned(), Some(request))
}

/// The scope a section's printed name stands for.
fn section_scope(name: &str) -> Scope {
    let name = name.to_ascii_lowercase();
    if name.starts_with("issues") {
        Scope::Issues
    } else if name.starts_with("highlighted") {
        Scope::Section("highlighted")
    } else if name.starts_with("where") {
        Scope::Section("start")
    } else {
        Scope::Section("about")
    }
}

/// The cell being imported and its bite, for resolving requests.
#[derive(Debug)]
pub(crate) struct Context<'a> {
    /// The matrices.
    pub registry: &'a Registry,
    /// This cell's matrix id.
    pub matrix: &'a str,
    /// This cell's id.
    pub cell: &'a str,
    /// This cell's bite headings in order, with their paragraphs.
    pub sections: &'a [Section],
    /// The same headings stemmed once for matching.
    pub index: &'a matching::Index,
}

/// The `discussion` ids for `request` made by the entry `query`; empty when
/// no heading can be found.
pub(crate) fn resolve(request: &Request, query: &Query, cx: &Context<'_>) -> Vec<String> {
    let mut ids = resolve_one(request, query, cx);
    if let Some(also) = &request.also {
        let second = Request { scope: also.clone(), targets: vec![None], also: None, sentence: String::new() };
        for id in resolve_one(&second, query, cx) {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    ids
}

fn resolve_one(request: &Request, query: &Query, cx: &Context<'_>) -> Vec<String> {
    let mut local: Vec<usize> = Vec::new();
    let mut remote: Vec<String> = Vec::new();
    let mut open = 0usize;
    match &request.scope {
        Scope::Section(key) => local.extend(cx.sections.iter().position(|s| s.id == *key)),
        Scope::Cell { cell, matrix } => {
            let matrix = matrix.as_deref().and_then(|m| cx.registry.by_name(m)).map_or(cx.matrix, |m| m.id.as_str());
            if matrix == cx.matrix && cell == cx.cell {
                open = 1;
            } else {
                remote.push(qualified(cx, matrix, cell, None));
            }
        }
        Scope::Any | Scope::Issues => {
            for target in &request.targets {
                match target.as_deref().map(|t| from_target(t, cx)) {
                    Some(Some(Resolved::Local(i))) => local.push(i),
                    Some(Some(Resolved::Remote(id))) => remote.push(id),
                    _ => open += 1,
                }
            }
        }
    }
    if open > 0 {
        let issues_only = request.scope == Scope::Issues;
        let ranked = matching::rank(query, cx.index, |issue| !issues_only || issue);
        let fill: Vec<usize> = ranked.into_iter().filter(|i| !local.contains(i)).take(open).collect();
        local.extend(fill);
    }
    local.sort_unstable();
    local.dedup();
    let mut ids: Vec<String> = local.into_iter().filter_map(|i| cx.sections.get(i).map(|s| s.id.clone())).collect();
    for id in remote {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}

enum Resolved {
    Local(usize),
    Remote(String),
}

/// What a link target names: a heading of this bite or another cell's bite.
fn from_target(target: &str, cx: &Context<'_>) -> Option<Resolved> {
    let (base, fragment) = target.split_once('#').unwrap_or((target, ""));
    let fragment = (!fragment.trim().is_empty()).then(|| fragment.trim().to_owned());
    let (matrix, cell, fragment) = if base.trim().is_empty() {
        (cx.matrix.to_owned(), cx.cell.to_owned(), fragment)
    } else if let Some(c) = BITE_URL.captures(base) {
        let id = c.name("id").map(|m| m.as_str().to_owned()).or(fragment);
        (group(&c, "matrix"), group(&c, "cell"), id)
    } else {
        let c = CELL_PAGE.captures(base)?;
        let path = c.name("path").map_or("", |m| m.as_str());
        let m = cx.registry.matrices.iter().find(|m| m.site_path.as_deref().is_some_and(|p| path.ends_with(p)))?;
        (m.id.clone(), group(&c, "cell"), fragment)
    };
    if matrix == cx.matrix && cell == cx.cell {
        let id = fragment?;
        return cx.sections.iter().position(|s| s.id == id).map(Resolved::Local);
    }
    Some(Resolved::Remote(qualified(cx, &matrix, &cell, fragment.as_deref())))
}

fn group(caps: &regex::Captures<'_>, name: &str) -> String {
    caps.name(name).map_or(String::new(), |m| m.as_str().to_owned())
}

/// Another cell's bite as a `discussion` item: with a heading always as
/// `matrix/CELL#id`; a whole bite in the same matrix as plain `CELL`.
fn qualified(cx: &Context<'_>, matrix: &str, cell: &str, id: Option<&str>) -> String {
    match id {
        Some(id) => format!("{matrix}/{cell}#{id}"),
        None if matrix == cx.matrix => cell.to_owned(),
        None => format!("{matrix}/{cell}"),
    }
}

#[cfg(test)]
mod tests;
