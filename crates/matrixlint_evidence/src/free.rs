//! Whether a free source still gives the document: a PDF does; an error,
//! a login, a paywall or a "purchase access" page does not. A page that
//! is none of those is given the benefit of the doubt.

use reqwest::header::CONTENT_TYPE;

use super::audit::FreeCheck;
use crate::links::BodyAnswer;

/// Words of pages that stand in front of a document, lowercase.
const GATE_WORDS: [&str; 9] = [
    "type=\"password\"",
    "type='password'",
    "sign in to",
    "log in to",
    "login required",
    "purchase access",
    "buy this article",
    "subscribe to read",
    "institutional access",
];

/// Path words of login pages.
const LOGIN_PATHS: [&str; 5] = ["login", "signin", "sign-in", "/auth", "sso"];

/// Judges an answer.
#[must_use]
pub(crate) fn judge(a: &BodyAnswer) -> FreeCheck {
    let media = a
        .headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or("").trim().to_ascii_lowercase())
        .unwrap_or_default();
    if a.status >= 400 {
        return FreeCheck { document: false, detail: format!("it answers {}", a.status) };
    }
    let path = a.url.path().to_ascii_lowercase();
    if let Some(word) = LOGIN_PATHS.iter().find(|w| path.contains(*w)) {
        return FreeCheck { document: false, detail: format!("it leads to a login page ({}, `{word}`)", a.url) };
    }
    if media == "application/pdf" || a.body.starts_with(b"%PDF-") {
        return FreeCheck { document: true, detail: "it answers with a PDF".into() };
    }
    let text = String::from_utf8_lossy(&a.body).to_ascii_lowercase();
    if let Some(word) = GATE_WORDS.iter().find(|w| text.contains(*w)) {
        return FreeCheck { document: false, detail: format!("it answers with a login or paywall page (`{word}`)") };
    }
    FreeCheck { document: true, detail: format!("it answers {} with a page", a.status) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::{HeaderMap, HeaderValue};

    fn answer(status: u16, url: &str, media: &str, body: &[u8]) -> BodyAnswer {
        let mut headers = HeaderMap::new();
        headers.insert(CONTENT_TYPE, HeaderValue::from_str(media).unwrap());
        BodyAnswer { status, headers, body: body.to_vec(), url: url.parse().unwrap(), requests: 1 }
    }

    #[test]
    fn documents_and_gates() {
        assert!(judge(&answer(200, "https://x.org/a.pdf", "application/pdf", b"%PDF-1.7")).document);
        assert!(judge(&answer(200, "https://x.org/a", "text/html", b"<h1>Full text</h1>")).document);
        let login = judge(&answer(200, "https://x.org/a", "text/html", b"<form><input type=\"password\"></form>"));
        assert!(!login.document);
        assert!(login.detail.contains("login or paywall"), "{}", login.detail);
        assert!(!judge(&answer(200, "https://x.org/account/login?next=a", "text/html", b"")).document);
        assert!(!judge(&answer(403, "https://x.org/a", "text/html", b"")).document);
    }
}
