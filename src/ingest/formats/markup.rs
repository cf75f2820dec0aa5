//! A linear pre-pass over HTML that keeps hostile markup from making the parser slow.
//!
//! html5ever does work per open element for every end tag and per attribute for every
//! attribute of a tag (duplicate check), so 100,000 nested `<div>`s or one element with
//! 200,000 attributes cost minutes. Before parsing, this pass follows the nesting the way
//! the parser will (a stack of open element names, void elements never opened, end tags
//! closing up to their match and ignored without one) and rewrites the page only if it goes
//! past the limits: start tags deeper than [`MAX_DEPTH`] are dropped (their text stays) and
//! attributes past [`MAX_ATTRIBUTES`] on one tag are dropped. Every step looks at a bounded
//! part of the stack, so the pass and the parse of what it returns are linear.

/// Deepest element nesting kept.
pub const MAX_DEPTH: usize = 512;
/// Most attributes kept on one tag.
pub const MAX_ATTRIBUTES: usize = 256;

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// What was trimmed, for the file's warning.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Trimmed {
    pub deep_tags: usize,
    pub attributes: usize,
}

impl Trimmed {
    pub fn warning(&self) -> String {
        let mut parts = Vec::new();
        if self.deep_tags > 0 {
            parts.push(format!(
                "{} tags nested deeper than {MAX_DEPTH} ignored",
                self.deep_tags
            ));
        }
        if self.attributes > 0 {
            parts.push(format!(
                "{} attributes past {MAX_ATTRIBUTES} on one tag ignored",
                self.attributes
            ));
        }
        format!("hostile markup: {}", parts.join(", "))
    }
}

/// `html` with excess nesting and attributes removed, or `None` when it is within limits.
pub fn limit(html: &str) -> Option<(String, Trimmed)> {
    let b = html.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0; // bytes of `html` already in `out`
    let mut trimmed = Trimmed::default();
    let mut stack: Vec<String> = Vec::new();
    let mut i = 0;
    // Cut `html[from..to]` out of the output (first making the output a copy so far).
    let cut = |out: &mut Option<String>, copied: &mut usize, from: usize, to: usize| {
        let o = out.get_or_insert_with(|| String::with_capacity(html.len()));
        o.push_str(&html[*copied..from]);
        *copied = to;
    };
    while let Some(off) = memchr(b'<', &b[i..]) {
        let lt = i + off;
        i = lt + 1;
        match b.get(i) {
            Some(b'!') | Some(b'?') => {
                i = if b[i..].starts_with(b"!--") {
                    find(b, i + 3, b"-->").map_or(b.len(), |p| p + 3)
                } else {
                    memchr(b'>', &b[i..]).map_or(b.len(), |p| i + p + 1)
                };
            }
            Some(b'/') => {
                let (name, end) = tag_name(b, i + 1);
                i = memchr(b'>', &b[end..]).map_or(b.len(), |p| end + p + 1);
                // Close up to the innermost open element of that name, as the parser does;
                // an end tag with no match changes nothing. Only the top MAX_DEPTH entries
                // exist, so this is bounded.
                if let Some(at) = stack.iter().rposition(|n| *n == name) {
                    stack.truncate(at);
                }
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let (name, mut j) = tag_name(b, i);
                // Attributes: name[=value], value quoted or not, until `>`.
                let mut attrs = 0;
                let mut self_closing = false;
                let mut drop_from = None;
                loop {
                    while j < b.len() && (b[j].is_ascii_whitespace() || b[j] == b'/') {
                        self_closing = b[j] == b'/';
                        j += 1;
                    }
                    if j >= b.len() || b[j] == b'>' {
                        break;
                    }
                    self_closing = false;
                    attrs += 1;
                    if attrs == MAX_ATTRIBUTES + 1 {
                        drop_from = Some(j);
                    }
                    while j < b.len()
                        && !b[j].is_ascii_whitespace()
                        && !matches!(b[j], b'>' | b'=' | b'/')
                    {
                        j += 1;
                    }
                    while j < b.len() && b[j].is_ascii_whitespace() {
                        j += 1;
                    }
                    if j < b.len() && b[j] == b'=' {
                        j += 1;
                        while j < b.len() && b[j].is_ascii_whitespace() {
                            j += 1;
                        }
                        match b.get(j) {
                            Some(&q @ (b'"' | b'\'')) => {
                                j = memchr(q, &b[j + 1..]).map_or(b.len(), |p| j + 1 + p + 1);
                            }
                            _ => {
                                while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                                    j += 1;
                                }
                            }
                        }
                    }
                }
                let close = j.min(b.len());
                i = (close + 1).min(b.len());
                if let Some(from) = drop_from {
                    trimmed.attributes += attrs - MAX_ATTRIBUTES;
                    cut(&mut out, &mut copied, from, close);
                }
                if RAW_TEXT.contains(&name.as_str()) {
                    // Its content is text up to its end tag, whatever it looks like.
                    let end = format!("</{name}");
                    i = find_ci(b, i, end.as_bytes()).unwrap_or(b.len());
                    continue;
                }
                if self_closing || VOID.contains(&name.as_str()) {
                    continue;
                }
                close_implied(&mut stack, &name);
                if stack.len() >= MAX_DEPTH {
                    trimmed.deep_tags += 1;
                    cut(&mut out, &mut copied, lt, i);
                    continue;
                }
                stack.push(name);
            }
            _ => {}
        }
    }
    let mut out = out?;
    out.push_str(&html[copied.min(html.len())..]);
    Some((out, trimmed))
}

/// Start tags that close an open `<p>`.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
    "li",
    "dd",
    "dt",
];

/// Pop what the parser closes implicitly when `name` starts: an open `<p>` before a block,
/// the previous `<li>`, `<dt>`/`<dd>`, `<option>`, `<tr>`, `<td>`/`<th>` before another
/// (within their list, table or row). Without this a page of unclosed `<p>`s would look
/// deeply nested.
fn close_implied(stack: &mut Vec<String>, name: &str) {
    let close = |stack: &mut Vec<String>, same: &[&str], walls: &[&str]| {
        for at in (0..stack.len()).rev() {
            if walls.contains(&stack[at].as_str()) {
                return;
            }
            if same.contains(&stack[at].as_str()) {
                stack.truncate(at);
                return;
            }
        }
    };
    if CLOSES_P.contains(&name) {
        close(stack, &["p"], &["button", "table", "td", "th", "html"]);
    }
    match name {
        "li" => close(stack, &["li"], &["ul", "ol", "table"]),
        "dt" | "dd" => close(stack, &["dt", "dd"], &["dl", "table"]),
        "option" => close(stack, &["option"], &["select", "datalist"]),
        "tr" => close(stack, &["tr"], &["table"]),
        "td" | "th" => close(stack, &["td", "th"], &["tr", "table"]),
        _ => {}
    }
}

/// The lower-cased tag name starting at `at`, and where it ends.
fn tag_name(b: &[u8], at: usize) -> (String, usize) {
    let mut j = at;
    while j < b.len() && !b[j].is_ascii_whitespace() && !matches!(b[j], b'>' | b'/') {
        j += 1;
    }
    (String::from_utf8_lossy(&b[at..j]).to_ascii_lowercase(), j)
}

fn memchr(c: u8, b: &[u8]) -> Option<usize> {
    b.iter().position(|&x| x == c)
}

fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    b.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

fn find_ci(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    b.get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| from + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_are_left_alone() {
        let page = "<html><head><title>a<b</title><script>if (a<b) {}</script></head>\
                    <body><p>One<p>Two <img src=x><br/><!-- <div> --><div class=\"a>b\">x</div></body></html>";
        assert_eq!(limit(page), None);
        // Unclosed elements that the parser would keep open count, and close with their end.
        let nested = "<div>".repeat(MAX_DEPTH) + &"</div>".repeat(MAX_DEPTH) + "<div>x</div>";
        assert_eq!(limit(&nested), None);
        // A thousand paragraphs, list items or cells never closed are not nesting.
        let sloppy = "<p>x".repeat(1000)
            + &"<ul><li>a<li>b</ul>".repeat(600)
            + "<table>"
            + &"<tr><td>a<td>b".repeat(600)
            + "</table>";
        assert_eq!(limit(&sloppy), None);
    }

    #[test]
    fn deep_nesting_and_attribute_floods_are_trimmed() {
        let deep = "<div>".repeat(MAX_DEPTH + 10) + "text" + &"</div>".repeat(MAX_DEPTH + 10);
        let (out, t) = limit(&deep).unwrap();
        assert_eq!(t.deep_tags, 10);
        assert_eq!(out.matches("<div>").count(), MAX_DEPTH);
        assert!(out.contains("text"));
        // Stray end tags do not make room for more depth.
        let sneaky = "<div>".repeat(MAX_DEPTH) + &"</span>".repeat(50) + &"<div>".repeat(50);
        assert_eq!(limit(&sneaky).unwrap().1.deep_tags, 50);

        let attrs: String = (0..MAX_ATTRIBUTES + 5)
            .map(|n| format!(" a{n}=\"v>\""))
            .collect();
        let page = format!("<p{attrs}>Hello</p>");
        let (out, t) = limit(&page).unwrap();
        assert_eq!(t.attributes, 5);
        assert!(out.ends_with(">Hello</p>"), "{}", &out[out.len() - 20..]);
        assert_eq!(out.matches("=\"v>\"").count(), MAX_ATTRIBUTES);
    }
}
