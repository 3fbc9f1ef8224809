//! Closed sets of named values that options take (an output format, a colour
//! mode). The library lists them with their help; the binary builds its
//! command-line parsers from the list, so that clap stays on the binary side.

/// A closed set of named values.
pub trait Choice: Copy + Sized + Send + Sync + 'static {
    /// Every value, in the order help lists them.
    const ALL: &'static [Self];

    /// The value's name on the command line.
    fn name(self) -> &'static str;

    /// One line of help.
    fn help(self) -> &'static str;

    /// The value called `name`.
    fn named(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.name() == name)
    }
}

/// Declares an enum of named values and its [`Choice`] list; each variant's
/// doc comment is its help.
macro_rules! choice {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[doc = $doc:literal])* $variant:ident = $text:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[doc = $doc])* $variant, )*
        }

        impl $crate::choice::Choice for $name {
            const ALL: &'static [Self] = &[$(Self::$variant),*];

            fn name(self) -> &'static str {
                match self {
                    $(Self::$variant => $text,)*
                }
            }

            fn help(self) -> &'static str {
                match self {
                    $(Self::$variant => concat!($($doc),*).trim_ascii(),)*
                }
            }
        }
    };
}
pub(crate) use choice;

#[cfg(test)]
#[allow(unreachable_pub, reason = "the macro declares `pub` enums; this one is a test's")]
mod tests {
    use super::Choice as _;

    choice! {
        /// A test set.
        pub enum Fruit {
            /// Round and red.
            Apple = "apple",
            /// Long.
            Banana = "banana",
        }
    }

    #[test]
    fn names_help_and_lookup() {
        assert_eq!(Fruit::ALL, [Fruit::Apple, Fruit::Banana]);
        assert_eq!(Fruit::Banana.name(), "banana");
        assert_eq!(Fruit::Apple.help(), "Round and red.");
        assert_eq!(Fruit::named("apple"), Some(Fruit::Apple));
        assert_eq!(Fruit::named("cherry"), None);
    }
}
