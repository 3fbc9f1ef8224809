//! Compact source files: the lines of a file that its findings show, and
//! nothing else. A finding keeps its file alive until the run's report is
//! written; for a corpus of thousands of files with findings, the whole
//! texts would be most of the memory used. A compact file keeps the name,
//! the line index (so every offset still has its line) and runs of whole
//! lines, each at its byte offset in the file; positions, line texts and
//! miette's snippets on those lines are what the whole file gives.

use std::ops::RangeInclusive;
use std::sync::Arc;

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use std::path::PathBuf;

use super::SourceFile;

/// The lines a compact file kept.
#[derive(Debug)]
pub(super) struct Kept {
    /// The kept lines, run after run, each with its line break.
    text: String,
    /// The runs, sorted: where each starts in the file, where it ends, and
    /// where it starts in `text`.
    runs: Vec<Run>,
    /// The whole text's length.
    whole_len: usize,
    /// Whether the whole text ends with `\n`.
    ends_with_newline: bool,
}

#[derive(Debug, Clone, Copy)]
struct Run {
    /// Where the run starts in the file (a line start).
    from: usize,
    /// Where it ends in the file (a line start, or the end of the text).
    to: usize,
    /// Where it starts in the kept text.
    at: usize,
    /// Its first line, 0-based.
    line: usize,
}

impl Kept {
    pub(super) fn text(&self) -> &str {
        &self.text
    }

    pub(super) fn whole_len(&self) -> usize {
        self.whole_len
    }

    pub(super) fn ends_with_newline(&self) -> bool {
        self.ends_with_newline
    }

    /// The run holding byte `offset` of the file (its end included: the
    /// end of a run's last line is still on it).
    fn run(&self, offset: usize) -> Option<&Run> {
        let index = self.runs.partition_point(|r| r.from <= offset).checked_sub(1)?;
        self.runs.get(index).filter(|r| offset <= r.to)
    }

    /// Where byte `offset` of the file is in the kept text.
    pub(super) fn local(&self, offset: usize) -> Option<usize> {
        self.run(offset).map(|r| r.at + offset - r.from)
    }

    /// Bytes `from..to` of the file, when both lie on one run.
    pub(super) fn slice(&self, from: usize, to: usize) -> Option<&str> {
        let run = self.run(from).filter(|r| to <= r.to && from <= to)?;
        self.text.get(run.at + from - run.from..run.at + to - run.from)
    }
}

impl SourceFile {
    /// A compact copy of this file keeping only `lines` (1-based, inclusive
    /// ranges; lines out of range, or not kept by a compact file, are left
    /// out): what a finding needs once its file is checked and only its
    /// report is left to write.
    #[must_use]
    pub fn keep_lines(&self, lines: impl IntoIterator<Item = RangeInclusive<usize>>) -> Self {
        let count = self.line_count();
        let mut ranges: Vec<(usize, usize)> = lines
            .into_iter()
            .map(|r| ((*r.start()).max(1), (*r.end()).min(count)))
            .flat_map(|(a, b)| self.available(a, b))
            .filter(|(a, b)| a <= b)
            .collect();
        ranges.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
        for (a, b) in ranges {
            match merged.last_mut() {
                // Touching runs are one run, so a slice across their seam works.
                Some(last) if a <= last.1 + 1 => last.1 = last.1.max(b),
                _ => merged.push((a, b)),
            }
        }
        let mut text = String::new();
        let mut runs = Vec::with_capacity(merged.len());
        for (a, b) in merged {
            let (from, to) = (self.line_start(a), self.line_start(b + 1));
            runs.push(Run { from, to, at: text.len(), line: a - 1 });
            text.push_str(self.slice(from, to));
        }
        text.shrink_to_fit();
        let kept = Kept { text, runs, whole_len: self.len(), ends_with_newline: self.ends_with_newline() };
        let empty: Arc<str> = Arc::from("");
        Self {
            path: self.path.clone(),
            name: self.name.clone(),
            named: miette::NamedSource::new(&self.name, Arc::clone(&empty)).with_language("yaml"),
            text: empty,
            lines: self.lines.clone(),
            char_marks: std::sync::OnceLock::new(),
            kept: Some(kept),
        }
    }

    /// Lines `a..=b` (1-based) as runs of lines this file has the text of.
    fn available(&self, a: usize, b: usize) -> Vec<(usize, usize)> {
        let Some(kept) = &self.kept else { return vec![(a, b)] };
        let last_line = |r: &Run| self.lines.line_of(r.to.saturating_sub(1).max(r.from)) + 1;
        kept.runs.iter().map(|r| (a.max(r.line + 1), b.min(last_line(r)))).filter(|(a, b)| a <= b).collect()
    }

    /// Whether this is a compact file ([`SourceFile::keep_lines`]).
    #[must_use]
    pub fn is_compact(&self) -> bool {
        self.kept.is_some()
    }
}

/// What a compact file holds, in plain values: what a cache stores of a
/// checked file's findings ([`SourceFile::compact_parts`]) and makes a
/// compact file of again ([`SourceFile::from_compact_parts`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompactParts {
    /// Where each line of the whole text starts.
    pub line_starts: Vec<usize>,
    /// The kept runs of whole lines: where each starts in the file, and its text.
    pub runs: Vec<(usize, String)>,
    /// The whole text's length in bytes.
    pub whole_len: usize,
    /// Whether the whole text ends with `\n`.
    pub ends_with_newline: bool,
}

impl SourceFile {
    /// What this compact file holds (`None` for a whole file).
    #[must_use]
    pub fn compact_parts(&self) -> Option<CompactParts> {
        let kept = self.kept.as_ref()?;
        let runs = kept.runs.iter().map(|r| (r.from, kept.text[r.at..r.at + r.to - r.from].to_owned())).collect();
        Some(CompactParts {
            line_starts: self.lines.starts().to_vec(),
            runs,
            whole_len: kept.whole_len,
            ends_with_newline: kept.ends_with_newline,
        })
    }

    /// The compact file `parts` describe, at `path`, shown as `name`; `None`
    /// when they cannot be one (lines past the end, a run not on whole lines,
    /// runs out of order), so that a damaged cache is never rendered from.
    #[must_use]
    pub fn from_compact_parts(path: impl Into<PathBuf>, name: impl Into<String>, parts: CompactParts) -> Option<Self> {
        let CompactParts { line_starts, runs: stored, whole_len, ends_with_newline } = parts;
        if line_starts.last().is_some_and(|&last| last > whole_len) {
            return None;
        }
        let lines = super::LineIndex::from_starts(line_starts)?;
        let mut text = String::new();
        let mut runs = Vec::with_capacity(stored.len());
        let mut end = 0;
        for (from, piece) in stored {
            let to = from.checked_add(piece.len())?;
            let line = lines.line_of(from);
            let on_lines =
                lines.start(line) == Some(from) && (to == whole_len || lines.start(lines.line_of(to)) == Some(to));
            if (from < end && !runs.is_empty()) || to > whole_len || !on_lines || piece.is_empty() {
                return None;
            }
            runs.push(Run { from, to, at: text.len(), line });
            text.push_str(&piece);
            end = to;
        }
        let empty: Arc<str> = Arc::from("");
        let name = name.into();
        Some(Self {
            path: path.into(),
            named: miette::NamedSource::new(&name, Arc::clone(&empty)).with_language("yaml"),
            name,
            text: empty,
            lines,
            char_marks: std::sync::OnceLock::new(),
            kept: Some(Kept { text, runs, whole_len, ends_with_newline }),
        })
    }
}

/// miette reads a file's snippets here: the whole text, or a compact file's
/// runs. A run is read as miette reads a text (the same lines, columns and
/// line counts), then moved to the run's place in the file; context lines
/// the run did not keep are left out.
impl SourceCode for SourceFile {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let Some(kept) = &self.kept else {
            return self.named.read_span(span, context_lines_before, context_lines_after);
        };
        let run = kept.run(span.offset()).filter(|r| span.offset() + span.len() <= r.to);
        let run = run.ok_or(MietteError::OutOfBounds)?;
        let text = &kept.text[run.at..run.at + run.to - run.from];
        let local: SourceSpan = (span.offset() - run.from, span.len()).into();
        let inner = text.read_span(&local, context_lines_before, context_lines_after)?;
        let at: SourceSpan = (inner.span().offset() + run.from, inner.span().len()).into();
        Ok(Box::new(
            MietteSpanContents::new_named(
                self.name.clone(),
                inner.data(),
                at,
                inner.line() + run.line,
                inner.column(),
                inner.line_count() + run.line,
            )
            .with_language("yaml"),
        ))
    }
}

#[cfg(test)]
mod tests;
