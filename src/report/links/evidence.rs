//! The "Evidence" section of the link audit's HTML page, shown when the
//! history database holds the evidence audit's answers: both matrices as
//! grids (the evidence report's own renderer), each cell coloured by its
//! worst open problem among the cached evidence findings and this audit's
//! dead links, then those problems cell by cell and the date of the answers.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::headline;
use super::html::esc;
use crate::config::links::Action;
use crate::diagnostic::Diagnostic;
use crate::evidence::audit::EvidenceAudit;
use crate::links::audit::{Audit, State};
use crate::registry::Registry;
use crate::report::evidence::html::{Anchors, by_cell, cell_of, grid, legend, problems, unknown};
use crate::rules::dead_link;

pub(super) use crate::report::evidence::html::GRID_STYLE as STYLE;

/// What the last evidence audits learnt, read from the history (no request).
#[derive(Debug)]
pub struct EvidenceSection {
    /// The audit rebuilt from the cached answers.
    pub audit: EvidenceAudit,
    /// Its findings, levels and suppressions applied.
    pub diagnostics: Vec<Diagnostic>,
}

/// The section's ids start with `evidence-`, clear of the page's own.
const AT: Anchors<'static> = Anchors { prefix: "evidence-", heading: "h3" };

/// Renders the section.
#[must_use]
pub(super) fn html(section: &EvidenceSection, audit: &Audit, base: &str) -> String {
    // Each place of a dead link the audit still reports (levels and suppressions applied).
    let dead: Vec<Diagnostic> = audit
        .results
        .iter()
        .filter(|r| matches!(r.state, State::Dead { .. }) && r.action != Action::Ignore)
        .flat_map(|r| {
            let message = headline(r, audit);
            r.target.places.iter().map(move |p| Diagnostic::new(&dead_link::INFO, &p.file, p.span, message.clone()))
        })
        .collect();
    let entries = &section.audit.entries;
    let cells = by_cell(entries, section.diagnostics.iter().chain(&dead));
    // An entry with an identifier the evidence audit never answered for is not known to be clean.
    let never = |c: &&crate::evidence::audit::Checked| c.entry.identified() && c.answered.is_none();
    let why = |c: &crate::evidence::audit::Checked| {
        if c.status.unknown.is_empty() { "no evidence answer yet".to_owned() } else { c.status.unknown.join("; ") }
    };
    let unsure: Vec<_> = entries.iter().filter(|c| !c.status.unknown.is_empty() || never(c)).collect();
    let unknown_cells: BTreeSet<_> = unsure.iter().map(|c| cell_of(c)).collect();
    let dates: BTreeSet<String> =
        entries.iter().filter_map(|c| c.answered).map(|t| t.strftime("%Y-%m-%d").to_string()).collect();
    let when = match (dates.first(), dates.last()) {
        (Some(a), Some(b)) if a != b => format!("answers of {a} to {b}"),
        (Some(a), _) => format!("answers of {a}"),
        _ => String::new(),
    };
    let mut out = String::from("<section id=\"evidence\">\n<h2>Evidence</h2>\n");
    let _ = writeln!(
        out,
        "<p class=\"note\">The evidence audit's {} (<code>matrixlint evidence</code>, kept in the link history) with this audit's dead links: each cell coloured by its worst open problem.</p>",
        esc(&when)
    );
    legend(&mut out);
    out.push_str("<div class=\"grids\">\n");
    for m in &Registry::default().matrices {
        grid(&mut out, m, &cells, &unknown_cells, AT);
    }
    out.push_str("</div>\n");
    problems(&mut out, &cells, base, AT);
    unknown(&mut out, unsure.iter().map(|c| (c.entry.place(), why(c))), AT);
    out.push_str("</section>\n");
    out
}
