//! What in a statement's body is not a paragraph of anyone's words: bylines and transcript headers (kept as
//! the statement's header, where attribution reads who takes part), sign-offs (kept apart: they name the
//! author or the issuer), and markers, datelines, contact and credit lines, repeated titles (dropped).
//!
//! Decided by each block's shape and position, and for boilerplate by its opening words
//! (`data/lexicon/boilerplate.txt`), never by a site's layout.

use std::collections::HashMap;

use super::lexicon::{self, contains};
use super::turns::{opens_with_honorific, RECORD_DASHES};
use super::{date, more_words_than, turns, Block, Draft, Kind};

/// Moves what is not a paragraph out of the body: bylines ("The below is attributable to …") and, in a
/// transcript, the short lines before the first turn that list participants, places and times, into the
/// header; a sign-off at the end into the sign-off; markers ("###", "(Laughter.)"), boilerplate, datelines
/// and the title repeated in the body are dropped.
pub(crate) fn separate(draft: &mut Draft) {
    let blocks = join_bare_labels(split_inline_turns(std::mem::take(&mut draft.blocks)));
    // After the running heads are known: a table's repeated "KEY: value" line is data, not a page's head.
    let mut blocks = join_broken_headings(drop_page_furniture(blocks));
    mark_table_fields(&mut blocks);
    complete_title(draft, &mut blocks);
    // "Last updated on …" after the sign-off: the sign-off is still the statement's last words.
    while blocks
        .last()
        .is_some_and(|b| is_boilerplate(&b.text) || turns::is_marker(&b.text))
    {
        blocks.pop();
    }
    // An editor's notes close the document, after its author's sign-off: no one's words, but kept.
    let notes = endnotes_start(&blocks);
    for note in &mut blocks[notes..] {
        note.heading = true;
    }
    // "Yours sincerely, F. L. MCDOUGALL": an edition that runs a letter's close and its signature into
    // one line leaves the name, and only it, to sign.
    let signed = notes
        .checked_sub(1)
        .and_then(|last| signature_after_close(&blocks[last].text));
    if let Some(name) = signed {
        blocks.remove(notes - 1);
        draft.signoff = vec![name];
    } else {
        let signoff = signoff_start(&blocks[..notes]);
        draft.signoff = blocks.drain(signoff..notes).map(|b| b.text).collect();
    }
    let first_turn = blocks.iter().position(|b| turns::label(b).is_some());
    let transcript = blocks
        .iter()
        .filter(|b| turns::label(b).is_some())
        .nth(1)
        .is_some();
    let title = draft.title.as_deref().map(words);
    // A transcript's header is the run of short lines that opens it, before its first turn and before
    // any paragraph of prose; a short line later (a list item) is text.
    let header_end = if transcript {
        blocks
            .iter()
            .take(first_turn.unwrap_or(0))
            .take_while(|b| turns::is_header_line(&b.text) || turns::is_byline(&b.text))
            .count()
    } else if draft.title.as_deref().and_then(Kind::in_title) == Some(Kind::JointStatement) {
        // "JOINT STATEMENT / Between / THE REPUBLIC OF … / AND …": the title goes on in short lines
        // naming the parties before the first sentence.
        blocks.iter().take_while(|b| is_title_line(&b.text)).count()
    } else {
        0
    };
    for (i, block) in blocks.into_iter().enumerate() {
        let before_turns = i < header_end;
        if turns::is_byline(&block.text)
            || (before_turns && turns::is_header_line(&block.text))
            || is_dateline(&block.text)
        {
            draft.header.push(block.text);
        } else if turns::is_marker(&block.text)
            || is_boilerplate(&block.text)
            || (title.is_some() && title == Some(words(&block.text)))
        {
            continue;
        } else {
            draft.blocks.push(block);
        }
    }
}

/// Marks the fields of a table or record set out as "KEY: value" lines ("VESSEL FLAG: Russia", then the
/// next vessel's "VESSEL FLAG: Panama") as headings: a key that opens several lines and is only ever
/// followed by a short value, never by a sentence, names a column, not a speaker.
fn mark_table_fields(blocks: &mut [Block]) {
    let mut seen: HashMap<String, (usize, bool)> = HashMap::new();
    for block in blocks.iter() {
        if let Some((turns::Label::Named(key), end)) = turns::label(block) {
            let value = block.text[end..].trim();
            let short = value.split_whitespace().count() <= MAX_FIELD_WORDS
                && !value.contains(['.', '?', '!', ',', ';']);
            let entry = seen.entry(key).or_insert((0, true));
            entry.0 += 1;
            entry.1 &= short;
        }
    }
    // A table has columns: two keys at least. A key with a word of address or an office is a speaker
    // who said little ("MODERATOR: Next question", "MR PRICE: Good afternoon").
    let speaker_like = |key: &str| {
        key.split_whitespace().any(|w| {
            let w = w.trim_end_matches('.');
            let title = super::attribution::title_case_word(w);
            contains(&lexicon::HONORIFICS, &title) || contains(&lexicon::OFFICE, &title)
        })
    };
    let columns: Vec<&String> = seen
        .iter()
        .filter(|(key, &(n, short))| n >= 2 && short && !speaker_like(key))
        .map(|(key, _)| key)
        .collect();
    if columns.len() < 2 {
        return;
    }
    let columns: Vec<String> = columns.into_iter().cloned().collect();
    for block in blocks.iter_mut() {
        if let Some((turns::Label::Named(key), _)) = turns::label(block) {
            if columns.contains(&key) {
                block.heading = true;
            }
        }
    }
}

/// Longest value of a table's field, in words.
const MAX_FIELD_WORDS: usize = 5;

/// Drops what a PDF's pages put around the text once converted to blocks (HTML from PDF, a Hansard):
/// page numbers and "Page 7" markers, and short blocks that recur page after page (a running head, the
/// sitting's date); and takes a running head or a page number off the start of a block it was glued to
/// ("23 rd May, 2024 Outside the military front …", "817 Mr. Speaker, …").
fn drop_page_furniture(blocks: Vec<Block>) -> Vec<Block> {
    let mut page_numbers: Vec<u32> = blocks
        .iter()
        .filter(|b| super::layout::is_page_number(b.text.trim()))
        .filter_map(|b| b.text.trim().parse().ok())
        .collect();
    // A page's number glued to its first words with no page number alone anywhere ("2321 Mr. Speaker, …",
    // then "2322 to our people …" a page later): numbers that open blocks apart from each other and go
    // up page by page. A list's items are neighbours, and "2 Ministers met" opens no page.
    // Years ("2023 was a difficult year") and counts ("15 people were killed") open paragraphs too: a
    // page's number is one of a run of at least three, each one or two above the one before, blocks
    // apart.
    let leading: Vec<(usize, u32)> = blocks
        .iter()
        .enumerate()
        .filter_map(|(i, b)| leading_number(&b.text).map(|n| (i, n)))
        .filter(|&(_, n)| n >= MIN_GLUED_PAGE && !(1900..=2099).contains(&n))
        .collect();
    let mut run: Vec<u32> = Vec::new();
    let mut last: Option<(usize, u32)> = None;
    for &(i, n) in &leading {
        let follows = last.is_some_and(|(j, m)| i > j + 1 && n > m && n - m <= 2);
        if !follows {
            if run.len() >= MIN_GLUED_RUN {
                page_numbers.append(&mut run);
            }
            run.clear();
        }
        run.push(n);
        last = Some((i, n));
    }
    if run.len() >= MIN_GLUED_RUN {
        page_numbers.append(&mut run);
    }
    // Short blocks that recur at least three times, other blocks between each.
    let mut seen: std::collections::HashMap<&str, (usize, usize)> = Default::default();
    for (i, b) in blocks.iter().enumerate() {
        let text = b.text.trim();
        // A turn's label or a sentence recurs because people speak, not because pages turn.
        if text.chars().count() > MAX_RUNNING_CHARS
            || text.ends_with(['.', '?', '!', ':'])
            || turns::label(b).is_some()
        {
            continue;
        }
        let (n, last) = seen.entry(text).or_insert((0, 0));
        if *n == 0 || i - *last > 1 {
            *n += 1;
            *last = i;
        }
    }
    let running: Vec<String> = seen
        .into_iter()
        .filter(|&(_, (n, _))| n >= MIN_RUNNING_REPEATS)
        .map(|(t, _)| t.to_string())
        .collect();
    let mut out = Vec::with_capacity(blocks.len());
    for mut block in blocks {
        let text = block.text.trim();
        if super::layout::is_page_number(text) || running.iter().any(|r| r == text) {
            continue;
        }
        let mut rest = text;
        // A running head glued on, then perhaps a page number, or the other way round.
        for _ in 0..2 {
            if let Some(r) = running.iter().find(|r| {
                rest.starts_with(r.as_str()) && rest[r.len()..].starts_with(char::is_whitespace)
            }) {
                rest = rest[r.len()..].trim_start();
            }
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            let glued = rest[digits..].starts_with(' ')
                && rest[..digits]
                    .parse::<u32>()
                    .is_ok_and(|n| page_numbers.iter().any(|&p| p.abs_diff(n) <= 2));
            if glued {
                rest = rest[digits..].trim_start();
            }
        }
        if rest.len() != text.len() {
            block.text = rest.to_string();
        }
        out.push(block);
    }
    out
}

/// Joins a heading that stops mid-sentence to the block that finishes it: a converter that set a page's
/// line as a heading ("(4) Beyond financial contributions, our diaspora represents a wealth of knowledge,
/// skills and", then "networks that can be harnessed …") split one paragraph in two. A heading that ends
/// on a capitalised word ("Side Events") ends a title, whatever follows it.
fn join_broken_headings(blocks: Vec<Block>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    for block in blocks {
        if let Some(last) = out.last_mut() {
            // A heading's last word is a name's or a title's; a sentence cut short ends on any word.
            let cut_short = last
                .text
                .split_whitespace()
                .last()
                .is_some_and(|w| w.starts_with(|c: char| c.is_lowercase()));
            let broken =
                last.heading && cut_short && block.text.starts_with(|c: char| c.is_lowercase());
            if broken {
                last.text = format!("{} {}", last.text.trim_end(), block.text);
                // What the markup says of the paragraph's end holds for the whole of it.
                last.given_role = last.given_role.or(block.given_role);
                last.speaker = last.speaker.take().or(block.speaker);
                last.heading = false;
                continue;
            }
        }
        out.push(block);
    }
    out
}

/// Splits a block where a parliamentary record's turn label stands inside it ("… five minutes. HON.
/// S. L. RABUKA.- Good morning, …"): a page of Hansard converted to one block holds several turns.
fn split_inline_turns(blocks: Vec<Block>) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    for block in blocks {
        if block.speaker.is_some() || !RECORD_DASHES.iter().any(|d| block.text.contains(d)) {
            out.push(block);
            continue;
        }
        let starts = inline_label_starts(&block.text);
        if starts.is_empty() {
            out.push(block);
            continue;
        }
        let mut from = 0;
        for at in starts.into_iter().chain([block.text.len()]) {
            let piece = block.text[from..at].trim();
            if !piece.is_empty() {
                out.push(Block {
                    text: piece.to_string(),
                    bold_lead: if from == 0 {
                        block.bold_lead.clone()
                    } else {
                        None
                    },
                    ..block.clone()
                });
            }
            from = at;
        }
    }
    out
}

/// Where labels of the form "HON. S. L. RABUKA.-" or "MR. SPEAKER.-" open inside a text after the end of
/// a sentence (not at its start: a label there already opens the block).
fn inline_label_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let dashes = RECORD_DASHES.iter().flat_map(|d| {
        text.match_indices(d)
            .map(|(at, d)| (at, !d.starts_with('.')))
    });
    for (dash, bare) in dashes {
        // The label: capitals, periods, spaces, hyphens and apostrophes back from the dash.
        let scanned = text[..dash]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| c.is_uppercase() || matches!(c, '.' | ' ' | '-' | '\'' | '’'))
            .last()
            .map_or(dash, |(i, _)| i);
        let Some(first) = text[scanned..dash].find(char::is_uppercase) else {
            continue;
        };
        // A heading in capitals may run into the label ("… at IMO HON. RO F. Q. TUISAWAU.-"): a label
        // that neither follows a sentence nor opens with an honorific opens at its first honorific.
        let scanned_start = scanned + first;
        let accepted = text[..scanned_start]
            .trim_end()
            .ends_with(['.', '?', '!', ':', ';', ')'])
            || opens_with_honorific(&text[scanned_start..dash]);
        let first = text[scanned_start..dash]
            .split_whitespace()
            .position(turns::opens_with_honorific)
            .filter(|&n| n > 0 && !accepted)
            .and_then(|n| {
                let word = text[scanned_start..dash].split_whitespace().nth(n)?;
                // The word is a slice of `text`: its address says where it starts.
                Some(word.as_ptr() as usize - text.as_ptr() as usize - scanned)
            })
            .unwrap_or(first);
        let start = scanned + first;
        let label = &text[start..dash];
        let words: Vec<&str> = label.split_whitespace().collect();
        let named = words
            .iter()
            .any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2);
        // After a sentence's end, or an honorific opening the label ("… with New Zealand HON. X.-").
        let after_sentence = text[..start]
            .trim_end()
            .ends_with(['.', '?', '!', ':', ';', ')']);
        let honorific = opens_with_honorific(label);
        if bare && !honorific {
            continue;
        }
        if named
            && start > 0
            && label.chars().count() <= MAX_LABEL_CHARS
            && (after_sentence || honorific)
        {
            starts.push(start);
        }
    }
    // ". –" and its " –" find one label twice.
    starts.sort_unstable();
    starts.dedup();
    starts
}

/// A title a listing cut short ("Statement to the media by the President of…") whose full form opens the
/// body: the full form is the title, not a paragraph.
fn complete_title(draft: &mut Draft, blocks: &mut Vec<Block>) {
    let Some(title) = draft.title.as_deref() else {
        return;
    };
    let Some(cut) = title
        .trim_end()
        .strip_suffix('…')
        .or_else(|| title.trim_end().strip_suffix("..."))
    else {
        return;
    };
    let cut = words(cut);
    let Some(first) = blocks.first() else {
        return;
    };
    let full = words(&first.text);
    if cut.len() >= 3
        && full.len() > cut.len()
        && full.starts_with(&cut[..cut.len() - 1])
        && first.text.chars().count() <= MAX_TITLE_CHARS
        && !first.text.trim_end().ends_with('.')
    {
        draft.title = Some(blocks.remove(0).text);
    }
}

/// A line that can continue a title: short, ending no sentence, opening no turn.
fn is_title_line(text: &str) -> bool {
    text.chars().count() <= MAX_TITLE_CHARS
        && !text.trim_end().ends_with(['.', '!', '?', ':'])
        && !more_words_than(text, MAX_TITLE_LINE_WORDS)
        && !super::layout::starts_numbered(text)
}

/// A turn label alone in its block ("<p><b>PRIME MINISTER:</b></p>") opens the turn of the block after
/// it: the two are one paragraph, as a reader sees one turn.
fn join_bare_labels(blocks: Vec<Block>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    let mut pending: Option<Block> = None;
    for block in blocks {
        if let Some(label) = pending.take() {
            let next_is_label = turns::label(&block).is_some_and(|(_, end)| end > 0);
            if next_is_label || block.heading {
                out.push(label);
            } else {
                out.push(Block {
                    text: format!("{} {}", label.text, block.text),
                    bold_lead: label.bold_lead.or(block.bold_lead),
                    ..block
                });
                continue;
            }
        }
        if block.speaker.is_none() && is_bare_label(&block) {
            pending = Some(block);
        } else {
            out.push(block);
        }
    }
    out.extend(pending);
    out
}

/// True for a block that is only a turn label.
fn is_bare_label(block: &Block) -> bool {
    let text = block.text.trim_end();
    text.ends_with(':')
        && !turns::is_byline(text)
        && turns::label(block).is_some_and(|(_, end)| end >= text.len())
}

/// Longest running head or footer, in characters.
const MAX_RUNNING_CHARS: usize = 80;

/// Smallest page number recognised glued to a page's first words by its sequence alone: below it, a
/// number opening a block is as likely a count or a list's.
const MIN_GLUED_PAGE: u32 = 10;

/// Fewest page numbers glued to pages, in sequence, for any to be taken for one.
const MIN_GLUED_RUN: usize = 3;

/// The number a block opens with, followed by a space ("2321 Mr. Speaker").
fn leading_number(text: &str) -> Option<u32> {
    let text = text.trim_start();
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || !text[digits..].starts_with(' ') {
        return None;
    }
    text[..digits].parse().ok()
}
/// Fewest times a block must recur, other blocks between, to be a running head or footer.
const MIN_RUNNING_REPEATS: usize = 3;
/// Longest parliamentary turn label, in characters.
const MAX_LABEL_CHARS: usize = 60;
/// Longest block, in characters, taken for a title's full form.
const MAX_TITLE_CHARS: usize = 300;
/// Most words a line continuing a title has.
const MAX_TITLE_LINE_WORDS: usize = 30;
/// Most words a block of boilerplate has.
const MAX_BOILERPLATE_WORDS: usize = 40;
/// Most words a dateline or a sign-off line has.
const MAX_LINE_WORDS: usize = 8;
/// Most lines a sign-off has.
const MAX_SIGNOFF_LINES: usize = 5;

/// Lowercased words of a text, for comparing a block with the title.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// True for a contact, credit, subject or filing line ("Media contact: …", "E&OE", "Posted on …").
fn is_boilerplate(text: &str) -> bool {
    let text = text.trim();
    // Only the opening is lowercased and compared: most paragraphs open with no label, and are settled
    // without counting their words.
    let head_end = text
        .char_indices()
        .nth(BOILERPLATE_HEAD_CHARS)
        .map_or(text.len(), |(at, _)| at);
    let lower = text[..head_end].to_lowercase();
    // "CategoriesPress Release": a label glued to what follows it by a scrape that lost the space.
    lexicon::BOILERPLATE.iter().any(|b| {
        lower.starts_with(b)
            && text
                .get(b.len()..)
                .and_then(|rest| rest.chars().next())
                .is_none_or(|c| !c.is_lowercase() || b.ends_with(':'))
    }) && !more_words_than(text, MAX_BOILERPLATE_WORDS)
}

/// Characters of a paragraph's opening compared with the boilerplate labels: more than the longest.
const BOILERPLATE_HEAD_CHARS: usize = 160;

/// True for a short line that gives only a place and a date ("Kathmandu, 1 March 2021").
fn is_dateline(text: &str) -> bool {
    !more_words_than(text, MAX_LINE_WORDS)
        && date::find(text).is_some()
        && !text.ends_with(['.', '!', '?'])
}

/// Where a paragraph's run-in dateline ends, after its dash: "Pyongyang, October 28 (KCNA) -- ",
/// "BEIJING, Nov. 3 (Xinhua) – ". A wire report opens its first paragraph with the place and date it
/// was filed, then the news; 0 when the paragraph opens with none. A place with a date after its comma,
/// and nothing lowercase before the dash.
pub(crate) fn run_in_dateline_end(text: &str) -> usize {
    let mut window = MAX_RUN_IN_DATELINE.min(text.len());
    while !text.is_char_boundary(window) {
        window -= 1;
    }
    let Some((at, dash)) = [" -- ", " --", " — ", " – ", " - "]
        .iter()
        .filter_map(|d| text[..window].find(d).map(|at| (at, *d)))
        .min()
    else {
        return 0;
    };
    let head = &text[..at];
    let words: Vec<&str> = head.split_whitespace().collect();
    let capitalised = !words.is_empty()
        && words.len() <= MAX_LINE_WORDS
        && words
            .iter()
            .all(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || c == '('));
    let dated = head.split_once(',').is_some_and(|(_, after)| {
        after.split_whitespace().next().is_some_and(|w| {
            date::month_number(w).is_some() || w.starts_with(|c: char| c.is_ascii_digit())
        })
    });
    let rest = &text[at + dash.len()..];
    let news = rest.trim_start();
    // A bracket alone is no dateline: "JANE ROE (Uganda) - Speaking on behalf of …" names a delegate.
    if capitalised && dated && !news.is_empty() {
        text.len() - news.len()
    } else {
        0
    }
}

/// Farthest into a paragraph a run-in dateline's dash is looked for, in bytes.
const MAX_RUN_IN_DATELINE: usize = 60;

/// Where the sign-off at the end of the body starts: the last few short lines that read as names,
/// offices, organisations, places or dates rather than sentences ("Office of the Spokesperson",
/// "Ministry of Foreign Affairs", "Kathmandu", "Julia Example MP"). The body's length when there is none.
fn signoff_start(blocks: &[Block]) -> usize {
    let mut start = blocks.len();
    while start > 1
        && blocks.len() - start < MAX_SIGNOFF_LINES
        && is_signoff_line(&blocks[start - 1])
    {
        start -= 1;
    }
    start
}

/// Where an edition's numbered notes at the end of the body start ("1 Document 76.", "2 Sir Halford
/// Mackinder."): a run of blocks numbered 1, 2, 3, … without a period after the number, whose first
/// number the text marks ("[1]", or "Timor1" where a link to the note was glued to its word). Blocks
/// of punctuation alone between them (the rules of an edition's layout) go with them. The body's
/// length when there is none.
fn endnotes_start(blocks: &[Block]) -> usize {
    let number = |b: &Block| {
        let text = b.text.trim_start_matches(['_', '*', ' ']);
        let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let after = text[digits..].chars().next();
        (digits > 0 && digits <= 3 && after == Some(' '))
            .then(|| text[..digits].parse::<u32>().ok())
            .flatten()
    };
    let furniture = |b: &Block| !b.text.chars().any(char::is_alphanumeric);
    let mut start = blocks.len();
    let mut next: Option<u32> = None;
    let mut first = blocks.len();
    while start > 0 {
        let b = &blocks[start - 1];
        if furniture(b) {
            start -= 1;
            continue;
        }
        match (number(b), next) {
            (Some(n), None) if n >= 1 => next = Some(n),
            (Some(n), Some(m)) if n + 1 == m => next = Some(n),
            _ => break,
        }
        start -= 1;
        first = start;
        if next == Some(1) {
            break;
        }
    }
    if next != Some(1) || first == 0 {
        return blocks.len();
    }
    let marked = blocks[..first].iter().any(|b| {
        b.text.contains("[1]")
            || b.text.as_bytes().windows(3).any(|w| {
                w[0].is_ascii_alphabetic() && w[1] == b'1' && !w[2].is_ascii_alphanumeric()
            })
            || b.text.ends_with('1')
                && b.text[..b.text.len() - 1].ends_with(|c: char| c.is_ascii_alphabetic())
    });
    if marked {
        first
    } else {
        blocks.len()
    }
}

/// The name a letter's close runs into ("Yours sincerely, F. L. MCDOUGALL", "I am, Yours very truly, R.
/// G. CASEY"): a short run of capitalised words after a close of `closings.txt`.
fn signature_after_close(text: &str) -> Option<String> {
    // The leads and closes are ASCII: compared without case on the text's own bytes, whose offsets a
    // lowercased copy's need not keep.
    let opens = super::starts_with_ignore_ascii_case;
    let text = text.trim();
    let lead = ["i am, ", "i remain, ", "believe me, "]
        .iter()
        .find(|l| opens(text, l))
        .map_or(0, |l| l.len());
    let close = lexicon::CLOSINGS
        .iter()
        .filter(|c| opens(&text[lead..], c))
        .map(|c| c.len())
        .max()?;
    let name = text[lead + close..].trim_start_matches([',', ' ']).trim();
    let words: Vec<&str> = name.split_whitespace().collect();
    let signs = !words.is_empty()
        && words.len() <= MAX_LINE_WORDS
        && words.iter().all(|w| w.starts_with(char::is_uppercase));
    // A signature in capitals is a name in capitals: "MCDOUGALL" is no acronym.
    signs.then(|| {
        words
            .iter()
            .map(|w| super::attribution::title_case(w))
            .collect::<Vec<_>>()
            .join(" ")
    })
}

fn is_signoff_line(block: &Block) -> bool {
    let text = block.text.trim();
    let words: Vec<&str> = text.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= MAX_LINE_WORDS
        && !block.heading
        && !text.ends_with(['.', '!', '?', ':', ','])
        && !text.to_lowercase().starts_with("thank")
        && turns::label(block).is_none()
        && words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                || matches!(*w, "of" | "the" | "and" | "for" | "de" | "&" | "-" | "–")
        })
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_wire_reports_run_in_dateline_ends_at_its_dash() {
        for (text, rest) in [
            (
                "Pyongyang, October 28 (KCNA) -- A spokesman said",
                "A spokesman said",
            ),
            (
                "Pyongyang, August 16 (KCNA) --Kim Jong Un received",
                "Kim Jong Un received",
            ),
            ("BEIJING, Nov. 3 (Xinhua) – China and", "China and"),
        ] {
            assert_eq!(&text[super::run_in_dateline_end(text)..], rest, "{text}");
        }
        for text in [
            "HON. PROF. B. C. PRASAD.– Mr. Speaker, Sir, in the 2023-2024 budget",
            "The talks – the first in years – went well.",
            "Kim Jong Un – the leader – spoke.",
            "CENTRALITY and SOLIDARITY – have been our words",
            "Pyongyang, October 28 (KCNA) --",
            "JANE ROE (Uganda) - Speaking on behalf of the group, stressed the need",
            // Byte 60 falls inside a letter of two bytes.
            "Монголия Монголия Монголия Монголия, 3 Октября — переговоры",
        ] {
            assert_eq!(super::run_in_dateline_end(text), 0, "{text}");
        }
    }

    #[test]
    fn every_boilerplate_label_fits_the_compared_opening() {
        for label in super::lexicon::BOILERPLATE.iter() {
            assert!(
                label.chars().count() < super::BOILERPLATE_HEAD_CHARS,
                "{label}"
            );
        }
    }

    use super::*;

    fn draft(title: &str, blocks: &[&str]) -> Draft {
        Draft {
            title: Some(title.into()),
            blocks: blocks.iter().map(|b| Block::plain(*b)).collect(),
            ..Draft::default()
        }
    }

    #[test]
    fn a_tables_fields_are_not_turns() {
        let mut d = draft(
            "Actions on Vessels",
            &[
                "The Department identifies the following vessels.",
                "VESSEL FLAG: Russia",
                "VESSEL TYPE: Cargo",
                "VESSEL FLAG: Russia",
                "VESSEL TYPE: Tanker",
                "VESSEL FLAG: Russia",
                "VESSEL TYPE: Tanker",
                "MR PRICE: Good afternoon",
                "QUESTION: Any news?",
                "MR PRICE: No news",
            ],
        );
        separate(&mut d);
        let turns: Vec<bool> = d.blocks.iter().map(|b| turns::label(b).is_some()).collect();
        // A speaker who says little is still a speaker.
        assert_eq!(
            turns,
            [false, false, false, false, false, false, false, true, true, true],
            "{:?}",
            d.blocks
        );
    }

    #[test]
    fn an_editions_numbered_notes_close_the_body_as_no_ones_words() {
        let notes = |blocks: &[&str]| {
            let mut d = draft("Cranborne to Commonwealth Government", blocks);
            separate(&mut d);
            d.blocks
                .iter()
                .filter(|b| b.heading)
                .map(|b| b.text.clone())
                .collect::<Vec<_>>()
        };
        let marked = [
            "Your telegram 98 of 24th April. [1]",
            "We are grateful for your views on the Treaty with Italy[2] and agree.",
            "1 Document 76.",
            "_",
            "2 See the Treaty of 1947.",
        ];
        assert_eq!(
            notes(&marked),
            ["1 Document 76.", "2 See the Treaty of 1947."]
        );
        // A link to the note glued to its word ("Timor1") marks it too.
        assert_eq!(
            notes(&[
                "The question of Portuguese Timor1 was raised.",
                "1 A note on the record."
            ]),
            ["1 A note on the record."]
        );
        // Unmarked, out of order, or not from 1: a speech's last points are its own.
        for blocks in [
            &[
                "We will do three things.",
                "1 Build roads",
                "2 Build schools",
            ][..],
            &["Your telegram. [1]", "2 Document 76."][..],
            &["Your telegram. [1]", "1 Document 76.", "3 Document 77."][..],
            &["Your telegram. [1]", "1. Document 76."][..],
        ] {
            assert!(notes(blocks).is_empty(), "{blocks:?}");
        }
    }

    #[test]
    fn a_name_run_into_a_letters_close_signs_it() {
        let signed = super::signature_after_close;
        assert_eq!(
            signed("Yours sincerely, F. L. MCDOUGALL").as_deref(),
            Some("F. L. Mcdougall")
        );
        assert_eq!(
            signed("I am, Yours very truly, R. G. CASEY").as_deref(),
            Some("R. G. Casey")
        );
        for text in [
            "Sincerely grateful for the help of our partners.",
            "Kind regards to all of you and your families",
            "Yours sincerely,",
            "We remain yours sincerely, in friendship",
        ] {
            assert_eq!(signed(text), None, "{text}");
        }
        let mut d = draft(
            "Thursday, 26th November 1925",
            &[
                "I enclose the memorandum I promised. [1]",
                "Yours sincerely, F. L. MCDOUGALL",
                "1 See note 10 to Letter 42.",
            ],
        );
        separate(&mut d);
        assert_eq!(d.signoff, ["F. L. Mcdougall"]);
        let body: Vec<&str> = d.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            body,
            [
                "I enclose the memorandum I promised. [1]",
                "1 See note 10 to Letter 42."
            ]
        );
    }

    #[test]
    fn signoffs_datelines_boilerplate_and_repeated_titles_leave_the_body() {
        let mut d = draft(
            "Statement on the Floods",
            &[
                "Statement on the Floods",
                "Posted onMarch 1, 2021",
                "Kathmandu, 1 March 2021",
                "The Government expresses its condolences.",
                "Media contact: press@example.gov",
                "Thank You",
                "Office of the Spokesperson",
                "Ministry of Foreign Affairs",
                "Kathmandu",
                "1 March 2021",
                "Last updated on 2 March 2021",
            ],
        );
        separate(&mut d);
        let body: Vec<&str> = d.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            body,
            ["The Government expresses its condolences.", "Thank You"]
        );
        assert_eq!(
            d.signoff,
            [
                "Office of the Spokesperson",
                "Ministry of Foreign Affairs",
                "Kathmandu",
                "1 March 2021"
            ]
        );
        assert_eq!(d.header, ["Kathmandu, 1 March 2021"]);
    }

    #[test]
    fn a_label_alone_in_its_block_opens_the_next() {
        let mut d = draft(
            "Transcript",
            &[
                "PRIME MINISTER:",
                "Thank you all.",
                "JOURNALIST: Why?",
                "Mr. Roe (Norway):",
            ],
        );
        separate(&mut d);
        let body: Vec<&str> = d.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            body,
            [
                "PRIME MINISTER: Thank you all.",
                "JOURNALIST: Why?",
                "Mr. Roe (Norway):"
            ]
        );
    }

    #[test]
    fn pages_of_a_record_lose_their_furniture_and_split_at_turns() {
        let mut d = draft(
            "Ministerial Statements",
            &[
                "The Ministers may speak. HON. A. B. ROE.- Good morning, Sir. We met. MR. SPEAKER.- Thank you. \
                 Update on the Talks at IMO HON. RO C. D. LIMA.- Yes, I can speak last. THE HON. PRIME \
                 MINISTER.- Yes.",
                "Page 7",
                "816",
                "Ministerial Statements",
                "23rd May, 2024 Outside the house, we stand together.",
                "Page 8",
                "817",
                "Ministerial Statements",
                "23rd May, 2024",
                "818 Mr. Speaker, the agreement was signed.",
                "Page 9",
                "Ministerial Statements",
                "23rd May, 2024",
                "U.S.-China trade grew.",
                "Page 10",
                "Ministerial Statements",
                "23rd May, 2024",
                "We agreed.",
            ],
        );
        separate(&mut d);
        let body: Vec<&str> = d.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            body,
            [
                "The Ministers may speak.",
                "HON. A. B. ROE.- Good morning, Sir. We met.",
                "MR. SPEAKER.- Thank you. Update on the Talks at IMO",
                "HON. RO C. D. LIMA.- Yes, I can speak last.",
                "THE HON. PRIME MINISTER.- Yes.",
                "Outside the house, we stand together.",
                "Mr. Speaker, the agreement was signed.",
                "U.S.-China trade grew.",
                "We agreed.",
            ]
        );
    }

    #[test]
    fn a_heading_that_stops_mid_sentence_is_joined_to_its_end() {
        let mut heading = Block::plain("(4) Beyond contributions, our diaspora brings skills and");
        heading.heading = true;
        let mut side = Block::plain("Side Events");
        side.heading = true;
        let blocks = join_broken_headings(vec![
            heading,
            Block::plain("networks that drive innovation."),
            side,
            Block::plain("the ministers met."),
        ]);
        let texts: Vec<(&str, bool)> = blocks
            .iter()
            .map(|b| (b.text.as_str(), b.heading))
            .collect();
        assert_eq!(
            texts,
            [
                (
                    "(4) Beyond contributions, our diaspora brings skills and networks that drive innovation.",
                    false
                ),
                ("Side Events", true),
                ("the ministers met.", false),
            ]
        );
    }

    #[test]
    fn page_numbers_glued_to_pages_are_known_by_their_sequence() {
        let mut d = draft(
            "Ministerial Statements",
            &[
                "HON. A. B. ROE.- Good morning, Sir.",
                "Ministerial Statements",
                "2321 Mr. Speaker, the agreement was signed.",
                "Ministerial Statements",
                "2322 to our people and work together.",
                "Ministerial Statements",
                "2323 and so we agreed.",
                "12 Ministers met in Suva.",
                "13 Ministers met in Nadi.",
            ],
        );
        separate(&mut d);
        let body: Vec<&str> = d.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            body,
            [
                "HON. A. B. ROE.- Good morning, Sir.",
                "Mr. Speaker, the agreement was signed.",
                "to our people and work together.",
                "and so we agreed.",
                "12 Ministers met in Suva.",
                "13 Ministers met in Nadi.",
            ]
        );
        // Years and counts opening paragraphs apart are no pages' numbers.
        let text = [
            "2023 was a difficult year.",
            "The ministers met.",
            "2024 will bring change.",
            "15 people were killed.",
            "The talks went on.",
            "17 soldiers were wounded.",
            "2025 marks an anniversary.",
        ];
        let mut d = draft("Statement", &text);
        separate(&mut d);
        let body: Vec<&str> = d.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(body, text);
    }

    #[test]
    fn a_title_cut_short_takes_its_full_form_from_the_body() {
        let mut d = draft(
            "Statement to the media by the President of…",
            &[
                "Statement to the media by the President of Norway during the State Visit",
                "I am glad to be here.",
            ],
        );
        separate(&mut d);
        assert_eq!(
            d.title.as_deref(),
            Some("Statement to the media by the President of Norway during the State Visit")
        );
        assert_eq!(d.blocks.len(), 1);
        // A first paragraph that merely starts like the title is a paragraph.
        let mut d = draft(
            "The Minister met…",
            &["The Minister met the Ambassador of Chile on Monday to discuss trade."],
        );
        separate(&mut d);
        assert_eq!(d.blocks.len(), 1);
    }

    #[test]
    fn sentences_and_labels_are_not_signoffs() {
        let mut d = draft(
            "Remarks",
            &[
                "MR LANE: Good afternoon.",
                "QUESTION: Why?",
                "MR LANE: Because",
                "Long live the friendship!",
            ],
        );
        separate(&mut d);
        assert_eq!(d.blocks.len(), 4);
        assert!(d.signoff.is_empty());
    }
}
