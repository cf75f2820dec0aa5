//! `.html`/`.htm`: metadata from `<meta>`/`<link>`/`<time>`, and the main text of the page.
//!
//! Main text comes from the longest `<article>`, else `<main>`, else `<body>`, else the whole
//! document, with navigation, scripts, forms, captions and the like dropped. Block elements
//! become paragraph breaks (`\n\n`), inline text is joined with single spaces. The tree is walked
//! with an explicit cursor (first child / next sibling / parent), never by recursion, so deeply
//! nested markup cannot overflow the stack.

use scraper::{ElementRef, Html, Node, Selector};

use crate::ingest::{date, mask_furniture, FileError};
use crate::model::Article;

use super::{clean_field, Ctx, Sink};

/// Elements whose whole subtree is never article text.
const DROPPED: &[&str] = &[
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "template",
    "button",
    "figcaption",
    "head",
    "title",
    "select",
    "textarea",
    "object",
    "embed",
    "canvas",
    "video",
    "audio",
    "map",
    "dialog",
    "menu",
];

/// Elements that start and end a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "br",
    "hr",
    "tr",
    "td",
    "th",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "caption",
    "section",
    "article",
    "main",
    "figure",
    "pre",
    "address",
    "details",
    "summary",
    "center",
    "body",
    "html",
    "fieldset",
    "picture",
];

pub(crate) fn parse(
    ctx: &Ctx<'_>,
    text: &str,
    sink: &mut Sink<'_>,
    warnings: &mut Vec<String>,
) -> Result<(), FileError> {
    // Hostile nesting or attribute floods would make the parser quadratic (see `markup`).
    let limited = super::markup::limit(text);
    let text = match &limited {
        Some((page, trimmed)) => {
            warnings.push(trimmed.warning());
            page.as_str()
        }
        None => text,
    };
    let doc = Html::parse_document(text);
    let meta = Meta::read(&doc);
    let main = main_element(&doc);
    let body_text = extract_text(main);
    if body_text.is_empty() {
        return Err(FileError::new(ctx.path, "no text in HTML"));
    }
    let id = meta.url.clone().unwrap_or_else(|| ctx.id_base.to_string());
    let body = mask_furniture(&body_text);
    sink(Ok(Article {
        id,
        path: ctx.path.to_string(),
        line: None,
        title: meta.title,
        date: meta.date,
        source: meta.source,
        url: meta.url,
        author: meta.author,
        text: body_text,
        body,
    }));
    Ok(())
}

fn selector(s: &str) -> Selector {
    // The selectors are constants of this file; a parse failure is a bug caught by the tests.
    Selector::parse(s).expect("valid CSS selector")
}

#[derive(Debug, Default)]
struct Meta {
    title: Option<String>,
    date: Option<String>,
    url: Option<String>,
    author: Option<String>,
    source: Option<String>,
}

impl Meta {
    fn read(doc: &Html) -> Meta {
        // `<meta property=… content=…>` and `<meta name=… content=…>`, first of each key wins.
        let mut metas: Vec<(String, String)> = Vec::new();
        for el in doc.select(&selector("meta[content]")) {
            let v = el.value();
            let key = v
                .attr("property")
                .or_else(|| v.attr("name"))
                .or_else(|| v.attr("itemprop"));
            if let (Some(key), Some(content)) = (key, v.attr("content")) {
                metas.push((key.trim().to_ascii_lowercase(), content.to_string()));
            }
        }
        let get = |keys: &[&str]| -> Option<String> {
            keys.iter().find_map(|k| {
                metas
                    .iter()
                    .filter(|(key, _)| key == k)
                    .find_map(|(_, c)| clean_field(c))
            })
        };
        let first_text = |sel: &str| {
            doc.select(&selector(sel))
                .find_map(|el| clean_field(&el.text().collect::<String>()))
        };
        let first_attr = |sel: &str, attr: &str| {
            doc.select(&selector(sel))
                .find_map(|el| el.value().attr(attr).and_then(clean_field))
        };

        let title = get(&["og:title"]).or_else(|| first_text("title"));
        let date = get(&["article:published_time"])
            .and_then(|d| date::normalize_date(&d))
            .or_else(|| {
                doc.select(&selector("time[datetime]"))
                    .find_map(|el| el.value().attr("datetime").and_then(date::normalize_date))
            })
            .or_else(|| {
                get(&[
                    "date",
                    "pubdate",
                    "publishdate",
                    "publish-date",
                    "datepublished",
                    "dc.date",
                ])
                .and_then(|d| date::normalize_date(&d))
            });
        let url = first_attr("link[rel~=canonical][href]", "href").or_else(|| get(&["og:url"]));
        let author = get(&["author", "article:author"]);
        let source = get(&["og:site_name"]);
        Meta {
            title,
            date,
            url,
            author,
            source,
        }
    }
}

/// The element holding the article: the longest `<article>`, else `<main>`, else `<body>`, else
/// the root.
fn main_element(doc: &Html) -> ElementRef<'_> {
    let text_len = |el: &ElementRef<'_>| el.text().map(str::len).sum::<usize>();
    if let Some(article) = doc.select(&selector("article")).max_by_key(text_len) {
        return article;
    }
    doc.select(&selector("main"))
        .next()
        .or_else(|| doc.select(&selector("body")).next())
        .unwrap_or_else(|| doc.root_element())
}

/// Builds text from a stream of words and paragraph breaks.
#[derive(Default)]
struct TextBuilder {
    out: String,
    pending_space: bool,
    pending_break: bool,
}

impl TextBuilder {
    fn text(&mut self, s: &str) {
        for c in s.chars() {
            if c.is_whitespace() {
                self.pending_space = true;
                continue;
            }
            if !self.out.is_empty() {
                if self.pending_break {
                    self.out.push_str("\n\n");
                } else if self.pending_space {
                    self.out.push(' ');
                }
            }
            self.pending_break = false;
            self.pending_space = false;
            self.out.push(c);
        }
    }

    fn block(&mut self) {
        self.pending_break = true;
    }
}

fn is_hidden(el: &scraper::node::Element) -> bool {
    el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true")
}

/// The visible text under `root`, iteratively.
fn extract_text(root: ElementRef<'_>) -> String {
    let mut b = TextBuilder::default();
    let root_id = root.id();
    let mut node = *root;
    'walk: loop {
        // Enter `node`; decide whether to descend.
        let descend = match node.value() {
            Node::Text(t) => {
                b.text(t);
                false
            }
            Node::Element(el) => {
                let name = el.name();
                if DROPPED.contains(&name) || (node.id() != root_id && is_hidden(el)) {
                    false
                } else {
                    if BLOCKS.contains(&name) {
                        b.block();
                    }
                    true
                }
            }
            Node::Document | Node::Fragment => true,
            // Comments, doctypes, processing instructions.
            _ => false,
        };
        if descend {
            if let Some(child) = node.first_child() {
                node = child;
                continue;
            }
        }
        // Leave `node` and every ancestor that has no next sibling.
        loop {
            if let Node::Element(el) = node.value() {
                if BLOCKS.contains(&el.name()) {
                    b.block();
                }
            }
            if node.id() == root_id {
                break 'walk;
            }
            if let Some(next) = node.next_sibling() {
                node = next;
                continue 'walk;
            }
            match node.parent() {
                Some(parent) => node = parent,
                None => break 'walk,
            }
        }
    }
    b.out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(html: &str) -> Result<Article, FileError> {
        let mut got = Vec::new();
        parse(
            &Ctx {
                path: "p/a.html",
                id_base: "/abs/p/a.html",
            },
            html,
            &mut |r| got.push(r.unwrap()),
            &mut Vec::new(),
        )?;
        assert_eq!(got.len(), 1);
        Ok(got.pop().unwrap())
    }

    #[test]
    fn main_text_drops_furniture_elements_and_comments() {
        let html = r##"<!doctype html><html><head><title>T</title>
            <style>p { color: red }</style><script>var x = "no";</script></head>
            <body><header>Site header</header><nav><a href="/">Home</a> | <a>World</a></nav>
            <div class="story"><h1>Big   news</h1>
            <p>First <b>bold</b> paragraph<!-- hidden comment -->, with <a href="#">a link</a>.</p>
            <figure><img src="x.jpg"><figcaption>Photo caption text</figcaption></figure>
            <p>Second<br>line.</p><script>alert("no")</script>
            <ul><li>one</li><li>two</li></ul>
            <form><button>Subscribe</button><input></form>
            <noscript>Enable JS</noscript><aside>Related: other</aside>
            <p hidden>invisible</p>
            </div><footer>Copyright</footer></body></html>"##;
        let a = run(html).unwrap();
        assert_eq!(
            a.text,
            "Big news\n\nFirst bold paragraph, with a link.\n\nSecond\n\nline.\n\none\n\ntwo"
        );
        assert_eq!(a.title.as_deref(), Some("T"));
        assert_eq!(a.id, "/abs/p/a.html");
        assert_eq!(a.path, "p/a.html");
    }

    #[test]
    fn article_is_preferred_over_body_and_main() {
        let html = "<body><main><p>Main teaser</p>\
            <article><p>Short related.</p></article>\
            <article><h2>Story</h2><p>The long real article text is here.</p></article></main>\
            <p>Outside</p></body>";
        assert_eq!(
            run(html).unwrap().text,
            "Story\n\nThe long real article text is here."
        );
        let html = "<body><p>Outside</p><main><p>Inside main</p></main></body>";
        assert_eq!(run(html).unwrap().text, "Inside main");
    }

    #[test]
    fn metadata_from_og_and_canonical() {
        let html = r#"<html><head>
            <title>Fallback title | Site</title>
            <meta property="og:title" content="The OG  Title">
            <meta property="og:url" content="https://e.org/og">
            <link rel="canonical" href="https://e.org/canonical">
            <meta property="og:site_name" content="Example News">
            <meta name="author" content="Jane Roe">
            <meta property="article:published_time" content="2017-07-20T15:01:01+02:00">
            </head><body><p>Text.</p><time datetime="2001-01-01">old</time></body></html>"#;
        let a = run(html).unwrap();
        assert_eq!(a.title.as_deref(), Some("The OG Title"));
        assert_eq!(a.url.as_deref(), Some("https://e.org/canonical"));
        assert_eq!(a.id, "https://e.org/canonical");
        assert_eq!(a.source.as_deref(), Some("Example News"));
        assert_eq!(a.author.as_deref(), Some("Jane Roe"));
        assert_eq!(a.date.as_deref(), Some("2017-07-20T13:01:01Z"));
        assert_eq!(a.text, "Text.\n\nold");
    }

    #[test]
    fn metadata_fallbacks() {
        let html = r#"<html><head><title> Plain
            title </title><meta property="og:url" content="https://e.org/og">
            <meta property="article:author" content="Ann Author"></head>
            <body><p>x</p><time>no attr</time><time datetime="20 Jul 2017">then</time></body></html>"#;
        let a = run(html).unwrap();
        assert_eq!(a.title.as_deref(), Some("Plain title"));
        assert_eq!(a.url.as_deref(), Some("https://e.org/og"));
        assert_eq!(a.author.as_deref(), Some("Ann Author"));
        assert_eq!(a.date.as_deref(), Some("2017-07-20"));
        assert_eq!(a.source, None);

        let html = r#"<meta name="date" content="2017/07/20"><p>x</p>"#;
        assert_eq!(run(html).unwrap().date.as_deref(), Some("2017-07-20"));
        let html = r#"<meta name="pubdate" content="July 20, 2017"><p>x</p>"#;
        assert_eq!(run(html).unwrap().date.as_deref(), Some("2017-07-20"));
    }

    #[test]
    fn no_body_tag() {
        let a = run("<title>Only title</title>Loose text <i>here</i>.").unwrap();
        assert_eq!(a.text, "Loose text here.");
        assert_eq!(a.title.as_deref(), Some("Only title"));
        let a = run("Just words, no tags at all.").unwrap();
        assert_eq!(a.text, "Just words, no tags at all.");
    }

    #[test]
    fn entities_and_whitespace() {
        let a = run("<p>Tom &amp; Jerry&nbsp;said &ldquo;hi&rdquo;\n\t again</p>").unwrap();
        assert_eq!(a.text, "Tom & Jerry said “hi” again");
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let depth = 10_000;
        let html = format!(
            "{}deep text{}",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let a = run(&html).unwrap();
        assert_eq!(a.text, "deep text");
    }

    #[test]
    fn empty_html_is_a_file_error() {
        let e = run("<html><head><title>x</title><script>1</script></head><body> </body></html>")
            .unwrap_err();
        assert_eq!(e.to_string(), "p/a.html: no text in HTML");
    }

    #[test]
    fn body_masks_furniture_in_extracted_text() {
        let a = run("<p>Real text.</p><p>[lz_ndn video=1]</p><p>Advertisement</p>").unwrap();
        assert_eq!(a.text, "Real text.\n\n[lz_ndn video=1]\n\nAdvertisement");
        assert_eq!(a.body.trim_end(), "Real text.");
        assert_eq!(a.body.chars().count(), a.text.chars().count());
    }
}
