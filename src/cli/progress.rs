//! The link audit's progress bar, drawn on standard error.

use matrixlint::app::links::Progress;

/// An indicatif bar behind the library's [`Progress`].
pub(crate) struct Bar(indicatif::ProgressBar);

impl Bar {
    /// A bar drawn on standard error (indicatif hides it off a terminal).
    pub(crate) fn new() -> Self {
        let bar = indicatif::ProgressBar::new(0);
        if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} links {elapsed} {wide_msg}") {
            bar.set_style(style);
        }
        Self(bar)
    }
}

impl Progress for Bar {
    fn start(&self, total: u64) {
        self.0.set_length(total);
    }

    fn checked(&self, url: &str) {
        self.0.set_message(url.to_owned());
        self.0.inc(1);
    }

    fn finish(&self) {
        self.0.finish_and_clear();
    }
}
