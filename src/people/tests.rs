//! Merge and no-merge cases of linking, with made-up names and articles.

use super::link::{link, ArticleEvidence, Evidence};
use super::{Link, People, Row, RowKind};
use crate::identity::{speaker_form, Aliases};
use std::collections::HashMap;

/// A made-up corpus: articles with outlets, dates and quotes per speaker form.
#[derive(Default)]
struct Corpus {
    ev: Evidence,
    forms: HashMap<String, u32>,
    outlets: HashMap<String, u32>,
}

/// One speaker as an article names them: name, title, mention, quotes.
type Said<'a> = (&'a str, Option<&'a str>, Option<&'a str>, u32);

impl Corpus {
    /// `meta`: the article's source and author as words (`"Office of Sen. Quill"`); `day`:
    /// days since 2000-01-01.
    fn article(&mut self, meta: &str, day: Option<i64>, said: &[Said]) -> &mut Corpus {
        let outlet = match self.outlets.get(meta) {
            Some(&o) => o,
            None => {
                let words = crate::identity::fold(meta)
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .map(str::to_string)
                    .collect();
                self.ev.outlets.push(words);
                let o = self.ev.outlets.len() as u32 - 1;
                self.outlets.insert(meta.to_string(), o);
                o
            }
        };
        let mut quotes = Vec::new();
        for &(name, title, mention, n) in said {
            let form = speaker_form(name, title, mention);
            let next = self.forms.len() as u32;
            let f = *self.forms.entry(form.clone()).or_insert_with(|| {
                self.ev.forms.push(form);
                next
            });
            quotes.push((f, n));
        }
        let id = format!("a{}", self.ev.articles.len());
        self.ev.articles.push(ArticleEvidence {
            id,
            outlet,
            date: day.map(|d| 946_684_800 + d * 86_400),
            quotes,
        });
        self
    }

    /// The same speaker quoted `n` times in each of `articles` separate articles.
    fn spread(&mut self, meta: &str, articles: usize, said: Said) -> &mut Corpus {
        for _ in 0..articles {
            self.article(meta, None, &[said]);
        }
        self
    }

    fn link(&self, aliases: &str) -> Linked {
        let (aliases, problems) = Aliases::parse(aliases);
        assert!(problems.is_empty(), "{problems:?}");
        Linked(People::new(link(&self.ev, &aliases)))
    }
}

struct Linked(People);

impl Linked {
    /// Rows holding quotes under `name` (in any article).
    fn rows_of(&self, name: &str) -> Vec<&Row> {
        self.0
            .rows
            .iter()
            .filter(|r| r.variants.iter().any(|v| v.name == name))
            .collect()
    }

    /// The one row holding `name`.
    #[track_caller]
    fn row(&self, name: &str) -> &Row {
        let rows = self.rows_of(name);
        assert_eq!(
            rows.len(),
            1,
            "{name} is in {} rows: {:#?}",
            rows.len(),
            self.0.rows
        );
        rows[0]
    }

    #[track_caller]
    fn same(&self, a: &str, b: &str) {
        assert_eq!(
            self.row(a).id,
            self.row(b).id,
            "{a} and {b} should be one person: {:#?}",
            self.0.rows
        );
    }

    #[track_caller]
    fn apart(&self, a: &str, b: &str) {
        let ra: Vec<&str> = self.rows_of(a).iter().map(|r| r.id.as_str()).collect();
        let rb: Vec<&str> = self.rows_of(b).iter().map(|r| r.id.as_str()).collect();
        assert!(!ra.is_empty() && !rb.is_empty(), "{a}: {ra:?}, {b}: {rb:?}");
        assert!(
            ra.iter().all(|x| !rb.contains(x)),
            "{a} and {b} must stay apart: {:#?}",
            self.0.rows
        );
    }

    /// How `name` was linked in its (one) row.
    #[track_caller]
    fn link_of(&self, name: &str) -> Option<Link> {
        let row = self.row(name);
        let links: Vec<Option<Link>> = row
            .variants
            .iter()
            .filter(|v| v.name == name)
            .map(|v| v.link)
            .collect();
        assert_eq!(links.len(), 1, "{name}: {links:?}");
        links[0]
    }
}

const WIRE: &str = "Daily Wire";

/// Full names: forms that are one person.
#[test]
fn full_names_merge() {
    let cases: &[(&str, &str, Link)] = &[
        ("Orla Ferrante", "ORLA FERRANTÉ", Link::SameName),
        ("Orla Ferrante", "Sen. Orla Ferrante", Link::SameName),
        ("Orla Ferrante", "Senators Orla Ferrante", Link::SameName),
        ("Brannock Q. Hale", "Brannock Hale", Link::SameName),
        ("Brannock Q. Hale", "Brannock Quentin Hale", Link::SameName),
        ("Charles Wendover", "Chuck Wendover", Link::Nickname),
        ("Richard Alvar", "Dick Alvar", Link::Nickname),
        ("Edward Morrow", "Ted Morrow", Link::Nickname),
        ("Joseph Pask", "Joe Pask", Link::Nickname),
        ("William Tarrant", "Bill Tarrant", Link::Nickname),
        ("John D. Corvin", "Jay Corvin", Link::Nickname),
        ("Joseph R. Pask", "Drugs Joseph R Pask", Link::SameName),
        ("Kay Dunmore Lisle", "Kay Lisle", Link::SameName),
    ];
    for &(a, b, how) in cases {
        let mut c = Corpus::default();
        c.article(WIRE, None, &[(a, None, None, 3)]);
        c.article(WIRE, None, &[(b, None, None, 1)]);
        let l = c.link("");
        l.same(a, b);
        assert_eq!(l.link_of(b), Some(how), "{a} / {b}");
        assert_eq!(l.row(a).kind, RowKind::Person);
    }
}

/// Full names that look alike but are two people.
#[test]
fn full_names_stay_apart() {
    let cases: &[(&str, &str)] = &[
        ("Ken Salvatore", "John Salvatore"),
        ("Ted Kenning", "Patrick Kenning"),
        ("Donald Trumbull", "Donald Trumbull Jr."),
        ("George W. Bosch", "George H. W. Bosch"),
        ("Pat Lindqvist", "Patricia Lindqvist"),
        ("John Fitzgerald Coyle", "John Francis Coyle"),
        ("J. Smithers", "John Smithers"),
        ("Harold Vane", "Henry Vane"),
    ];
    for &(a, b) in cases {
        let mut c = Corpus::default();
        c.article(WIRE, None, &[(a, Some("Mr."), Some("he"), 4)]);
        c.article(WIRE, None, &[(b, None, None, 2)]);
        c.link("").apart(a, b);
    }
}

/// `George Bush` fits both Bushes: a row of its own, never either of them.
#[test]
fn a_name_fitting_two_people_is_its_own_row() {
    let mut c = Corpus::default();
    c.article(WIRE, None, &[("George W. Bosch", None, None, 5)]);
    c.article(WIRE, None, &[("George H. W. Bosch", None, None, 3)]);
    c.article(WIRE, None, &[("George Bosch", None, None, 2)]);
    let l = c.link("");
    l.apart("George Bosch", "George W. Bosch");
    l.apart("George Bosch", "George H. W. Bosch");
    assert_eq!(l.row("George Bosch").kind, RowKind::Ambiguous);
    // With only one of them in the corpus, the plain name is his.
    let mut c = Corpus::default();
    c.article(WIRE, None, &[("George W. Bosch", None, None, 5)]);
    c.article(WIRE, None, &[("George Bosch", None, None, 2)]);
    c.link("").same("George Bosch", "George W. Bosch");
    // Ted is Edward or Theodore: with both present, Ted stays apart.
    let mut c = Corpus::default();
    c.article(WIRE, None, &[("Edward Morrow", None, None, 5)]);
    c.article(WIRE, None, &[("Theodore Morrow", None, None, 5)]);
    c.article(WIRE, None, &[("Ted Morrow", None, None, 2)]);
    let l = c.link("");
    l.apart("Ted Morrow", "Edward Morrow");
    l.apart("Ted Morrow", "Theodore Morrow");
    l.apart("Edward Morrow", "Theodore Morrow");
}

/// A woman and a man with one surname: the given name's gender, or the titles and pronouns.
#[test]
fn genders_keep_people_apart() {
    let mut c = Corpus::default();
    // `Pat` is Patrick or Patricia; this one is called Mr and he.
    c.article(WIRE, None, &[("Pat Lindqvist", Some("Mr"), Some("he"), 4)]);
    c.article(WIRE, None, &[("Patricia Lindqvist", None, Some("she"), 2)]);
    c.article(WIRE, None, &[("Patrick Lindqvist", None, None, 2)]);
    let l = c.link("");
    l.same("Pat Lindqvist", "Patrick Lindqvist");
    l.apart("Pat Lindqvist", "Patricia Lindqvist");
    // A surname alone with a woman's honorific never goes to the only man of that name.
    let mut c = Corpus::default();
    c.spread(WIRE, 6, ("Tom Fairweather", None, Some("he"), 3));
    c.article(
        WIRE,
        None,
        &[("Fairweather", None, Some("Mrs Fairweather"), 2)],
    );
    c.article(
        WIRE,
        None,
        &[("Fairweather", None, Some("Mr Fairweather"), 2)],
    );
    let l = c.link("");
    assert_eq!(l.rows_of("Fairweather").len(), 2);
    let mrs = speaker_form("Fairweather", None, Some("Mrs Fairweather"));
    let (r, link) =
        l.0.row_of_quote("Fairweather", None, Some("Mrs Fairweather"), "a6")
            .unwrap();
    assert_eq!(l.0.rows[r].kind, RowKind::Surname, "{mrs}");
    assert_eq!(link, None);
    let (r, link) =
        l.0.row_of_quote("Fairweather", None, Some("Mr Fairweather"), "a7")
            .unwrap();
    assert_eq!(l.0.rows[r].name, "Tom Fairweather");
    assert_eq!(link, Some(Link::SurnameDominant));
}

/// A surname alone in releases of the person's own office.
#[test]
fn surname_in_byline() {
    let office = "Senate release Office of Sen. Quillfeather";
    let mut c = Corpus::default();
    c.article(
        office,
        None,
        &[("Mara Quillfeather", Some("Sen."), None, 2)],
    );
    for _ in 0..5 {
        c.article(office, None, &[("Quillfeather", Some("Senator"), None, 3)]);
    }
    // Her brother the congressman, in her releases: his title is not hers.
    c.article(
        office,
        None,
        &[
            ("Quillfeather", Some("Rep."), Some("Rep. Quillfeather"), 1),
            ("Senators Quillfeather", None, None, 1),
        ],
    );
    c.article(WIRE, None, &[("Dan Quillfeather", Some("Rep."), None, 1)]);
    let l = c.link("");
    let her = l.row("Mara Quillfeather").id.clone();
    let (r, link) =
        l.0.row_of_quote("Quillfeather", Some("Senator"), None, "a1")
            .unwrap();
    assert_eq!(
        (l.0.rows[r].id.as_str(), link),
        (her.as_str(), Some(Link::SurnameInByline))
    );
    let (r, _) =
        l.0.row_of_quote("Senators Quillfeather", None, None, "a6")
            .unwrap();
    assert_eq!(l.0.rows[r].id, her);
    let (r, link) =
        l.0.row_of_quote(
            "Quillfeather",
            Some("Rep."),
            Some("Rep. Quillfeather"),
            "a6",
        )
        .unwrap();
    assert_ne!(
        l.0.rows[r].id, her,
        "a congressman's quote is not the senator's"
    );
    assert_eq!(link, None);
    // A byline run together with the given name (`BillNelson`) says which Nelson.
    let mut c = Corpus::default();
    c.article(
        "Office of Sen. BillNorsk",
        None,
        &[("Norsk", None, None, 2)],
    );
    c.article(WIRE, None, &[("Bill Norsk", None, None, 3)]);
    c.article(WIRE, None, &[("Ben Norsk", None, None, 3)]);
    let l = c.link("");
    let (r, link) = l.0.row_of_quote("Norsk", None, None, "a0").unwrap();
    assert_eq!(
        (l.0.rows[r].name.as_str(), link),
        ("Bill Norsk", Some(Link::SurnameInByline))
    );
}

/// Surname alone elsewhere: in the article, in the outlet that month, by dominance.
#[test]
fn surname_links_and_their_limits() {
    let mut c = Corpus::default();
    // In the article: one Kenning quoted in full beside the bare one.
    c.article(
        WIRE,
        Some(10),
        &[("Ted Kenning", None, None, 1), ("Kenning", None, None, 1)],
    );
    // Both Kennings in one article: the bare one is either.
    c.article(
        WIRE,
        Some(400),
        &[
            ("Ted Kenning", None, None, 1),
            ("Patrick Kenning", None, None, 1),
            ("Kenning", None, None, 1),
        ],
    );
    // Same outlet, same month: only Patrick quoted in full around day 800.
    c.article(
        "Coast Courier",
        Some(800),
        &[("Patrick Kenning", None, None, 2)],
    );
    c.article("Coast Courier", Some(810), &[("Kenning", None, None, 1)]);
    // Same outlet, a year later: no full name nearby, and neither Kenning dominates.
    c.article("Coast Courier", Some(1200), &[("Kenning", None, None, 1)]);
    c.spread(WIRE, 4, ("Ted Kenning", None, None, 2));
    c.spread(WIRE, 2, ("Patrick Kenning", None, None, 2));
    let l = c.link("");
    let ted = l.row("Ted Kenning").id.clone();
    let pat = l.row("Patrick Kenning").id.clone();
    let who = |article: &str| {
        l.0.row_of_quote("Kenning", None, None, article)
            .map(|(r, link)| (l.0.rows[r].id.clone(), link))
            .unwrap()
    };
    assert_eq!(who("a0"), (ted.clone(), Some(Link::SurnameInArticle)));
    assert_eq!(who("a1").1, None, "two Kennings in the article");
    assert_eq!(who("a3"), (pat.clone(), Some(Link::SurnameInPeriod)));
    assert_eq!(who("a4").1, None, "several people share that name");
    assert_eq!(
        l.0.rows[l.0.row_of_quote("Kenning", None, None, "a4").unwrap().0].kind,
        RowKind::Surname
    );
}

#[test]
fn dominance_needs_support() {
    // 12 quotes of one Thistlewood in three articles, a stray other: dominant.
    let mut c = Corpus::default();
    c.spread(WIRE, 3, ("Albert Thistlewood", None, None, 4));
    c.article(WIRE, None, &[("Mr Thistlewood", None, None, 2)]);
    let l = c.link("");
    l.same("Mr Thistlewood", "Albert Thistlewood");
    assert_eq!(l.link_of("Mr Thistlewood"), Some(Link::SurnameDominant));
    // Five quotes prove nothing.
    let mut c = Corpus::default();
    c.spread(WIRE, 5, ("Albert Thistlewood", None, None, 1));
    c.article(WIRE, None, &[("Mr Thistlewood", None, None, 2)]);
    c.link("").apart("Mr Thistlewood", "Albert Thistlewood");
    // 85 %: two people share the name.
    let mut c = Corpus::default();
    c.spread(WIRE, 6, ("Albert Thistlewood", None, None, 3));
    c.spread(WIRE, 3, ("Olive Thistlewood", None, None, 1));
    c.article(WIRE, None, &[("Thistlewood", None, None, 2)]);
    let l = c.link("");
    l.apart("Thistlewood", "Albert Thistlewood");
    l.apart("Thistlewood", "Olive Thistlewood");
    // A surname that is also a given name needs more: `Charles` alone may be a prince.
    let mut c = Corpus::default();
    c.spread(WIRE, 4, ("Ray Charles", None, None, 3));
    c.article(WIRE, None, &[("Charles", None, None, 1)]);
    c.link("").apart("Charles", "Ray Charles");
    // "It" is a company, never a person.
    let mut c = Corpus::default();
    c.spread(WIRE, 4, ("Albert Thistlewood", None, None, 4));
    c.article(WIRE, None, &[("Thistlewood", None, Some("it"), 2)]);
    c.link("").apart("Thistlewood", "Albert Thistlewood");
}

#[test]
fn alias_file_overrides_and_forbids() {
    let mut c = Corpus::default();
    c.spread(WIRE, 3, ("Albert Thistlewood", None, None, 4));
    c.article(WIRE, None, &[("Mr Thistlewood", None, None, 2)]);
    c.article(WIRE, None, &[("Edward Morrow", None, None, 2)]);
    c.article(WIRE, None, &[("Ted Morrow", None, None, 2)]);
    c.article(WIRE, None, &[("Barry Obana", None, None, 2)]);
    c.article(WIRE, None, &[("Barack Obana", None, None, 2)]);
    c.article(WIRE, None, &[("Barack H. Obana", None, None, 1)]);
    c.article(WIRE, None, &[("Osgood Vell", None, None, 1)]);
    let l = c.link(
        "# made-up people\n\
         !Mr Thistlewood\tAlbert Thistlewood\n\
         !Ted Morrow\tEdward Morrow\n\
         Barack Obana\tBarry Obana\n\
         !Osgood Vell\n",
    );
    l.apart("Mr Thistlewood", "Albert Thistlewood");
    l.apart("Ted Morrow", "Edward Morrow");
    l.same("Barry Obana", "Barack Obana");
    l.same("Barack H. Obana", "Barack Obana");
    assert_eq!(l.link_of("Barry Obana"), Some(Link::Alias));
    assert_eq!(l.row("Barry Obana").name, "Barack Obana");
    assert_eq!(l.row("Osgood Vell").kind, RowKind::Name);
}

/// What a user types finds the person.
#[test]
fn typed_names_resolve() {
    let mut c = Corpus::default();
    c.spread(WIRE, 3, ("Chuck Wendover", Some("Sen."), None, 4));
    c.article(WIRE, None, &[("Charles E. Wendover", None, None, 1)]);
    c.article(WIRE, None, &[("Wendover", None, None, 2)]);
    c.article(WIRE, None, &[("Nell Wendover", None, Some("she"), 1)]);
    c.article(WIRE, None, &[("George W. Bosch", None, None, 5)]);
    c.article(WIRE, None, &[("George H. W. Bosch", None, None, 3)]);
    c.article(WIRE, None, &[("George Bosch", None, None, 2)]);
    let l = c.link("");
    let p = &l.0;
    let names = |typed: &str| -> Vec<String> {
        p.resolve(typed)
            .iter()
            .map(|&r| p.rows[r].name.clone())
            .collect()
    };
    assert_eq!(names("Charles Wendover"), vec!["Chuck Wendover"]);
    assert_eq!(names("chuck wendover"), vec!["Chuck Wendover"]);
    assert_eq!(names("Sen. Charles E. Wendover"), vec!["Chuck Wendover"]);
    assert_eq!(names("Wendover"), vec!["Chuck Wendover", "Nell Wendover"]);
    assert!(names("Carl Wendover").is_empty());
    assert_eq!(names("George W. Bosch"), vec!["George W. Bosch"]);
    assert_eq!(
        names("George Bosch").len(),
        3,
        "both Bosches and the name that fits both"
    );
    let id = &p.rows[p.resolve("Chuck Wendover")[0]].id;
    assert_eq!(id, "charles-e-wendover", "formal given name and initials");
}

/// A surname titled with an office goes only to a person known in that office, and a
/// congressman's title never joins a senator.
#[test]
fn roles_keep_people_apart() {
    let mut c = Corpus::default();
    // The same outlet quotes only Laura Bosch in full that month; "President Bosch" is not her.
    c.article(
        "Coast Courier",
        Some(100),
        &[("Laura Bosch", Some("First Lady"), None, 3)],
    );
    c.article(
        "Coast Courier",
        Some(101),
        &[("Bosch", Some("President"), None, 1)],
    );
    c.article(
        "Coast Courier",
        Some(102),
        &[("Bosch", None, Some("she"), 1)],
    );
    let l = c.link("");
    let (r, _) =
        l.0.row_of_quote("Bosch", Some("President"), None, "a1")
            .unwrap();
    assert_eq!(l.0.rows[r].kind, RowKind::Surname);
    let (r, link) = l.0.row_of_quote("Bosch", None, Some("she"), "a2").unwrap();
    assert_eq!(
        (l.0.rows[r].name.as_str(), link),
        ("Laura Bosch", Some(Link::SurnameInPeriod))
    );
    // A senator dominant in the corpus does not take a congressman's quote.
    let mut c = Corpus::default();
    c.spread(WIRE, 7, ("Ken Salvatore", Some("Sen."), None, 4));
    c.article(WIRE, None, &[("Salvatore", Some("Rep."), None, 1)]);
    c.article(WIRE, None, &[("Salvatore", Some("Senator"), None, 1)]);
    let l = c.link("");
    let (r, _) =
        l.0.row_of_quote("Salvatore", Some("Rep."), None, "a7")
            .unwrap();
    assert_eq!(l.0.rows[r].kind, RowKind::Surname);
    let (r, link) =
        l.0.row_of_quote("Salvatore", Some("Senator"), None, "a8")
            .unwrap();
    assert_eq!(
        (l.0.rows[r].name.as_str(), link),
        ("Ken Salvatore", Some(Link::SurnameDominant))
    );
}
