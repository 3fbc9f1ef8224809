//! Parsers for the library's closed sets of values (formats, colour modes):
//! each value with its help, as `clap::ValueEnum` would give, without the
//! library depending on clap.

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use matrixlint::choice::Choice;

/// The parser of `T`'s values.
pub(super) fn choice<T: Choice>() -> impl TypedValueParser<Value = T> {
    PossibleValuesParser::new(T::ALL.iter().map(|v| PossibleValue::new(v.name()).help(v.help().trim_end_matches('.'))))
        .map(|name| T::named(&name).expect("clap accepts only the listed names"))
}
