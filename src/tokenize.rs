//! The word tokenizer every text field uses, at index time and at query time.
//!
//! Words are Unicode word boundaries (UAX #29, through `unicode-segmentation`), so "Belt-and-Road" gives the
//! same three words as "Belt and Road", and "People's" stays one word. Words are lowercased and typographic
//! apostrophes fold to ', so that a query typed on a keyboard finds text set by a ministry's CMS. A trailing
//! possessive 's is dropped ("China's" is the word "china") because a search for a country or a person must
//! find its possessive; the byte offsets still cover the whole word, so a highlight covers "China's". Stop
//! words are kept: "of the" and "and" inside a quoted phrase must match exactly.
//!
//! tantivy does not store custom tokenizers in the index, so [`register`] runs after both create and open.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use tantivy::Index;
use unicode_segmentation::{UWordBoundIndices, UnicodeSegmentation};

/// The name under which the tokenizer is registered; part of the index format (changing the rules of this
/// module means a new name and a new index format version).
pub const TOKENIZER_NAME: &str = "demarche_words_v1";

/// Registers the tokenizer with an index; call after creating or opening one.
pub fn register(index: &Index) {
    index
        .tokenizers()
        .register(TOKENIZER_NAME, WordTokenizer::default());
}

/// A tantivy tokenizer over Unicode word boundaries; see the module documentation for its rules.
#[derive(Clone, Default)]
pub struct WordTokenizer {
    token: Token,
}

/// The token stream of [`WordTokenizer`].
pub struct WordTokenStream<'a> {
    words: UWordBoundIndices<'a>,
    token: &'a mut Token,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordTokenStream<'a> {
        self.token.reset();
        WordTokenStream {
            words: text.split_word_bound_indices(),
            token: &mut self.token,
        }
    }
}

impl TokenStream for WordTokenStream<'_> {
    fn advance(&mut self) -> bool {
        for (offset, word) in self.words.by_ref() {
            if !is_word(word) {
                continue;
            }
            self.token.text.clear();
            normalize_into(word, &mut self.token.text);
            self.token.offset_from = offset;
            self.token.offset_to = offset + word.len();
            self.token.position = self.token.position.wrapping_add(1);
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// True for a segment that holds a word rather than spaces or punctuation.
fn is_word(segment: &str) -> bool {
    segment.chars().any(char::is_alphanumeric)
}

/// Appends the indexed form of `word` to `out`: lowercased, apostrophes folded, possessive dropped.
fn normalize_into(word: &str, out: &mut String) {
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
    } else {
        for c in word.chars() {
            match c {
                '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{FF07}' => out.push('\''),
                c => out.extend(c.to_lowercase()),
            }
        }
    }
    if out.len() > 2 && out.ends_with("'s") {
        out.truncate(out.len() - 2);
    }
}

/// The words of `text` as (byte range, normalised word) pairs, in order: what the index sees.
pub fn words(text: &str) -> Vec<(std::ops::Range<usize>, String)> {
    let mut tokenizer = WordTokenizer::default();
    let mut stream = tokenizer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        let t = stream.token();
        out.push((t.offset_from..t.offset_to, t.text.clone()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        words(text).into_iter().map(|(_, w)| w).collect()
    }

    #[test]
    fn hyphens_split_like_spaces() {
        assert_eq!(texts("Belt-and-Road"), texts("Belt and Road"));
        assert_eq!(texts("Belt-and-Road"), ["belt", "and", "road"]);
    }

    #[test]
    fn offsets_cover_the_original_word_and_positions_count_words() {
        let text = "China’s “Belt and Road”, 2021.";
        let mut tokenizer = WordTokenizer::default();
        let mut stream = tokenizer.token_stream(text);
        let mut seen = Vec::new();
        while stream.advance() {
            let t = stream.token();
            seen.push((
                t.position,
                t.text.clone(),
                &text[t.offset_from..t.offset_to],
            ));
        }
        assert_eq!(
            seen,
            [
                (0, "china".to_string(), "China’s"),
                (1, "belt".to_string(), "Belt"),
                (2, "and".to_string(), "and"),
                (3, "road".to_string(), "Road"),
                (4, "2021".to_string(), "2021"),
            ]
        );
    }

    #[test]
    fn apostrophes_fold_and_stop_words_stay() {
        assert_eq!(
            texts("People’s Republic of the"),
            ["people", "republic", "of", "the"]
        );
        assert_eq!(texts("don’t"), texts("don't"));
        assert_eq!(texts("Laos' cause"), ["laos", "cause"]);
    }

    #[test]
    fn non_latin_scripts_and_case() {
        assert_eq!(texts("ÉTATS Ünited"), ["états", "ünited"]);
        assert_eq!(texts("中华人民共和国"), texts("中华人民共和国"));
        assert!(!texts("中华人民共和国").is_empty());
    }

    #[test]
    fn empty_and_punctuation_only() {
        assert!(texts("").is_empty());
        assert!(texts(" -- ... !? ").is_empty());
    }
}
