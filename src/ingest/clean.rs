//! Page furniture: the parts of an article's text that are not the article.
//!
//! [`mask_furniture`] blanks furniture out instead of deleting it, so that every code-point
//! offset into the masked body is also an offset into the original text. Three kinds are
//! recognised, all by general patterns rather than one site's strings:
//!
//! - **Shortcodes** (WordPress style) on one line: `[name attr=…]`, `[/name]`, `[name/]`, where
//!   `name` is a lowercase identifier. To spare editorial brackets inside quotes (`[sic]`,
//!   `[it] was`), a bare `[name]` counts only when the name has an underscore or is a well-known
//!   media shortcode (`[embed]`, `[gallery]`, …); `[caption …]…[/caption]` is masked whole.
//! - **Credit lines**: short lines that are photo/image credits (`(photo credit: …)`,
//!   `Photo: …`, `Image by …`, `Credit: …`, `(AP Photo/…)`, `… /Getty Images`).
//! - **Boilerplate lines**: short lines of newsletter, poll, subscription, cookie or sharing
//!   prompts ("By completing the poll, you agree…", "Sign up for our newsletter", a bare
//!   "Advertisement").
//!
//! Conservative by design: a false positive deletes real article text, so line rules only fire
//! on short lines, never on lines opening with a quotation mark, and prefix rules need the
//! pattern at the start of the line.

/// Blank out page furniture: returns a string with the same number of code points as `text`
/// where every furniture character except `'\n'` is replaced by `' '`.
pub fn mask_furniture(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let (content, newline) = match line.strip_suffix('\n') {
            Some(c) => (c, "\n"),
            None => (line, ""),
        };
        if is_furniture_line(content) {
            blank(&mut out, content);
        } else {
            mask_shortcodes(&mut out, content);
        }
        out.push_str(newline);
    }
    out
}

/// Push one space per code point of `s` (which holds no `'\n'`).
fn blank(out: &mut String, s: &str) {
    out.extend(std::iter::repeat_n(' ', s.chars().count()));
}

// ---------------------------------------------------------------------------------------------
// Line rules

/// Longest line (in chars) that may be a credit line.
const MAX_CREDIT_LINE: usize = 200;
/// Longest line (in chars) that may be a boilerplate line.
const MAX_BOILERPLATE_LINE: usize = 320;

/// Lowercased line openings of photo/image credits.
const CREDIT_PREFIXES: &[&str] = &[
    "(photo credit",
    "(photo:",
    "(photo by",
    "(photos:",
    "(image:",
    "(image credit",
    "(image by",
    "(credit:",
    "(ap photo",
    "(getty images",
    "(reuters/",
    "(afp photo",
    "(file photo",
    "photo credit",
    "photo credits",
    "photo:",
    "photos:",
    "photo by ",
    "photos by ",
    "photograph:",
    "photograph by ",
    "image:",
    "images:",
    "image credit",
    "image by ",
    "image source:",
    "image courtesy",
    "photo courtesy",
    "picture:",
    "ap photo/",
    "reuters/",
    "afp photo",
    "file photo",
];

/// Lowercased line endings of credit lines (` … /Getty Images`, `… (AP Photo/Jane Doe)`).
const CREDIT_SUFFIXES: &[&str] = &[
    "/getty images",
    "/ getty images",
    "via getty images",
    "/ap photo",
    "/ ap photo",
    "/shutterstock",
    "/ shutterstock",
    "/ap",
    "/ ap",
    "/reuters",
    "/ reuters",
    "/afp",
    "/ afp",
];

/// Lowercased phrases that make a short line boilerplate wherever they appear in it.
const BOILERPLATE_ANYWHERE: &[&str] = &[
    "by completing the poll",
    "by completing this poll",
    "by completing this survey",
    "by taking this poll",
    "sign up for our newsletter",
    "sign up for our daily newsletter",
    "sign up for the newsletter",
    "subscribe to our newsletter",
    "subscribe to our daily newsletter",
    "subscribe to our channel",
    "agree to our privacy policy",
    "agree to our terms",
    "read and agree to our",
    "this site uses cookies",
    "this website uses cookies",
    "we use cookies",
    "you agree to the use of cookies",
    "you agree to our use of cookies",
    "by continuing to use this site",
    "by continuing to browse",
];

/// Lowercased phrases that make a short line boilerplate when it starts with them.
const BOILERPLATE_PREFIXES: &[&str] = &[
    "sign up for",
    "sign up to receive",
    "subscribe to",
    "subscribe now",
    "click here to",
    "click here for",
    "follow us on",
    "like us on facebook",
    "share this article",
    "share this story",
    "share on facebook",
    "share on twitter",
    "get our newsletter",
    "get the latest news",
    "story continues below",
    "article continues below",
    "continue reading below",
];

/// Lowercased whole lines (punctuation and case ignored) that are boilerplate.
const BOILERPLATE_LINES: &[&str] = &[
    "advertisement",
    "advertisements",
    "sponsored",
    "sponsored content",
    "skip advertisement",
    "share",
    "share this",
    "related",
    "related articles",
    "related stories",
    "read more",
    "continue reading",
];

fn is_furniture_line(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() {
        return false;
    }
    // A quotation is article text, whatever it says.
    if t.starts_with(['"', '“', '”', '‘', '\'', '«', '„']) {
        return false;
    }
    let chars = t.chars().count();
    if chars > MAX_BOILERPLATE_LINE {
        return false;
    }
    let lower = t.to_lowercase();
    if chars <= MAX_CREDIT_LINE && is_credit(t, &lower) {
        return true;
    }
    if BOILERPLATE_ANYWHERE.iter().any(|p| lower.contains(p)) {
        return true;
    }
    if chars <= MAX_CREDIT_LINE && BOILERPLATE_PREFIXES.iter().any(|p| lower.starts_with(p)) {
        return true;
    }
    let bare = lower.trim_matches(|c: char| !c.is_alphanumeric());
    BOILERPLATE_LINES.contains(&bare)
}

fn is_credit(line: &str, lower: &str) -> bool {
    if CREDIT_PREFIXES.iter().any(|p| lower.starts_with(p)) {
        return true;
    }
    // A bare "Credit: …" names someone ("Credit: Jane Doe/Agency"), unlike "Credit: $1.5 million".
    if let Some((head, rest)) = line.split_once(':') {
        let rest = rest.trim_start();
        if ["credit", "credits"].contains(&head.trim().to_lowercase().as_str())
            && rest.starts_with(|c: char| c.is_uppercase() || c == '©')
            && rest.split_whitespace().count() <= 10
        {
            return true;
        }
    }
    let end = lower.trim_end_matches(['.', ')', ' ']);
    // A credit suffix only counts on a line that does not read like a sentence.
    let words = lower.split_whitespace().count();
    if words <= 12
        && CREDIT_SUFFIXES
            .iter()
            .any(|s| end.ends_with(s.trim_end_matches(')')))
    {
        return true;
    }
    // A whole parenthesised line naming a photo or image: "(Jane Doe/AP Photo)".
    lower.starts_with('(')
        && lower.ends_with(')')
        && words <= 12
        && ["photo", "image", "credit", "getty", "shutterstock"]
            .iter()
            .any(|k| lower.contains(k))
}

// ---------------------------------------------------------------------------------------------
// Shortcodes

/// Longest shortcode tag we recognise, in bytes.
const MAX_SHORTCODE: usize = 400;

/// Bare `[name]` shortcodes that are media embeds, not editorial brackets.
const BARE_SHORTCODES: &[&str] = &[
    "embed", "gallery", "caption", "video", "audio", "playlist", "youtube", "tweet",
];

/// Shortcodes whose content up to the closing tag (same line) is furniture too.
const WHOLE_SPAN_SHORTCODES: &[&str] = &["caption", "embed", "gallery", "video", "audio"];

struct Tag<'a> {
    /// Byte length of the whole tag, brackets included.
    len: usize,
    name: &'a str,
    closing: bool,
}

/// Parse a shortcode tag at the start of `s` (which starts with `[`).
fn shortcode_at(s: &str) -> Option<Tag<'_>> {
    // Search bytes, not a `&str` window: the limit may fall inside a multi-byte character.
    let close = s.as_bytes()[..s.len().min(MAX_SHORTCODE)]
        .iter()
        .position(|b| *b == b']')?;
    let inner = &s[1..close];
    if inner.contains('[') {
        return None;
    }
    let (closing, body) = match inner.strip_prefix('/') {
        Some(b) => (true, b),
        None => (false, inner),
    };
    let name_len = body
        .bytes()
        .take_while(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'_')
        .count();
    let name = &body[..name_len];
    if !name.starts_with(|c: char| c.is_ascii_lowercase()) {
        return None;
    }
    let rest = &body[name_len..];
    let tag = Tag {
        len: close + 1,
        name,
        closing,
    };
    if closing {
        return rest.is_empty().then_some(tag);
    }
    let ok = if rest.is_empty() || rest == "/" {
        name.contains('_') || BARE_SHORTCODES.contains(&name)
    } else {
        // Attributes after whitespace: anything for a `vendor_name`, else at least one `key=…`.
        rest.starts_with(char::is_whitespace)
            && (name.contains('_') || rest.split_whitespace().any(is_attribute))
    };
    ok.then_some(tag)
}

/// `key=value` with `key` an identifier (`id=`, `data-x=`), the shape of shortcode attributes.
fn is_attribute(token: &str) -> bool {
    token.split_once('=').is_some_and(|(key, _)| {
        !key.is_empty()
            && key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    })
}

/// Copy `line` to `out`, blanking shortcode tags (and whole caption/embed spans).
fn mask_shortcodes(out: &mut String, line: &str) {
    let mut i = 0;
    while let Some(off) = line[i..].find('[') {
        let start = i + off;
        out.push_str(&line[i..start]);
        match shortcode_at(&line[start..]) {
            Some(tag) => {
                let mut end = start + tag.len;
                if !tag.closing && WHOLE_SPAN_SHORTCODES.contains(&tag.name) {
                    let closer = format!("[/{}]", tag.name);
                    if let Some(pos) = line[end..].find(&closer) {
                        end += pos + closer.len();
                    }
                }
                blank(out, &line[start..end]);
                i = end;
            }
            None => {
                out.push('[');
                i = start + 1;
            }
        }
    }
    out.push_str(&line[i..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(input: &str, expected: &str) {
        let got = mask_furniture(input);
        assert_eq!(got.chars().count(), input.chars().count(), "length changed");
        for (a, b) in input.chars().zip(got.chars()) {
            assert!(a == b || (b == ' ' && a != '\n'), "bad mask {a:?} -> {b:?}");
        }
        assert_eq!(got.trim_end(), expected.trim_end(), "input: {input:?}");
    }

    /// Assert a line is masked entirely.
    #[track_caller]
    fn gone(line: &str) {
        check(line, "");
    }

    /// Assert a line is kept as is.
    #[track_caller]
    fn kept(line: &str) {
        check(line, line);
    }

    fn sp(n: usize) -> String {
        " ".repeat(n)
    }

    #[test]
    fn seed_style_shortcodes() {
        gone("[lz_ndn video=32719005]");
        gone("[lz_related_box id=”820341″]");
        gone("[lz_related_box id=\"820341\"]");
        gone("[related_posts]");
        gone("[/lz_related_box]");
        gone("[embed]https://example.com/v/1[/embed]");
        gone("[caption id=\"attachment_5\" align=\"alignleft\"]<img src=x> A caption.[/caption]");
        gone("[gallery ids='1,2,3']");
    }

    #[test]
    fn shortcode_inside_a_sentence_is_masked_alone() {
        let input = "He spoke. [lz_ndn video=1] Then left.";
        check(input, &format!("He spoke. {} Then left.", sp(16)));
    }

    #[test]
    fn editorial_brackets_are_kept() {
        kept("“We [the senators] will act,” she said.");
        kept("He said the plan “is [sic] working.”");
        kept("“[It] was a mistake,” he said.");
        kept("See section [a] and [b2] of the report.");
        kept("The array [x = 1] is a formula.");
        kept("[Updated 5 p.m.] The vote was delayed.");
        kept("Unclosed [lz_ndn video=1 bracket");
    }

    #[test]
    fn seed_style_lines() {
        gone("By completing the poll, you agree to receive emails from ExampleSite, occasional offers from our partners and that you've read and agree to our privacy policy and legal statement.");
        gone("(photo credit, homepage image: Jane Roe; photo credit, article image: John Doe)");
    }

    #[test]
    fn credit_lines() {
        gone("Photo: Jane Doe/Getty Images");
        gone("Image: Wikimedia Commons");
        gone("Photo by John Smith for The Example");
        gone("Credit: Example Agency");
        gone("Credits: © 2017 Example Agency");
        kept("Credit: $1.5 million");
        kept("Credit: the state will cover half of the cost.");
        gone("(AP Photo/Evan Example)");
        gone("President Example waves to supporters. (Jane Doe/AP Photo)");
        gone("Senator Example arrives at the Capitol. Jane Doe/Getty Images");
        gone("  Image credit: NASA  ");
    }

    #[test]
    fn boilerplate_lines() {
        gone("Sign up for our newsletter");
        gone("Subscribe to The Daily Example for more.");
        gone("Click here to read the full report.");
        gone("Follow us on Twitter and Facebook");
        gone("Share this article");
        gone("Advertisement");
        gone("ADVERTISEMENT");
        gone("- Advertisement -");
        gone("We use cookies to improve your experience. By continuing you accept them.");
    }

    #[test]
    fn normal_sentences_are_kept() {
        kept("The photo showed the senator leaving the building.");
        kept("A photo by a bystander was later published by the newspaper.");
        kept("The company's newsletter reported record profits in March.");
        kept("She said the newsletter had 20,000 subscribers.");
        kept("Getty Images, the photo agency, reported higher sales this year than last.");
        kept("“Sign up for our newsletter,” the email said, before asking for money.");
        kept("Readers who subscribe to the paper get early access, the editor said, adding that prices would rise next year.");
        kept("Advertisement revenue fell 5% in the quarter.");
        kept("The image of the city was damaged, he said.");
        kept("Trump said he would follow us on this.");
    }

    #[test]
    fn long_lines_never_match_line_rules() {
        let long = format!("Photo: {}", "word ".repeat(100));
        kept(&long);
    }

    #[test]
    fn keeps_newlines_and_crlf_structure() {
        let input = "Para one.\r\n\r\nAdvertisement\r\n\r\nPara two. [lz_x id=1]\r\n";
        let got = mask_furniture(input);
        assert_eq!(got.chars().count(), input.chars().count());
        assert_eq!(
            got,
            format!("Para one.\r\n\r\n{}\n\r\nPara two. {}\r\n", sp(14), sp(11))
        );
    }

    #[test]
    fn multibyte_text_keeps_code_point_count() {
        let input = "Zoë said “hi” — [lz_ndn video=1] ✓\nPhoto: Zoë Ünal\nÉté";
        let got = mask_furniture(input);
        assert_eq!(got.chars().count(), input.chars().count());
        assert!(got.starts_with("Zoë said “hi” — "));
        assert!(got.ends_with("\nÉté"));
        assert!(!got.contains("Ünal"));
    }

    #[test]
    fn long_bracket_run_over_multibyte_text_does_not_panic() {
        // The shortcode length limit falls inside a multi-byte character.
        for pad in 0..4 {
            let input = format!("[{}{}", "a".repeat(pad), "خ".repeat(400));
            check(&input, &input);
        }
    }

    proptest::proptest! {
        #[test]
        fn masking_never_panics_and_keeps_length(s in "(\\PC|\\[|\\]|=|_|\n|Photo: |Advertisement){0,80}") {
            let got = mask_furniture(&s);
            proptest::prop_assert_eq!(got.chars().count(), s.chars().count());
            for (a, b) in s.chars().zip(got.chars()) {
                proptest::prop_assert!(a == b || (b == ' ' && a != '\n'));
            }
        }
    }

    #[test]
    fn empty_and_plain() {
        check("", "");
        kept("Just text.\n\nMore text.");
    }
}
