//! Table-driven extraction tests: one named test per construction, on sentences written for
//! these tests (never copied from the evaluation corpora).

use super::extract;
use crate::model::Quote;

/// `case!(name, text, [(quote, speaker), …])` makes one `#[test]` that asserts the exact quote
/// texts and speakers, in order.
macro_rules! case {
    ($name:ident, $text:expr, [$(($q:expr, $s:expr)),* $(,)?]) => {
        #[test]
        fn $name() {
            check($text, &[$(($q, $s)),*]);
        }
    };
}

#[track_caller]
fn check(text: &str, want: &[(&str, Option<&str>)]) {
    let got: Vec<(String, Option<String>)> = extract(text)
        .into_iter()
        .map(|q| (q.text, q.speaker))
        .collect();
    let want: Vec<(String, Option<String>)> = want
        .iter()
        .map(|(q, s)| (q.to_string(), s.map(str::to_string)))
        .collect();
    assert_eq!(got, want, "\ntext: {text}");
}

// --- quotation marks ---------------------------------------------------------------------
case!(
    curly_marks,
    "“We love this job,” Jane Doe said.",
    [("We love this job,", Some("Jane Doe"))]
);
case!(
    straight_marks,
    "\"We love this job,\" Jane Doe said.",
    [("We love this job,", Some("Jane Doe"))]
);
case!(
    low9_marks,
    "Hans Weber said: „Wir lieben diese Arbeit sehr.“",
    [("Wir lieben diese Arbeit sehr.", Some("Hans Weber"))]
);
case!(
    guillemets,
    "Marie Dubois said: «Nous aimons ce travail.»",
    [("Nous aimons ce travail.", Some("Marie Dubois"))]
);
case!(
    doubled_apostrophes,
    "''We will win this fight,'' Tom Baker said.",
    [("We will win this fight,", Some("Tom Baker"))]
);
case!(
    mixed_straight_and_curly,
    "“The plan is finished for good,\" Ann Lee said.",
    [("The plan is finished for good,", Some("Ann Lee"))]
);
case!(
    nested_single_quotes_stay_inside,
    "“He told me, ‘Thanks, Bob, but no thanks,’ and walked away,” Carla Ruiz said.",
    [(
        "He told me, ‘Thanks, Bob, but no thanks,’ and walked away,",
        Some("Carla Ruiz")
    )]
);
case!(
    nested_cue_inside_quote_is_ignored,
    "Mark Olsen spoke first. “As the mayor said, we are working on it every day,” he said.",
    [(
        "As the mayor said, we are working on it every day,",
        Some("Mark Olsen")
    )]
);
case!(
    multi_paragraph_quote,
    "Paula Green said: “The first part runs on.\n\n“And the second part goes on too.”",
    [
        ("The first part runs on.", Some("Paula Green")),
        ("And the second part goes on too.", Some("Paula Green"))
    ]
);
case!(unbalanced_recovers_at_paragraph,
    "Dan Ives said the “market is strong and getting stronger\n\n“Next year will be better,” Sara Kim said.",
    [("market is strong and getting stronger", Some("Dan Ives")), ("Next year will be better,", Some("Sara Kim"))]);
case!(
    reopening_mark_ends_previous_span,
    "\"The first part of my answer is here. \"And the rest of my answer follows,\" said Mr Brown.",
    [
        ("The first part of my answer is here.", Some("Brown")),
        ("And the rest of my answer follows,", Some("Brown"))
    ]
);
case!(shortcode_marks_ignored,
    "Ella Stone said the deal is off. [lz_related_box id=”820341″]\n\n“We walked away from the table,” she said.",
    [("We walked away from the table,", Some("Ella Stone"))]);
case!(markup_attributes_ignored,
    "<tweet author=\"@someone\" id=\"12\">hello there</tweet> “We walked away from the table,” Ed Ford said.",
    [("We walked away from the table,", Some("Ed Ford"))]);
case!(inch_marks_not_quotes,
    "The player is 5'11\" tall and uses a 12\" bat, and Jo Park said “he is the best hitter we have.”",
    [("he is the best hitter we have.", Some("Jo Park"))]);
case!(
    double_prime_not_a_quote,
    "The panel is 12″ wide. Ray Cole said “it fits in the box perfectly.”",
    [("it fits in the box perfectly.", Some("Ray Cole"))]
);
case!(
    url_marks_ignored,
    "See http://example.com/a\"b for details. Ana Ruiz said “the site is down again.”",
    [("the site is down again.", Some("Ana Ruiz"))]
);
case!(
    scare_quote_not_a_quote,
    "The so-called “experts” disagreed with the plan.",
    []
);
case!(
    title_not_a_quote,
    "She appeared on “Saturday Night Live” last year.",
    []
);
case!(empty_marks, "He wrote “” and left.", []);
case!(no_marks, "Nothing to see here, said nobody.", []);

// --- trailing cues -----------------------------------------------------------------------
case!(
    trailing_pronoun,
    "Jane Doe spoke on Monday. “We love this job,” she said.",
    [("We love this job,", Some("Jane Doe"))]
);
case!(
    inverted_cue,
    "“We love this job,” said Jane Doe, a teacher.",
    [("We love this job,", Some("Jane Doe"))]
);
case!(
    inverted_titled_name,
    "“The bill is dead,” said Sen. Kit Bond, R-Mo.",
    [("The bill is dead,", Some("Kit Bond"))]
);
case!(
    comma_outside_mark,
    "\"The bill is dead\", Mary Jones said.",
    [("The bill is dead", Some("Mary Jones"))]
);
case!(
    question_mark_trailing,
    "“Why would we stop now?” asked Lee Chan.",
    [("Why would we stop now?", Some("Lee Chan"))]
);
case!(
    apposition,
    "“We will appeal,” Rod Miles, the deputy attorney general, said.",
    [("We will appeal,", Some("Rod Miles"))]
);
case!(
    apposition_leading,
    "Rod Miles, the deputy attorney general, said: “We will appeal the ruling.”",
    [("We will appeal the ruling.", Some("Rod Miles"))]
);
case!(
    told_reporters,
    "“We are not done yet,” Nina Park told reporters on Tuesday.",
    [("We are not done yet,", Some("Nina Park"))]
);
case!(
    adverb_before_cue,
    "“We are not done yet,” Nina Park later added.",
    [("We are not done yet,", Some("Nina Park"))]
);
case!(
    cue_tweeted,
    "“Sad day for the country!” Tom Hale tweeted.",
    [("Sad day for the country!", Some("Tom Hale"))]
);
case!(
    cue_insisted,
    "“I will not resign from this post,” Tom Hale insisted.",
    [("I will not resign from this post,", Some("Tom Hale"))]
);
case!(
    cue_shot_back,
    "“That is simply false and you know it,” Tom Hale shot back.",
    [("That is simply false and you know it,", Some("Tom Hale"))]
);
case!(
    cue_warned,
    "“Prices will rise again next year,” warned Ada Moss.",
    [("Prices will rise again next year,", Some("Ada Moss"))]
);
case!(
    dash_signoff,
    "“Never give up on the people you love.” — Ruth Bell",
    [("Never give up on the people you love.", Some("Ruth Bell"))]
);
case!(
    according_to_trailing,
    "“The vote is set for Friday,” according to Ben Ortiz.",
    [("The vote is set for Friday,", Some("Ben Ortiz"))]
);
case!(
    according_to_leading,
    "According to Ben Ortiz, “the vote is set for Friday.”",
    [("the vote is set for Friday.", Some("Ben Ortiz"))]
);
case!(
    in_a_statement,
    "“We regret the error,” the company said in a statement.",
    [("We regret the error,", None)]
);

// --- leading cues ------------------------------------------------------------------------
case!(
    leading_colon_cue,
    "Gov. Ann Wu said: “The roads are closed tonight.”",
    [("The roads are closed tonight.", Some("Ann Wu"))]
);
case!(
    leading_comma_cue,
    "Ann Wu said, “The roads are closed tonight.”",
    [("The roads are closed tonight.", Some("Ann Wu"))]
);
case!(
    colon_without_verb,
    "Ann Wu: “The roads are closed tonight.”",
    [("The roads are closed tonight.", Some("Ann Wu"))]
);
case!(
    interview_with,
    "In an interview with the local paper, Omar Haddad said “the team needs a new coach.”",
    [("the team needs a new coach.", Some("Omar Haddad"))]
);
case!(
    partial_quotes_in_reported_speech,
    "Greg Stone said his deputy gave “some weak answers” to “easy questions.”",
    [
        ("some weak answers", Some("Greg Stone")),
        ("easy questions.", Some("Greg Stone"))
    ]
);
case!(
    fragment_subject_not_nearest_name,
    "Greg Stone complained that Amy Fox was “very unfair” to him.",
    [("very unfair", Some("Greg Stone"))]
);
case!(
    called_it_fragment,
    "Greg Stone called the ruling “a total disgrace.”",
    [("a total disgrace.", Some("Greg Stone"))]
);

// --- middle cues and continuations -------------------------------------------------------
case!(
    cue_in_the_middle,
    "“We tried,” Lena Ray said, “and we will try again.”",
    [
        ("We tried,", Some("Lena Ray")),
        ("and we will try again.", Some("Lena Ray"))
    ]
);
case!(
    continuation_next_sentence,
    "“We tried,” Lena Ray said. “We will try again next week.”",
    [
        ("We tried,", Some("Lena Ray")),
        ("We will try again next week.", Some("Lena Ray"))
    ]
);
case!(
    continuation_next_paragraph,
    "“We tried very hard,” Lena Ray said.\n\n“We will try again next week.”",
    [
        ("We tried very hard,", Some("Lena Ray")),
        ("We will try again next week.", Some("Lena Ray"))
    ]
);
case!(
    intro_paragraph_subject,
    "Lena Ray described the night:\n\n“It was cold and we were hungry.”",
    [("It was cold and we were hungry.", Some("Lena Ray"))]
);
case!(
    headline_dash_name_colon,
    "BIG NEWS TODAY - Jane Doe: “The numbers moved a lot this week.”",
    [("The numbers moved a lot this week.", Some("Jane Doe"))]
);
case!(
    name_of_organisation,
    "“We are ready to ship the new drug,” Mike Ryan of the Health Agency told reporters.",
    [("We are ready to ship the new drug,", Some("Mike Ryan"))]
);
case!(
    inverted_with_description,
    "“Sales fell sharply last quarter,” said Russian oil official Ivan Petrov.",
    [("Sales fell sharply last quarter,", Some("Ivan Petrov"))]
);
case!(
    premodified_subject,
    "“We will keep going,” campaign manager Jeff Walker said.",
    [("We will keep going,", Some("Jeff Walker"))]
);
case!(
    title_then_name_apposition,
    "A Republican lawmaker, Jill Toller, also commented: “There are too few women here.”",
    [("There are too few women here.", Some("Jill Toller"))]
);
case!(
    typo_closer_reopening_mark,
    "“We had no choice in the matter,“ said Jim Clay, a lawmaker.",
    [("We had no choice in the matter,", Some("Jim Clay"))]
);
case!(
    title_case_not_a_quote,
    "Jane Doe said on “Meet the Press” that she would run.",
    []
);
case!(
    intro_said_colon_paragraph,
    "Lena Ray said:\n\n“It was cold and we were hungry.”",
    [("It was cold and we were hungry.", Some("Lena Ray"))]
);
case!(
    look_ahead_adjacent,
    "“Stop.” “Just stop right there,” Vic Sun said.",
    [
        ("Stop.", Some("Vic Sun")),
        ("Just stop right there,", Some("Vic Sun"))
    ]
);
case!(
    paraphrase_then_quote,
    "Kay Moore said the plan would fail. “Nobody has read it carefully at all.”",
    [("Nobody has read it carefully at all.", Some("Kay Moore"))]
);

// --- names ---------------------------------------------------------------------------
case!(
    surname_to_full_name,
    "Attorney General Jeff Rowan spoke Thursday. “I will stay in this job,” Rowan said.",
    [("I will stay in this job,", Some("Jeff Rowan"))]
);
case!(
    title_stripping,
    "“The bill is dead,” Sen. Kit Bond said.",
    [("The bill is dead,", Some("Kit Bond"))]
);
case!(
    surname_before_full_name,
    "“I will stay in this job,” Rowan said. Jeff Rowan has served two terms.",
    [("I will stay in this job,", Some("Jeff Rowan"))]
);
case!(
    ambiguous_surname_kept_as_written,
    "Bill Carter and Hillary Carter arrived. “We are here to help,” Carter said.",
    [("We are here to help,", Some("Carter"))]
);
case!(
    honorific_resolves_ambiguity,
    "Bill Carter and Hillary Carter arrived. “We are here to help,” Mrs. Carter said.",
    [("We are here to help,", Some("Hillary Carter"))]
);
case!(
    organisation_speaker,
    "“We will review the decision,” the Justice Department said in a statement.",
    [("We will review the decision,", Some("Justice Department"))]
);
case!(role_noun_president,
    "President Donald Trump met the press. The president said there were “very few allies left, if any.”",
    [("very few allies left, if any.", Some("Donald Trump"))]);
case!(
    role_noun_ambiguous_abstains,
    "Sen. Ann Lee and Sen. Bo Kim met. “It went well for both of us,” the senator said.",
    [("It went well for both of us,", None)]
);
case!(
    pronoun_he_with_honorific,
    "Mrs. Alma Reyes met Mr. Paul Ortega. “We agreed on every point today,” he said.",
    [("We agreed on every point today,", Some("Paul Ortega"))]
);
case!(
    pronoun_she_with_honorific,
    "Mrs. Alma Reyes met Mr. Paul Ortega. “We agreed on every point today,” she said.",
    [("We agreed on every point today,", Some("Alma Reyes"))]
);
case!(
    pronoun_gender_from_links,
    "Alex Morgan said she would run. Sam Price said he would not. “I am ready for this,” she said.",
    [("I am ready for this,", Some("Alex Morgan"))]
);
case!(
    pronoun_skips_quoted_names,
    "Chris Dunn spoke. “Jeff Rowan takes the job and then quits it,” he said.",
    [(
        "Jeff Rowan takes the job and then quits it,",
        Some("Chris Dunn")
    )]
);
case!(
    british_said_mr,
    "\"We will win the next election,\" said Mr Blair.",
    [("We will win the next election,", Some("Blair"))]
);
case!(
    british_mr_told_the_bbc,
    "Gordon Brown spoke on Monday. \"The economy is strong,\" Mr Brown told the BBC.",
    [("The economy is strong,", Some("Gordon Brown"))]
);
case!(
    abstains_when_unresolved,
    "“This is the end of an era for all of us,” a spokesman said.",
    [("This is the end of an era for all of us,", None)]
);
case!(
    abstains_without_any_cue,
    "The sign read “closed until further notice for repairs.”",
    [("closed until further notice for repairs.", None)]
);
case!(
    party_tag,
    "“We need more money for roads,” said Rep. Ann Holt (D-Ill.).",
    [("We need more money for roads,", Some("Ann Holt"))]
);
case!(
    sentence_start_word_not_name,
    "But Lena Ray said “the vote was rigged from the start.”",
    [("the vote was rigged from the start.", Some("Lena Ray"))]
);

#[test]
fn offsets_are_code_points() {
    let text = "Zoë Ångström said: “Ça va très bien, merci.”";
    let q = &extract(text)[0];
    let chars: Vec<char> = text.chars().collect();
    let slice: String = chars[q.start..q.end].iter().collect();
    assert_eq!(slice, q.text);
    assert_eq!(&text[q.byte_start..q.byte_end], q.text);
    assert_eq!(q.speaker.as_deref(), Some("Zoë Ångström"));
}

#[test]
fn fields_filled() {
    let q: Vec<Quote> =
        extract("Attorney General Jeff Rowan spoke. “I will stay,” he said, “as long as I can.”");
    assert_eq!(q.len(), 2);
    assert_eq!(q[0].speaker_mention.as_deref(), Some("he"));
    assert_eq!(q[0].speaker_title.as_deref(), Some("Attorney General"));
    assert_eq!(q[0].cue.as_deref(), Some("said"));
    assert_eq!(q[0].paragraph, 0);
}

#[test]
fn paragraph_index() {
    let q = extract("First line.\n\nSecond line.\n\nAnn Wu said: “The roads are closed tonight.”");
    assert_eq!(q[0].paragraph, 2);
}

mod props {
    use super::extract;
    use proptest::prelude::*;

    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("“".to_string()),
            Just("”".to_string()),
            Just("\"".to_string()),
            Just("''".to_string()),
            Just("'".to_string()),
            Just("‘".to_string()),
            Just("’".to_string()),
            Just("„".to_string()),
            Just("«".to_string()),
            Just("»".to_string()),
            Just("\n".to_string()),
            Just("\n\n".to_string()),
            Just(" said ".to_string()),
            Just(" he said. ".to_string()),
            Just("Jane Doe".to_string()),
            Just("Mr. ".to_string()),
            Just(", ".to_string()),
            Just(". ".to_string()),
            Just("[lz_x id=1]".to_string()),
            Just("<a href=\"x\">".to_string()),
            Just("5'11\"".to_string()),
            Just("http://x.org/".to_string()),
            Just("www.".to_string()),
            Just("é".to_string()),
            Just("日本".to_string()),
            Just("—".to_string()),
            Just("(".to_string()),
            Just(")".to_string()),
            Just(":".to_string()),
            "[a-zA-Z ]{0,8}",
        ]
    }

    /// The shared checker must reject what it exists to catch, or every property run on it
    /// would pass vacuously.
    #[test]
    fn check_spans_rejects_bad_spans() {
        let text = "Ana said “é ok” today.";
        let good = extract(text);
        assert_eq!(super::super::check_spans(text, &good), Ok(()));
        let mut shifted = good.clone();
        shifted[0].start += 1;
        assert!(super::super::check_spans(text, &shifted).is_err());
        let mut past_end = good.clone();
        past_end[0].end = 99;
        assert!(super::super::check_spans(text, &past_end).is_err());
        let twice = [good[0].clone(), good[0].clone()];
        assert!(super::super::check_spans(text, &twice).is_err());
        let mut bytes = good;
        bytes[0].byte_start += 1;
        assert!(super::super::check_spans(text, &bytes).is_err());
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 1000, failure_persistence: None, ..ProptestConfig::default() })]
        #[test]
        fn spans_are_sane(parts in proptest::collection::vec(piece(), 0..40)) {
            let text: String = parts.concat();
            let qs = extract(&text);
            let checked = super::super::check_spans(&text, &qs);
            prop_assert!(checked.is_ok(), "{:?}", checked);
        }
    }
}

case!(
    mark_right_after_url_closes,
    "Ana Ruiz said “see http://example.org” for details.",
    [("see http://example.org", Some("Ana Ruiz"))]
);
case!(
    straight_mark_right_after_url_closes,
    "Ana Ruiz said \"visit http://example.org/a\" and left.",
    [("visit http://example.org/a", Some("Ana Ruiz"))]
);

// --- pronouns: clause subjects, chains, shared surnames ------------------------------------
case!(
    pronoun_takes_the_clause_subject_not_the_latest_name,
    "Anna Berg, a lawyer, told reporters the plan was unfair to Maria Lopez. \
     “It is simply wrong,” she said.",
    [("It is simply wrong,", Some("Anna Berg"))]
);
case!(
    resolved_pronoun_keeps_its_person_salient,
    "Tom Reed said the plan was bad. He also criticised Paul Hart for backing it. \
     “This is a mistake,” he said.",
    [("This is a mistake,", Some("Tom Reed"))]
);
case!(
    leaning_first_name_gives_gender,
    "Bernie Sanders spoke first. Then Susan Miller took the stage. “We will win,” he said.",
    [("We will win,", Some("Bernie Sanders"))]
);
case!(
    shared_surname_resolved_by_pronoun_gender,
    "Donald Trump and Melania Trump arrived together. Trump waved to the crowd. \
     “It is a great day,” he said.",
    [("It is a great day,", Some("Donald Trump"))]
);

// --- names inside longer noun phrases ------------------------------------------------------
case!(
    title_inside_a_run_after_an_outlet,
    "CNN President Jeff Zucker defended the network. “We are fair,” he said.",
    [("We are fair,", Some("Jeff Zucker"))]
);
case!(
    generational_suffix_is_part_of_the_name,
    "“My father will win,” Donald Trump Jr. said. “I will win,” Donald Trump said.",
    [
        ("My father will win,", Some("Donald Trump Jr.")),
        ("I will win,", Some("Donald Trump"))
    ]
);
case!(
    appositive_name_after_inverted_cue,
    "“It was his first statement,” said his best friend at college, Bruce Turner, who lives \
     nearby.",
    [("It was his first statement,", Some("Bruce Turner"))]
);
case!(
    place_after_named_speaker_is_not_the_speaker,
    "“I want him in the fold,” said Sen. Sherwood Black of Ohio, a possible running mate.",
    [("I want him in the fold,", Some("Sherwood Black"))]
);
case!(
    role_run_is_not_a_name,
    "A Republican Assemblywoman, Jill Tolles, also commented: “There are not many women here.”",
    [("There are not many women here.", Some("Jill Tolles"))]
);
case!(
    apposition_containing_a_place,
    "Nick Dolan was freed in 1986. “I would have been in prison for years,” Mr. Dolan, now 81 \
     and retired in Cambridge, Mass., said by telephone.",
    [("I would have been in prison for years,", Some("Nick Dolan"))]
);
case!(
    apposition_the_writer_did_not_close,
    "Erwin Chen, Dean of the Law School called it “a truly silly argument.”",
    [("a truly silly argument.", Some("Erwin Chen"))]
);
case!(
    horizontal_bar_sign_off,
    "“I am so ashamed of this campaign.” ― Carla Soto",
    [("I am so ashamed of this campaign.", Some("Carla Soto"))]
);

// --- which clause reports the quote --------------------------------------------------------
case!(
    paraphrase_in_a_subordinate_clause_does_not_take_over,
    "“They are binding,” spokesman Ron Lee told the paper in July, after Bill Moss stated an \
     interest in ending the deal. “These contracts are fully binding.”",
    [
        ("They are binding,", Some("Ron Lee")),
        ("These contracts are fully binding.", Some("Ron Lee"))
    ]
);
case!(
    participle_takes_the_main_subject,
    "Former First Lady Michelle Obama gave the keynote address, urging viewers, “we have got \
     to vote like our lives depend on it.”",
    [(
        "we have got to vote like our lives depend on it.",
        Some("Michelle Obama")
    )]
);
case!(
    participle_after_an_opening_phrase_and_apposition,
    "Since then, a Republican, Mark Ames, has voiced support, telling the paper: “I am a big \
     fan of oversight.”",
    [("I am a big fan of oversight.", Some("Mark Ames"))]
);
case!(
    quoted_as_saying_names_the_quoted_person,
    "The newspaper quoted chief executive Geoff Dixon as saying: “We need the lowest costs we \
     can get.”",
    [("We need the lowest costs we can get.", Some("Geoff Dixon"))]
);
case!(
    cue_that_introduces_the_next_quote_is_not_a_sign_off,
    "Judge Alan Ward said they “showed no respect for anyone at all.” Prosecutor Kim Melly said \
     the victims were “easy targets for the gang.”",
    [
        ("showed no respect for anyone at all.", Some("Alan Ward")),
        ("easy targets for the gang.", Some("Kim Melly"))
    ]
);
case!(
    title_with_american_punctuation_is_not_a_quote,
    "Tom Baker appeared on “Meet the Press.” “Denver,” he answered.",
    [("Denver,", Some("Tom Baker"))]
);
case!(
    appositive_name_after_an_institution_and_role,
    "“He was the most brilliant scientist I have known,” said University of California, San \
     Diego's chancellor, Pradeep Khosla.",
    [(
        "He was the most brilliant scientist I have known,",
        Some("Pradeep Khosla")
    )]
);
case!(
    sentence_initial_common_word_is_not_a_speaker,
    "Members of the panel met on Monday. “We will not vote on this bill today,” Members said. \
     Several members left early.",
    [("We will not vote on this bill today,", None)]
);
case!(
    possessive_before_a_cue_word_makes_it_a_noun,
    "Mayor Ellen Park's campaign manager, Victor Lund, dismissed Park's remarks about the budget \
     as “old news.”",
    [("old news.", Some("Victor Lund"))]
);
case!(
    opening_phrase_does_not_hide_the_main_clause,
    "Dana Cole leads the union. After the hearing, Ms Cole said the vote was close. “We lost \
     by two votes and we will try again next year.”",
    [(
        "We lost by two votes and we will try again next year.",
        Some("Dana Cole")
    )]
);
case!(
    person_before_a_long_organisation_name,
    "“The rules are unclear,” Hannah Price of the Institute for Energy and Water Policy wrote \
     in a memo.",
    [("The rules are unclear,", Some("Hannah Price"))]
);
case!(
    unclosed_relative_clause_after_the_speaker,
    "“We will appeal the ruling,” Marcus Webb, who chairs the Citizens Action Fund said on \
     Friday.",
    [("We will appeal the ruling,", Some("Marcus Webb"))]
);
case!(
    appositive_name_after_a_role_with_an_organisation,
    "“The court moves slowly,” said another Federal Reserve economist, Laura Chen of the \
     Boston branch.",
    [("The court moves slowly,", Some("Laura Chen"))]
);
case!(
    as_x_put_it,
    "As Owen Hart, a retired teacher, put it: “Nobody asked the parents.”",
    [("Nobody asked the parents.", Some("Owen Hart"))]
);
case!(
    lone_full_name_before_a_colon,
    "The result did not surprise pollster Nadia Brooks: “Turnout was low everywhere.”",
    [("Turnout was low everywhere.", Some("Nadia Brooks"))]
);
case!(
    participle_after_a_quote_ending_in_a_comma,
    "Gov. Paul Ortiz defended “rural values,” saying the towns deserved “a fair share.”",
    [
        ("rural values,", Some("Paul Ortiz")),
        ("a fair share.", Some("Paul Ortiz"))
    ]
);
case!(
    participle_after_a_parenthesis_with_a_state_abbreviation,
    "Rep. Ana Ruiz (D-N.M.) responded to the decision, saying: “This is a sad day.”",
    [("This is a sad day.", Some("Ana Ruiz"))]
);
case!(
    titled_surname_before_an_organisation,
    "Rita Vance runs the studio. “Viewers want stories they already know,” said Ms. Vance of \
     Brightline.",
    [(
        "Viewers want stories they already know,",
        Some("Rita Vance")
    )]
);
case!(
    age_inside_an_apposition,
    "“We are thrilled for them,” Nora Quinn, 41, the sister of Mayor Tom Quinn and Judge Amy \
     Quinn, said on Monday.",
    [("We are thrilled for them,", Some("Nora Quinn"))]
);
case!(
    negated_cue_attributes_nothing,
    "Mr. Soto mocked the plan, saying, “The answer is not a bigger wall.” But Mr. Lamb did not \
     respond.",
    [("The answer is not a bigger wall.", Some("Soto"))]
);
case!(
    conjunction_before_a_colon_intro,
    "And Gov. Ray Dunn smiled: “I told you so.”",
    [("I told you so.", Some("Ray Dunn"))]
);
case!(
    time_phrase_before_the_subject_of_a_participle,
    "Hours later, Sen. Maria Lopez returned the favour, telling reporters, “She is a friend.”",
    [("She is a friend.", Some("Maria Lopez"))]
);
case!(
    nearer_reporting_clause_before_adding,
    "Crops failed across the valley, Ada Moss said, adding, “We have never seen a drought \
     like this.”",
    [("We have never seen a drought like this.", Some("Ada Moss"))]
);
case!(
    participle_after_a_preposition,
    "Sen. Hugh Grant deflected questions about the bill before saying, “It is time to move on.”",
    [("It is time to move on.", Some("Hugh Grant"))]
);
case!(
    participle_after_an_apposition_and_a_dated_opening,
    "On May 2, 2016, Lena Ford, herself a former nurse, drew applause upon saying, “Nurses \
     deserve better.”",
    [("Nurses deserve better.", Some("Lena Ford"))]
);
case!(
    participle_after_a_document_noun,
    "Gov. Alan Reyes issued a statement Tuesday saying, “The state will appeal.”",
    [("The state will appeal.", Some("Alan Reyes"))]
);
case!(
    weekday_between_subject_and_cue,
    "Paula Stone last Thursday told Channel Four: “We are ready for the vote.”",
    [("We are ready for the vote.", Some("Paula Stone"))]
);
case!(
    weak_cue_that_ends_the_sentence,
    "“Why did nobody check the numbers?” Omar Little questioned.",
    [("Why did nobody check the numbers?", Some("Omar Little"))]
);
case!(
    following_makes_the_cue_a_noun,
    "On June 3, 2015, Sen. Iris Hale made the following comment: “The plan will fail.”",
    [("The plan will fail.", Some("Iris Hale"))]
);
case!(
    short_exclamation_is_speech,
    "The crowd filled the hall on Monday night.\n\n“This is fantastic!”\n\nThe speeches began \
     an hour later.",
    [("This is fantastic!", None)]
);
case!(
    headline_name_colon_single_quotes,
    "Tom Rook: ‘We Are Going to Win This Race’\n\nSen. Tom Rook spoke on Monday.",
    [("We Are Going to Win This Race", Some("Tom Rook"))]
);
case!(
    single_quotes_elsewhere_are_not_quotes,
    "Critics call the plan ‘a mess’ and the mayor is ‘very upset’ about it.",
    []
);
case!(
    roman_numeral_suffix_is_dropped_from_the_name,
    "“We will fight on,” said Carl Stone III, the group's founder. “It is not over,” Stone said.",
    [
        ("We will fight on,", Some("Carl Stone")),
        ("It is not over,", Some("Carl Stone"))
    ]
);
case!(
    regnal_number_stays,
    "“Peace be with you,” said Pope John Paul II.",
    [("Peace be with you,", Some("John Paul II"))]
);
case!(
    subject_of_an_embedded_question_is_not_the_antecedent,
    "Andrew Hale took his daughter to the museum to explain who Ali was.\n\nHe said: “He was \
     strong and brave.”",
    [("He was strong and brave.", Some("Andrew Hale"))]
);
case!(
    plans_is_a_verb_after_a_subject,
    "Bernie Sanders spoke on Monday.\n\nWoodrow Benford plans to caucus for him in March.\n\n\
     “Some changes need to be made,” he said.",
    [("Some changes need to be made,", Some("Woodrow Benford"))]
);
case!(
    object_pronoun_after_a_cue_is_the_listener,
    "Sen. Claire Dunn scolded him: “The science is against you,” she said.",
    [("The science is against you,", Some("Claire Dunn"))]
);
case!(
    organisation_in_a_title_does_not_make_an_organisation,
    "“We are ready,” said Pentagon spokesman Navy Capt. Joe Hart.",
    [("We are ready,", Some("Joe Hart"))]
);
case!(
    two_titles_joined_by_and,
    "“He knows the state,” said former Ohio Gov. and party Chairman Ed Rand.",
    [("He knows the state,", Some("Ed Rand"))]
);
case!(
    inverted_cue_after_an_adjunct_comma,
    "Clinton “drew well from rural voters” in the last primary, said Ohio State professor \
     Paul Beck.",
    [("drew well from rural voters", Some("Paul Beck"))]
);
case!(
    told_after_an_apposition_names_the_listener,
    "“We could understand it,” Mike Mott, secretary of the Pilots Union, told Radio Canada.",
    [("We could understand it,", Some("Mike Mott"))]
);
case!(
    second_verb_of_the_main_clause,
    "As the band played, Tina Marsh was joined on stage by Al Green and joked, “Nobody came \
     for the music.”",
    [("Nobody came for the music.", Some("Tina Marsh"))]
);
case!(
    participle_after_a_quote_is_not_an_inverted_cue,
    "Mayor Dan Petty praised “small-town values,” saying the town embodied the “heart of the \
     state.”",
    [
        ("small-town values,", Some("Dan Petty")),
        ("heart of the state.", Some("Dan Petty"))
    ]
);
case!(
    capitalised_tweeted_mid_sentence,
    "“Not us but we like it!” Ray Munn, the head of Save Our Parks, Tweeted on Friday.",
    [("Not us but we like it!", Some("Ray Munn"))]
);
case!(
    cue_followed_by_a_long_adjunct,
    "“Pat is the greatest!” Omar Diaz wrote in a September 16, 2012 email to the top officials \
     of the department.",
    [("Pat is the greatest!", Some("Omar Diaz"))]
);
case!(
    parenthetical_cue_in_a_new_sentence_is_not_a_sign_off,
    "“The phone is key to modern life,” Sam Hill said. “Take it away and we fall apart.” One in \
     three women, the survey said, would panic.",
    [
        ("The phone is key to modern life,", Some("Sam Hill")),
        ("Take it away and we fall apart.", Some("Sam Hill"))
    ]
);
case!(
    name_modifying_a_noun_after_a_cue_is_not_the_speaker,
    "On the program, the committee chairman said the Gates nomination “could be in some real \
     difficulty.”",
    [("could be in some real difficulty.", None)]
);
case!(
    listener_after_told_is_not_the_speaker,
    "Asked about the inquiry, a Labour spokesman told Radio Ulster: “We expect a fair hearing \
     from the commissioner.”",
    [("We expect a fair hearing from the commissioner.", None)]
);
case!(
    subject_of_a_reported_clause_is_not_the_antecedent,
    "Podesta praised the plan. John Podesta repeated the pledge on Sunday, saying Bill Clinton \
     was committed to it.\n\n“We will run in all fifty states,” he said.",
    [("We will run in all fifty states,", Some("John Podesta"))]
);
case!(
    negative_contraction_follows_a_subject,
    "Senator Mitch Connell ended the debate. Connell spokesman Dan Stewart wouldn’t say when \
     the vote would come.\n\n“I don’t have any announcements yet,” he said.",
    [("I don’t have any announcements yet,", Some("Dan Stewart"))]
);
case!(
    subject_with_an_age_and_a_role_in_apposition,
    "Robyn Gale lost her account. Jill Chase, 27, a student in Denver, said politics rarely came \
     up.\n\n“I avoid politics with strangers,” she said.",
    [("I avoid politics with strangers,", Some("Jill Chase"))]
);
case!(
    don_is_a_given_name,
    "“We asked every candidate,” Don Lemon said.",
    [("We asked every candidate,", Some("Don Lemon"))]
);
case!(
    name_in_reported_content_is_not_the_antecedent,
    "Barack Obama won in 2008. Rep. Hank Jones said in 2009 that voters backing Obama threw old \
     assumptions into doubt. “It makes their eyes open wider,” he said.",
    [("It makes their eyes open wider,", Some("Hank Jones"))]
);
case!(
    contraction_with_been_is_a_subject,
    "Chris Cole spoke first. Marco Reyes spoke next. Cole's been making the case for weeks that \
     Reyes is not ready. “You have never been accountable,” he said.",
    [("You have never been accountable,", Some("Chris Cole"))]
);
case!(
    cue_in_an_opening_phrase_leaves_the_subject_salient,
    "Tom Grey attacked him on Wednesday. At a conference scheduled to announce new arrests, Sam \
     Burns said he will stay. “I love this job,” he said.",
    [("I love this job,", Some("Sam Burns"))]
);

/// Extraction is linear in the length of a paragraph, whatever the paragraph holds: a
/// paragraph with no sentence ends, runs of exotic quotation marks, thousands of distinct
/// names or role nouns. Each shape is extracted at 128 KB and at 16 times that size; linear
/// work takes about 16 times as long, quadratic work 256 times. The bound (64 times, plus a
/// constant for timer noise) is loose enough for a busy machine and tight enough to catch
/// any scan that reaches back to the start of the paragraph.
#[test]
fn long_paragraphs_extract_in_linear_time() {
    fn name(i: usize) -> String {
        let l = b"abcdefghijklmnopqrstuvwxyz";
        let s: String = (0..4)
            .map(|k| l[(i / 26usize.pow(k)) % 26] as char)
            .collect();
        format!("Q{s}son")
    }
    fn repeat(n: usize, f: impl Fn(usize) -> String) -> String {
        let mut s = String::with_capacity(n + 100);
        let mut i = 0;
        while s.len() < n {
            s.push_str(&f(i));
            i += 1;
        }
        s
    }
    type Shape = (&'static str, fn(usize) -> String);
    let shapes: [Shape; 7] = [
        ("no sentence ends", |i| {
            format!("jane doe said the plan works {i} and then \"it said more\" he told ")
        }),
        ("sentences ending before lower case", |_| {
            "Jane Doe said the plan works. and then \"it said more\" he told. ".into()
        }),
        ("exotic marks", |_| "« ‹ „ ‚ 「 『 ".into()),
        ("reopened marks", |_| {
            "He said \"a b c d e f. and g \"h i j k, ".into()
        }),
        ("distinct names", |i| {
            format!(
                "Mary {} said \"we will win the vote today,\" she said. ",
                name(i)
            )
        }),
        ("distinct surnames only", |i| {
            format!("\"We will win the vote today,\" said {}. ", name(i))
        }),
        ("role nouns", |i| {
            format!(
                "Sen. Mary {} spoke. \"We will win,\" said the senator. ",
                name(i)
            )
        }),
    ];
    let time = |text: &str| {
        let t = std::time::Instant::now();
        let n = extract(text).len();
        (t.elapsed().as_secs_f64(), n)
    };
    for (what, shape) in shapes {
        let small = repeat(128 << 10, shape);
        let big = repeat(16 * (128 << 10), shape);
        let (ts, _) = time(&small);
        let (tb, quotes) = time(&big);
        assert!(
            tb < 64.0 * ts + 0.5,
            "{what}: {:.3} s at 128 KB, {tb:.3} s at 2 MB ({quotes} quotes)",
            ts
        );
    }
}

// --- names --------------------------------------------------------------------------------
case!(
    middle_initial_a_is_part_of_the_name,
    "Sen. Laura A. Whitcombe and Sen. Peter Onslow announced the vote today.\n\
     “We will keep fighting for these funds,” said Senator Whitcombe.",
    [(
        "We will keep fighting for these funds,",
        Some("Laura A. Whitcombe")
    )]
);
case!(
    middle_initial_i_is_part_of_the_name,
    "Joseph I. Hallam opened the hearing. “The record is clear,” Hallam said.",
    [("The record is clear,", Some("Joseph I. Hallam"))]
);

// --- statements, testimony and speeches introduced by their author -------------------------
case!(
    statement_issued_by_the_subject,
    "Sen. Jane Roe (D-Ohio) issued the following statement on the farm bill:\n\
     \"This bill protects family farms.\n\
     \"It also cuts waste in every program.\"",
    [
        ("This bill protects family farms.", Some("Jane Roe")),
        ("It also cuts waste in every program.", Some("Jane Roe"))
    ]
);
case!(
    statement_excerpts_of_her_testimony,
    "Sen. Jane Roe spoke at the hearing today. Excerpts of her testimony are below:\n\
     \"We must act now to protect these plants.\"",
    [("We must act now to protect these plants.", Some("Jane Roe"))]
);
case!(
    statement_of_a_named_senator,
    "Statement of Sen. Tom Hale on the farm bill:\n\"This bill is a good start for farmers.\"",
    [("This bill is a good start for farmers.", Some("Tom Hale"))]
);
case!(
    statement_possessive_remarks_follow,
    "Jane Roe spoke in Dayton. Roe's remarks, as prepared for delivery, follow:\n\
     \"Thank you all for coming here today.\"",
    [("Thank you all for coming here today.", Some("Jane Roe"))]
);
case!(
    statement_text_of_a_letter,
    "Jane Roe wrote to the governor on Monday. Following is the text of Roe's letter:\n\
     \"Dear Governor, the roads of this county need repair.\"",
    [(
        "Dear Governor, the roads of this county need repair.",
        Some("Jane Roe")
    )]
);
case!(
    statement_remarks_a_senator_delivered,
    "Following are the remarks Sen. Jane Roe delivered on the floor of the Senate:\n\
     \"Mr. President, I rise today to oppose this bill.\"",
    [(
        "Mr. President, I rise today to oppose this bill.",
        Some("Jane Roe")
    )]
);
case!(
    statement_without_a_colon,
    "Sen. Tom Hale made the following remarks in reaction to the vote.\n\
     \"Today's vote is a victory for every family.\"",
    [(
        "Today's vote is a victory for every family.",
        Some("Tom Hale")
    )]
);
case!(
    statement_intro_broken_over_two_lines,
    "The medal went to Ann Lee at the White House today. Sen.\n\
     Tom Hale (R-Utah), who attended, issued the following statement:\n\
     \"Nobody deserves this honor more than she does.\"",
    [(
        "Nobody deserves this honor more than she does.",
        Some("Tom Hale")
    )]
);
case!(
    statement_speech_of_the_previous_sentence_subject,
    "Sen. Tom Hale spoke on the floor today. The text of the speech follows:\n\
     \"Mr. President, the bill is flawed in three ways.\"",
    [(
        "Mr. President, the bill is flawed in three ways.",
        Some("Tom Hale")
    )]
);
case!(
    statement_topic_is_not_its_author,
    "Sen. Jim Tell issued the following statement on the Budget Commission's final report:\n\
     \"I thank the commission for its hard work.\"",
    [(
        "I thank the commission for its hard work.",
        Some("Jim Tell")
    )]
);
case!(
    statement_a_joint_letter_has_no_speaker,
    "Sen. Tom Hale and Sen. Jane Roe wrote to the committee. Their letter follows below:\n\
     \"We urge you to fund the program in full.\"",
    [("We urge you to fund the program in full.", None)]
);
case!(
    statement_document_noun_is_never_the_speaker,
    "The agency published its audit on Monday.\nExcerpts of the audit report are below:\n\
     \"Costs rose by half in two years.\"",
    [("Costs rose by half in two years.", None)]
);

// --- several speakers, and words that are not names ----------------------------------------
case!(
    two_named_subjects_share_the_words,
    "“We will fund the program in full,” Sen. Jane Roe and Sen. Tom Hale said.",
    [("We will fund the program in full,", None)]
);
case!(
    plural_title_names_several_people,
    "“We will fund the program in full,” said Senators Roe and Hale.",
    [("We will fund the program in full,", None)]
);
case!(
    inverted_pair_shares_the_words,
    "“We will fund the program in full,” said Jane Roe and Tom Hale.",
    [("We will fund the program in full,", None)]
);
case!(
    relative_clause_after_a_list_tells_of_the_last,
    "The guests included Ann Marsh and Tina Vole, who joked, “I have not seen it yet.”",
    [("I have not seen it yet.", Some("Tina Vole"))]
);
case!(
    and_between_clauses_is_not_a_pair,
    "Milan won at Old Trafford and Carlo Rossi said: “We are all very happy to return.”",
    [("We are all very happy to return.", Some("Carlo Rossi"))]
);
case!(
    party_adjective_is_not_a_speaker,
    "Tory claims said the posters were “a sly and cheap trick”.",
    [("a sly and cheap trick", None)]
);
case!(
    institution_alone_is_not_a_speaker,
    "“We will not act on this bill,” said the Senate.",
    [("We will not act on this bill,", None)]
);
case!(
    sir_and_a_given_name,
    "Sir Digby Jones, the business leader, spoke first. Sir Digby added: “Stability is the key \
     word for business.”",
    [(
        "Stability is the key word for business.",
        Some("Digby Jones")
    )]
);
case!(
    title_and_a_given_name_where_no_one_has_it_as_a_surname,
    "Prime Minister Tavita Sailele Moana announced the shutdown. Prime Minister Tavita called \
     on “village councils and churches to help”.",
    [(
        "village councils and churches to help",
        Some("Tavita Sailele Moana")
    )]
);
case!(
    family_name_first_is_found_by_its_title,
    "Finance Minister Lou Jiwei met reporters. “The whole world applauded,” Mr Lou said.",
    [("The whole world applauded,", Some("Lou Jiwei"))]
);
case!(
    nickname_in_single_marks,
    "Egypt recalled striker Ahmed 'Zizo' Karam on Monday. Zizo said: “There is not much I have \
     to say today.”",
    [(
        "There is not much I have to say today.",
        Some("Ahmed 'Zizo' Karam")
    )]
);
case!(
    nickname_in_double_marks,
    "Earvin \"Sparky\" Dalton also spoke. \"We won the title again,\" Sparky said. \"We will win \
     it next year,\" Dalton added.",
    [
        ("We won the title again,", Some("Earvin \"Sparky\" Dalton")),
        (
            "We will win it next year,",
            Some("Earvin \"Sparky\" Dalton")
        )
    ]
);
case!(
    description_opening_a_sentence_is_not_part_of_the_name,
    "The coach was sacked on Monday. Defiant Matt Wills said: “I will fight on.”",
    [("I will fight on.", Some("Matt Wills"))]
);
case!(
    role_opening_a_sentence_is_a_title,
    "The club lost again. Striker Pierre Lamont said: “We were not good enough today.”",
    [("We were not good enough today.", Some("Pierre Lamont"))]
);
case!(
    an_initial_before_a_given_name_stays,
    "The council met. H. Sally Marsh said: “The plan will go ahead.”",
    [("The plan will go ahead.", Some("H. Sally Marsh"))]
);

// --- descriptions of someone named before ---------------------------------------------------
case!(
    description_by_nationality,
    "Andy Rodd lost in four sets on Sunday. “It's just tough because I was in it,” said the \
     American.",
    [("It's just tough because I was in it,", Some("Andy Rodd"))]
);
case!(
    description_by_role,
    "G Money, a presenter on the radio, thinks a break is due. “They will be back in a couple of \
     years,” says the DJ.",
    [("They will be back in a couple of years,", Some("G Money"))]
);
case!(
    description_with_a_club_before_the_role,
    "Jason Rob believes the mood is good. “There is no lack of confidence,” said the Sale \
     full-back.",
    [("There is no lack of confidence,", Some("Jason Rob"))]
);
case!(
    description_of_the_gender_its_role_tells,
    "Tom Cray and Anna Vale starred in the film. “It was a dream part for me,” said the actress.",
    [("It was a dream part for me,", Some("Anna Vale"))]
);
case!(
    an_office_is_not_read_as_the_person_last_named,
    "Sen. Kay Hill praised the program. In this year's proclamation, the president said, “Homes \
     build wealth for families.”",
    [("Homes build wealth for families.", None)]
);
case!(
    a_party_word_before_a_title_leaves_the_role,
    "Sen. Pat Lacey of Vermont spoke first. “Whether it is theft or worse, it must stop,” the \
     Democrat senator said.",
    [(
        "Whether it is theft or worse, it must stop,",
        Some("Pat Lacey")
    )]
);

// --- organisations ----------------------------------------------------------------------------
case!(
    organisation_noun_refers_to_the_company_named_as_subject,
    "Zantrex said sales fell last year. “We did not adjust our plans quickly enough,” the \
     company said.",
    [(
        "We did not adjust our plans quickly enough,",
        Some("Zantrex")
    )]
);
case!(
    organisation_noun_after_a_named_organisation,
    "The Blue Harbour Party withdrew its candidate on Monday.\n\n“The party complies with the \
     royal command,” the party told the press.",
    [(
        "The party complies with the royal command,",
        Some("Blue Harbour Party")
    )]
);
case!(
    it_said_refers_to_the_organisation,
    "Shares in Vantrix tumbled after it said it had “entered a life-threatening crisis”.",
    [("entered a life-threatening crisis", Some("Vantrix"))]
);
case!(
    a_country_is_not_the_organisation,
    "Iran has jailed a blogger for 14 years. “The authorities are making an example of him,” the \
     organisation said.",
    [("The authorities are making an example of him,", None)]
);

// --- partial quotes in reported speech and sources of paraphrase ----------------------------
case!(
    belief_verb_attributes_a_partial_quote,
    "It is a view shared by Wayne Rood, who believes “if we get past Milan, we have a chance”.",
    [("if we get past Milan, we have a chance", Some("Wayne Rood"))]
);
case!(
    fear_verb_attributes_a_partial_quote,
    "Jane Roe fears that children see “scenes of cruelty” every day.",
    [("scenes of cruelty", Some("Jane Roe"))]
);
case!(
    source_after_according_to_is_the_next_pronoun,
    "The price compares well with Rival Sonar's, according to John Hale, editor of a games \
     magazine. “It's a very competitive price point,” he says.",
    [("It's a very competitive price point,", Some("John Hale"))]
);

// --- the article's own author ----------------------------------------------------------------
#[track_caller]
fn check_with_author(author: &str, text: &str, want: &[(&str, Option<&str>)]) {
    let got: Vec<(String, Option<String>)> = super::extract_with(
        text,
        super::Meta {
            author: Some(author),
        },
    )
    .into_iter()
    .map(|q| (q.text, q.speaker))
    .collect();
    let want: Vec<(String, Option<String>)> = want
        .iter()
        .map(|(q, s)| (q.to_string(), s.map(str::to_string)))
        .collect();
    assert_eq!(got, want, "\nauthor: {author}\ntext: {text}");
}

#[test]
fn byline_of_an_office_speaks_the_unattributed_quotes() {
    let text = "Sen. Jane Roe announced funding for three ports today.\n\
                The grants were awarded by the Commerce Department.\n\
                The port of Lenton will get the largest share.\n\
                \"This funding is critical for our coastal towns.\"";
    check_with_author(
        "Office of Sen. Roe",
        text,
        &[(
            "This funding is critical for our coastal towns.",
            Some("Jane Roe"),
        )],
    );
    // a reporter's byline is no evidence: reporters do not quote themselves
    check_with_author(
        "Tom Hale",
        text,
        &[("This funding is critical for our coastal towns.", None)],
    );
}

#[test]
fn byline_speaks_a_statement_whose_intro_names_no_one() {
    check_with_author(
        "Office of Sen. Hale",
        "The text of the statement follows:\n\"We will keep fighting for these funds.\"",
        &[("We will keep fighting for these funds.", Some("Hale"))],
    );
}
case!(
    trailing_apposition_left_unclosed,
    "“The regulator should not bide its time,” Mr Pratt, Lloyd's chief executive said.",
    [("The regulator should not bide its time,", Some("Pratt"))]
);

// --- more words that are no speaker ----------------------------------------------------------
case!(
    numbered_reference_is_not_a_speaker,
    "Costs grew fast. According to Table 4 of the audit, “costs rose by half in two years.”",
    [("costs rose by half in two years.", None)]
);
case!(
    participle_opening_the_intro_is_not_its_subject,
    "Speaking from the Senate floor today, Sen. Jane Roe released the following statement:\n\
     \"Mr. President, I rise today to honor our firefighters.\"",
    [(
        "Mr. President, I rise today to honor our firefighters.",
        Some("Jane Roe")
    )]
);
case!(
    plural_noun_is_not_a_reporting_verb,
    "Smaller states have “a disproportionate advantage” in the count.",
    []
);
case!(
    heading_in_capitals_is_not_a_speaker,
    "The leader spoke on Wednesday.\nON THE BUDGET MISMANAGEMENT:\n\"Here is where we are today.\"",
    [("Here is where we are today.", None)]
);
case!(
    a_word_describing_the_document_is_not_its_author,
    "The senators wrote to the agency.\nFull text of the letter is below.\n\
     \"We write to express our concern.\"",
    [("We write to express our concern.", None)]
);
