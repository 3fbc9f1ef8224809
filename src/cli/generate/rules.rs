//! One page per rule from the registry (the same text `matrixlint explain`
//! prints), and an index of them all.

use std::fmt::Write as _;

use matrixlint_engine::rules::RULES;

use super::{GENERATED, Page};

pub(super) fn pages() -> Vec<Page> {
    let mut index = format!(
        "{GENERATED}\n# Rules\n\nEvery rule matrixlint runs, with its code and default severity. \
         Set a rule's level under `rules:` in `matrixlint.yaml` \
         ([settings](../reference/settings.md)), silence one finding with a \
         [suppression](../suppressions-and-fixes.md), or print a page in the terminal with \
         `matrixlint explain <rule>`.\n\n\
         | code | rule | default severity | fix | summary |\n| --- | --- | --- | --- | --- |\n"
    );
    let mut pages = Vec::with_capacity(RULES.len() + 1);
    for rule in RULES {
        let info = rule.info;
        let fix = if info.fixable { "yes" } else { "" };
        let _ = writeln!(
            index,
            "| {} | [`{}`]({}.md) | {} | {fix} | {} |",
            info.code,
            info.name,
            info.name,
            info.severity.as_str(),
            table_cell(info.summary)
        );
        let fix_line = if info.fixable {
            "`matrixlint check --fix` repairs it (and the editor offers the same quick fix)."
        } else {
            "Fixed by hand: the finding's help line says what to change."
        };
        let text = format!(
            "{GENERATED}\n# `{name}` ({code})\n\n{summary}\n\n\
             - Default severity: {severity}\n- Fix: {fix_line}\n- Explain: `matrixlint explain {name}`\n\n{docs}\n",
            name = info.name,
            code = info.code,
            summary = info.summary,
            severity = info.severity.as_str(),
            docs = info.markdown(),
        );
        pages.push(Page { path: format!("rules/{}.md", info.name).into(), text });
    }
    pages.push(Page { path: "rules/index.md".into(), text: index });
    pages
}

/// Text made safe inside a Markdown table cell.
fn table_cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}
