//! The chart of the HTML report: one stacked bar per audit, a band per
//! class, drawn as inline SVG (readable without JavaScript, printable).

use std::fmt::Write as _;

use super::html::esc;
use crate::links::audit::RunSummary;
use crate::links::classify::Class;

const WIDTH: usize = 720;
const HEIGHT: usize = 260;
const LEFT: usize = 48;
const BOTTOM: usize = 36;
const TOP: usize = 12;

/// The colour of a class, shared by the chart, its legend and the totals table.
#[must_use]
pub(super) fn colour(class: Class) -> &'static str {
    match class {
        Class::Broken => "#c62828",
        Class::Blocked => "#ef6c00",
        Class::RateLimited => "#f9a825",
        Class::Timeout => "#8e24aa",
        Class::Network => "#5e35b1",
        Class::Redirected => "#1e88e5",
        Class::Excluded => "#9e9e9e",
        Class::Ok => "#43a047",
    }
}

/// The chart of `runs` (oldest first).
#[must_use]
pub(super) fn chart(runs: &[RunSummary]) -> String {
    let max = runs.iter().map(|r| r.classes.iter().map(|(_, n)| n).sum::<usize>()).max().unwrap_or(0).max(1);
    let plot_h = HEIGHT - TOP - BOTTOM;
    let plot_w = WIDTH - LEFT - 8;
    let slot = plot_w / runs.len().max(1);
    let bar = (slot * 2 / 3).clamp(4, 48);
    let mut out = String::new();
    let label = format!("Links by class in the last {} audits", runs.len());
    let _ = write!(
        out,
        r#"<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{}"><title>{}</title>"#,
        esc(&label),
        esc(&label)
    );
    let base_y = TOP + plot_h;
    let _ = write!(
        out,
        r##"<line x1="{LEFT}" y1="{base_y}" x2="{}" y2="{base_y}" stroke="#555"/><line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{base_y}" stroke="#555"/>"##,
        WIDTH - 8
    );
    let _ = write!(
        out,
        r#"<text x="{}" y="{}" text-anchor="end" class="axis">{max}</text><text x="{}" y="{base_y}" text-anchor="end" class="axis">0</text>"#,
        LEFT - 6,
        TOP + 10,
        LEFT - 6
    );
    for (i, run) in runs.iter().enumerate() {
        let x = LEFT + i * slot + (slot - bar) / 2;
        let mut y = base_y;
        let total: usize = run.classes.iter().map(|(_, n)| n).sum();
        let _ =
            write!(out, r#"<g class="run"><title>{}: {total} links</title>"#, run.at.strftime("%Y-%m-%d %H:%M UTC"));
        for class in Class::ALL.iter().rev() {
            let n = run.classes.iter().find(|(c, _)| c == class).map_or(0, |(_, n)| *n);
            if n == 0 {
                continue;
            }
            let h = (n * plot_h).div_ceil(max).max(1);
            y = y.saturating_sub(h);
            let _ = write!(
                out,
                r#"<rect class="band {}" x="{x}" y="{y}" width="{bar}" height="{h}" fill="{}"><title>{}: {n}</title></rect>"#,
                class.as_str(),
                colour(*class),
                class.as_str()
            );
        }
        let _ = write!(
            out,
            r#"</g><text x="{}" y="{}" text-anchor="middle" class="axis">{}</text>"#,
            x + bar / 2,
            base_y + 16,
            run.at.strftime("%m-%d")
        );
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_bar_per_run_and_a_band_per_class_present() {
        let at = |s: &str| s.parse().unwrap();
        let runs = vec![
            RunSummary { at: at("2026-11-01T06:00:00Z"), classes: vec![(Class::Ok, 8), (Class::Broken, 2)] },
            RunSummary { at: at("2026-11-08T06:00:00Z"), classes: vec![(Class::Ok, 10)] },
        ];
        let svg = chart(&runs);
        assert_eq!(svg.matches(r#"<g class="run">"#).count(), 2);
        assert_eq!(svg.matches("<rect ").count(), 3);
        assert!(svg.contains(r#"<rect class="band broken" x="#), "{svg}");
        assert!(svg.contains(">11-08</text>"), "{svg}");
        // The tallest bar reaches the top of the plot.
        assert!(svg.contains(r#"y="12" width="#), "{svg}");
    }
}
