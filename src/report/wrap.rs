//! Where miette may break help lines: at spaces only, and never inside a
//! `code span`. Its defaults (Unicode line breaking, hyphenation, breaking
//! long words) cut `https://findings.org.uk/PHP/` from `dl.php?file=…` and
//! `matrixlint check` from `--fix` at narrow widths, so that neither can be
//! copied back whole. A word wider than the line overflows it instead.

use textwrap::core::Word;
use textwrap::{WordSeparator, WordSplitter};

/// The word separator: a word runs to the next space outside backticks.
#[must_use]
pub fn separator() -> WordSeparator {
    WordSeparator::Custom(words)
}

/// No word is split (at hyphens or anywhere else).
#[must_use]
pub fn splitter() -> WordSplitter {
    WordSplitter::NoHyphenation
}

/// The words of `line`, each with the spaces after it. An unclosed
/// backtick is an ordinary character (its line breaks at every space).
fn words(line: &str) -> Box<dyn Iterator<Item = Word<'_>> + '_> {
    let balanced = line.matches('`').count().is_multiple_of(2);
    let mut pieces = Vec::new();
    let (mut start, mut in_code, mut after_space) = (0, false, false);
    for (i, c) in line.char_indices() {
        if after_space && c != ' ' && !in_code {
            pieces.push(Word::from(&line[start..i]));
            start = i;
        }
        after_space = c == ' ' && !in_code;
        if c == '`' && balanced {
            in_code = !in_code;
        }
    }
    if start < line.len() {
        pieces.push(Word::from(&line[start..]));
    }
    Box::new(pieces.into_iter())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(line: &str) -> Vec<&str> {
        words(line).map(|w| w.word).collect()
    }

    #[test]
    fn code_spans_and_urls_are_single_words() {
        assert_eq!(
            split("run `matrixlint check --fix` or see https://a.example/x-y?z=1  now"),
            ["run", "`matrixlint check --fix`", "or", "see", "https://a.example/x-y?z=1", "now"]
        );
        assert_eq!(split("such as `url: \"https://x/\"`, then"), ["such", "as", "`url: \"https://x/\"`,", "then"]);
        assert_eq!(split("an ` unclosed tick"), ["an", "`", "unclosed", "tick"]);
        let wrapped = textwrap::fill(
            "add `url:` with an address, such as `url: \"https://findings.org.uk/PHP/dl.php?file=x\"`",
            textwrap::Options::new(30).word_separator(separator()).word_splitter(splitter()).break_words(false),
        );
        assert_eq!(
            wrapped,
            "add `url:` with an address,\nsuch as\n`url: \"https://findings.org.uk/PHP/dl.php?file=x\"`"
        );
    }
}
