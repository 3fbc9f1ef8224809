//! `dead-link`: a URL that the link audit (`matrixlint links`) found failing.

declare_rule! {
    /// ## What it does
    /// Reported by `matrixlint links`, not by `check`: an entry's `url`, its
    /// `free_source` or a Markdown link in prose that no longer answers.
    /// Each distinct URL is fetched once (HEAD, then GET when the server
    /// refuses HEAD) and ends in one class: `ok`, `redirected`, `broken`,
    /// `blocked`, `rate-limited`, `timeout`, `network` or `excluded`. A
    /// `broken` link (404, 410, another 4xx, an unknown host name, a redirect
    /// loop) is an error only once it has failed in consecutive audits
    /// (`links.failures-before-dead`, default 2); before that it is "newly
    /// broken", a warning. A permanent redirect is a warning naming the new
    /// address. The other classes are warnings by default, since they say
    /// nothing certain about the link; `links.policy` sets each class's action.
    ///
    /// A status code does not tell everything, so a finding names its reason:
    /// a site that answers a removed page with its "not found" page and a 200
    /// (a soft 404), a redirect to the site's home page, a DOI the DOI system
    /// does not know. With `--suggest` it also names the web archive's copy
    /// closest to the last time the link worked.
    ///
    /// Findings go through the same pass as `check`'s: `rules: { dead-link:
    /// warning }` and `overrides` set their level (a link used in several files
    /// takes the highest level left), and `# matrixlint: ignore[dead-link]
    /// reason` on the URL's line suppresses it (`check` never calls such a
    /// suppression unused).
    ///
    /// ## Why is this bad?
    /// "Free source at time of writing" links and publishers' pages move or
    /// vanish quietly; readers of the matrices then meet a dead end, and an
    /// outdated address that still redirects will break when the redirect goes.
    ///
    /// ## Example
    /// ```yaml
    /// free_source: "https://www.example.org/old/baldwin-2012.pdf"   # 404 for two audits
    /// ```
    /// Use instead the document's current address, or remove the field:
    /// ```yaml
    /// free_source: "https://www.example.org/papers/baldwin-2012.pdf"
    /// ```
    name: "dead-link", code: "ML500", severity: Error, fixable: false,
    summary: "A link that the link audit found dead (or, as a warning, redirected or failing).",
    check: None,
}
