//! Argument finding for verb and noun cues, by word order around the cue.
//!
//! The rules, in the order they are tried, are named in `docs/relations.md`: *subject* (the
//! nearest mention group to the left, skipping markers, appositions and relative clauses),
//! *speaker* (a pronoun subject after "A said" is A), *event subject* ("a US strike that
//! killed B"), *object* (the first mention group to the right, past the cue's preposition and
//! at most four words), *passive* ("by A" right after the cue), *between* ("talks between A
//! and B"), *light verb* ("A held talks with B"), *possessive/compound agent* ("A's strike on
//! B", "US airstrike"). A cue with an empty side yields nothing.

use super::lexicon::{Class, CueKind, Lexicon, Word, BARRIER, HEAD, LOCATIVE, NONE, ROLE_WORD};
use super::tokens::{Punct, Tok};
use super::{Modality, Span};

/// A relation between two mentions of the sentence (indices into its mentions).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Found {
    pub kind: u16,
    pub source: usize,
    pub target: usize,
    pub negated: bool,
    pub modality: Modality,
    pub role: Option<u32>,
    pub cue: Span,
    /// The cue (for per-entry rules such as `between_persons`).
    pub cue_id: u32,
}

/// A cue occurrence: tokens `t0..t1`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Occ {
    pub t0: usize,
    pub t1: usize,
    pub cue: u32,
}

/// Negation and modality collected from markers.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Mods {
    pub negated: bool,
    pub planned: bool,
}

impl Mods {
    fn add(&mut self, c: Class) {
        match c {
            Class::Negation => self.negated = true,
            Class::Planned => self.planned = true,
            Class::Neutral => {}
        }
    }
}

/// A group of coordinated mentions: token indices, left to right.
pub(crate) type Group = Vec<usize>;

pub(crate) struct Ctx<'a> {
    pub lex: &'a Lexicon,
    pub toks: &'a [Tok],
    pub occs: Vec<Occ>,
    /// Per token: the occurrence covering it, or `usize::MAX`.
    pub at: Vec<usize>,
    pub w: &'a Grammar,
}

/// Grammar word ids.
#[derive(Debug, Clone, Default)]
pub(crate) struct Grammar {
    pub by: Word,
    pub and: Word,
    pub or: Word,
    pub between: Word,
    pub among: Word,
    pub that: Word,
    pub which: Word,
    pub who: Word,
    pub whose: Word,
    pub poss: Word,
    pub of: Word,
    pub the: Word,
    pub a: Word,
    pub an: Word,
    pub both: Word,
    pub from: Word,
    pub pronouns: [Word; 4],
    pub as_: Word,
    pub copulas: [Word; 8],
    pub served: Word,
    pub to: Word,
    /// Prepositions that put a mention inside a phrase ("ambassador to the UN").
    pub preps: [Word; 11],
}

impl Grammar {
    pub(crate) fn new(lex: &Lexicon) -> Grammar {
        let w = |s: &str| lex.word(s);
        Grammar {
            by: w("by"),
            and: w("and"),
            or: w("or"),
            between: w("between"),
            among: w("among"),
            that: w("that"),
            which: w("which"),
            who: w("who"),
            whose: w("whose"),
            poss: w("'s"),
            of: w("of"),
            the: w("the"),
            a: w("a"),
            an: w("an"),
            both: w("both"),
            from: w("from"),
            pronouns: [w("it"), w("they"), w("he"), w("she")],
            as_: w("as"),
            copulas: [
                w("is"),
                w("was"),
                w("are"),
                w("were"),
                w("became"),
                w("becomes"),
                w("remains"),
                w("remained"),
            ],
            served: w("served"),
            to: w("to"),
            preps: [
                w("to"),
                w("of"),
                w("for"),
                w("from"),
                w("with"),
                w("in"),
                w("at"),
                w("on"),
                w("into"),
                w("against"),
                w("near"),
            ],
        }
    }
}

/// Buffers reused across sentences.
#[derive(Debug, Default)]
pub(crate) struct Buffers {
    occs: Vec<Occ>,
    at: Vec<usize>,
}

/// Finds every relation of one tokenized sentence.
pub(crate) fn find(lex: &Lexicon, toks: &[Tok], bufs: &mut Buffers, out: &mut Vec<Found>) {
    let mut at = std::mem::take(&mut bufs.at);
    at.clear();
    at.resize(toks.len(), usize::MAX);
    let mut occs = std::mem::take(&mut bufs.occs);
    occs.clear();
    let mut cx = Ctx {
        lex,
        toks,
        occs,
        at,
        w: &lex.g,
    };
    scan_cues(&mut cx);
    for oi in 0..cx.occs.len() {
        let occ = cx.occs[oi];
        let cue = &lex.cues[occ.cue as usize];
        let before = out.len();
        match cue.kind {
            CueKind::Verb => verb(&cx, occ, &cue.preps, out),
            CueKind::Noun => noun(&cx, occ, &cue.preps, out),
            CueKind::Role => super::roles::role(&cx, occ, out),
        }
        if cue.dual && out.len() == before {
            match cue.kind {
                CueKind::Verb => noun(&cx, occ, &cue.alt_preps, out),
                _ => verb(&cx, occ, &cue.alt_preps, out),
            }
        }
    }
    bufs.occs = cx.occs;
    bufs.at = cx.at;
}

/// The cue search: at each word, the longest cue phrase starting there.
fn scan_cues(cx: &mut Ctx) {
    let toks = cx.toks;
    let mut i = 0;
    while i < toks.len() {
        let w = toks[i].word();
        let mut next = i + 1;
        if w != NONE {
            if let Some(list) = cx.lex.first.get(&w) {
                for &c in list {
                    let words = &cx.lex.cues[c as usize].words;
                    if matches_at(toks, i, words) {
                        let t1 = i + words.len();
                        for k in i..t1 {
                            cx.at[k] = cx.occs.len();
                        }
                        cx.occs.push(Occ { t0: i, t1, cue: c });
                        next = t1;
                        break;
                    }
                }
            }
        }
        i = next;
    }
}

pub(crate) fn matches_at(toks: &[Tok], i: usize, words: &[Word]) -> bool {
    i + words.len() <= toks.len() && words.iter().zip(&toks[i..]).all(|(w, t)| t.word() == *w)
}

impl Ctx<'_> {
    pub fn word(&self, i: usize) -> Word {
        self.toks.get(i).map_or(NONE, |t| t.word())
    }
    pub fn is_mention(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.mention().is_some())
    }
    pub fn punct(&self, i: usize) -> Option<Punct> {
        self.toks.get(i).and_then(|t| t.punct())
    }
    fn cue_type(&self, i: usize) -> Option<(u16, CueKind)> {
        let o = *self.at.get(i)?;
        let c = &self.lex.cues[self.occs.get(o)?.cue as usize];
        Some((c.rel, c.kind))
    }
    /// The longest marker ending just before `end`: (length, class).
    fn marker_ending(&self, end: usize) -> Option<(usize, Class)> {
        self.lex.markers.ending(self.toks, end)
    }
    /// The longest marker starting at `i`.
    pub fn marker_at(&self, i: usize) -> Option<(usize, Class)> {
        self.lex.markers.starting(self.toks, i)
    }
    fn light_verb_ending(&self, end: usize) -> Option<(usize, Class)> {
        self.lex.light_verbs.ending(self.toks, end)
    }
    fn flag(&self, w: Word, f: u8) -> bool {
        w != NONE && self.lex.flags.get(w as usize).is_some_and(|x| x & f != 0)
    }
    fn text_starts_with_digit(&self, i: usize) -> bool {
        self.toks[i].digit
    }
    pub fn is_head(&self, i: usize) -> bool {
        self.flag(self.word(i), HEAD)
    }
    pub fn is_barrier(&self, w: Word) -> bool {
        self.flag(w, BARRIER)
    }
    pub fn is_role_word(&self, w: Word) -> bool {
        self.flag(w, ROLE_WORD)
    }
    pub fn is_det(&self, w: Word) -> bool {
        w != NONE && (w == self.w.the || w == self.w.a || w == self.w.an)
    }

    /// The coordinated group ending at mention token `i`: "A, B and C", "A and the B".
    pub fn group_left(&self, i: usize) -> Group {
        let mut g = vec![i];
        let mut j = i;
        loop {
            let mut k = j;
            if k > 0 && self.is_det(self.word(k - 1)) {
                k -= 1;
            }
            if k == 0 {
                break;
            }
            let coord = k - 1;
            let is_coord = matches!(self.punct(coord), Some(Punct::Comma))
                || [self.w.and, self.w.or].contains(&self.word(coord));
            if !is_coord || coord == 0 {
                break;
            }
            let mut m = coord - 1;
            if self.word(coord) == self.w.and && self.punct(m) == Some(Punct::Comma) && m > 0 {
                m -= 1;
            }
            while m > 0 && self.is_head(m) {
                m -= 1;
            }
            if self.is_mention(m) {
                g.insert(0, m);
                j = m;
            } else {
                break;
            }
        }
        g
    }

    /// The coordinated group starting at mention token `i`: "B, C and D". A bare comma
    /// links only inside a list closed by "and"/"or" ("Qatar funds Hamas, Israel said" is one).
    pub fn group_right(&self, i: usize) -> Group {
        let mut g = vec![i];
        let mut closed = 1;
        let mut j = i;
        loop {
            let mut k = j + 1;
            // "PMF (Popular Mobilization Forces)" and "Iraq officials"
            if self.punct(k) == Some(Punct::Open) && self.is_mention(k + 1) {
                k += 2;
                if self.punct(k) == Some(Punct::Close) {
                    k += 1;
                }
            }
            while self.is_head(k) {
                k += 1;
            }
            let comma = self.punct(k) == Some(Punct::Comma);
            if comma {
                k += 1;
            }
            let w = self.word(k);
            let and = w == self.w.and || w == self.w.or;
            if and {
                k += 1;
            } else if !comma {
                break;
            }
            if self.is_det(self.word(k)) {
                k += 1;
            }
            // "and Iraqi militia leader Abu Mahdi al-Muhandis"
            let mut n = 0;
            while n < 3 && !self.is_mention(k) && self.is_title_word(k) {
                k += 1;
                n += 1;
            }
            if self.is_mention(k) {
                g.push(k);
                j = k;
                if and {
                    closed = g.len();
                }
            } else {
                break;
            }
        }
        g.truncate(closed);
        g
    }

    /// A word that may stand before a name in a list: unknown to the lexicon or a role noun.
    fn is_title_word(&self, i: usize) -> bool {
        let Some(t) = self.toks.get(i) else {
            return false;
        };
        t.punct().is_none()
            && t.mention().is_none()
            && (t.word() == NONE || matches!(self.cue_type(i), Some((_, CueKind::Role))))
    }

    /// The subject of a cue starting at token `c0`, and the markers between them.
    pub fn subject(&self, c0: usize, rel: u16, mods: &mut Mods, speaker: bool) -> Option<Group> {
        let mut p = c0;
        while p > 0 {
            let t = &self.toks[p - 1];
            if t.mention().is_some() {
                let g = self.group_left(p - 1);
                return self.outside_phrase(g);
            }
            match t.punct() {
                Some(Punct::Quote) => {
                    p -= 1;
                    continue;
                }
                Some(Punct::Close) => match (0..p - 1)
                    .rev()
                    .find(|&k| self.punct(k) == Some(Punct::Open))
                {
                    Some(k) => {
                        p = k;
                        continue;
                    }
                    None => return None,
                },
                Some(Punct::Comma | Punct::Dash) => match self.apposition_left(p - 1) {
                    Some(k) => {
                        p = k;
                        continue;
                    }
                    None => return None,
                },
                Some(_) => return None,
                None => {}
            }
            if let Some((len, class)) = self.marker_ending(p) {
                mods.add(class);
                p -= len;
                continue;
            }
            // "US officials", "Iraqi forces": the head belongs to the actor before it.
            if self.is_head(p - 1) && p >= 2 && self.is_mention(p - 2) {
                p -= 1;
                continue;
            }
            let w = t.word();
            // "Turkey is under sanctions, and was condemned by ...": a verb phrase coordinated
            // after an auxiliary takes the subject of the first clause.
            if w == self.w.and && p < c0 && self.marker_at(p).is_some() {
                return self.clause_subject(p - 1);
            }
            // "targeted and killed B": the first verb's subject.
            if (w == self.w.and) && p >= 2 {
                if let Some((r, CueKind::Verb)) = self.cue_type(p - 2) {
                    if r == rel {
                        p = self.occs[self.at[p - 2]].t0;
                        continue;
                    }
                }
            }
            if speaker && self.w.pronouns.contains(&w) {
                return self.speaker(p - 1, rel, mods);
            }
            // "Carrie Lam, who is supported by ...", "Chris Christie, who denounced ...": the
            // relative pronoun stands for the actor before the comma.
            if w == self.w.who && p >= 3 && self.punct(p - 2) == Some(Punct::Comma) {
                let mut m = p - 3;
                while m > 0 && self.is_head(m) {
                    m -= 1;
                }
                if self.is_mention(m) {
                    return Some(self.group_left(m));
                }
            }
            // "accused Saudi Arabia of funding the Islamic State": the object of a verb cue is
            // the subject of the gerund after "of".
            if w == self.w.of && p == c0 && p >= 3 && self.is_mention(p - 2) {
                let g = self.group_left(p - 2);
                let b = g[0];
                if b > 0 && matches!(self.cue_type(b - 1), Some((_, CueKind::Verb))) {
                    return Some(g);
                }
            }
            // "obligates the U.S. military to assist Iraq": the object of the first verb is the
            // subject of the infinitive (not after a preposition: "travelled to Iraq to meet").
            if w == self.w.to && p >= 2 {
                let mut m = p - 2;
                while m > 0 && self.is_head(m) {
                    m -= 1;
                }
                if self.is_mention(m) {
                    let g = self.group_left(m);
                    let mut b = g[0];
                    if b > 0 && self.is_det(self.word(b - 1)) {
                        b -= 1;
                    }
                    if b > 0 && !self.w.preps.contains(&self.word(b - 1)) {
                        return Some(g);
                    }
                }
            }
            break;
        }
        self.event_agent(c0, rel)
    }

    /// A subject found inside a prepositional phrase ("Israel's ambassador to the United
    /// Nations criticized ...") is the phrase's head when that is an actor ("Israel's"), the
    /// mention itself when the head is an actor noun or a role ("the delegations of Cyprus",
    /// "a spokesman for the PMF"), and nothing otherwise.
    fn outside_phrase(&self, g: Group) -> Option<Group> {
        let mut b = g[0];
        if b > 0 && self.is_det(self.word(b - 1)) {
            b -= 1;
        }
        if b == 0 || !self.w.preps.contains(&self.word(b - 1)) {
            return Some(g);
        }
        let mut k = b - 1;
        let mut proxy = false;
        for _ in 0..3 {
            if k == 0 {
                break;
            }
            let i = k - 1;
            if self.is_mention(i) {
                return Some(vec![i]);
            }
            let role = matches!(self.cue_type(i), Some((_, CueKind::Role)));
            proxy |= role || self.is_head(i);
            let w = self.word(i);
            if !(role || self.is_head(i) || w == self.w.poss || w == NONE || self.is_det(w))
                || self.punct(i).is_some()
            {
                break;
            }
            k -= 1;
        }
        proxy.then_some(g)
    }

    /// The subject of the clause before `and` at `k`: the mention group that opens it (after
    /// the sentence start or a comma), followed by a verb or an auxiliary.
    fn clause_subject(&self, k: usize) -> Option<Group> {
        let mut b = k;
        if b > 0 && self.punct(b - 1) == Some(Punct::Comma) {
            b -= 1;
        }
        let start = (0..b)
            .rev()
            .find(|&i| {
                self.punct(i)
                    .is_some_and(|p| p != Punct::Quote && p != Punct::Hyphen)
            })
            .map_or(0, |i| i + 1);
        let mut m = start;
        if self.is_det(self.word(m)) {
            m += 1;
        }
        if !self.is_mention(m) {
            return None;
        }
        let g = self.group_right(m);
        let after = g.last().unwrap() + 1;
        let verbish = self.marker_at(after).is_some()
            || self
                .toks
                .get(after)
                .is_some_and(|t| t.word() == NONE && t.punct().is_none() && t.mention().is_none());
        (verbish && after < b).then_some(g)
    }

    /// "Iraq said it had resumed talks": a pronoun right after "A said (that)" is A.
    fn speaker(&self, pron: usize, rel: u16, mods: &mut Mods) -> Option<Group> {
        let mut q = pron;
        if q > 0 && self.word(q - 1) == self.w.that {
            q -= 1;
        }
        // "Iraq said Sunday it had ..."
        while let Some((len, Class::Neutral)) = self.marker_ending(q) {
            q -= len;
        }
        let (len, _) = self.lex.speech_verbs.ending(self.toks, q)?;
        let mut ignore = Mods::default();
        let g = self.subject(q - len, rel, &mut ignore, false)?;
        let _ = mods;
        Some(g)
    }

    /// ", who commands CJTF-OIR," or ", spokesman for B," before a cue: skipped when a mention
    /// stands before the opening comma. Returns the index of the opening comma.
    fn apposition_left(&self, close: usize) -> Option<usize> {
        let lo = close.saturating_sub(20);
        let open = (lo..close).rev().find(|&k| {
            matches!(
                self.punct(k),
                Some(Punct::Comma | Punct::Dash | Punct::Stop | Punct::Period)
            )
        })?;
        if !matches!(self.punct(open), Some(Punct::Comma | Punct::Dash)) || open + 1 >= close {
            return None;
        }
        let first = self.word(open + 1);
        let w = &self.w;
        let starts = [w.who, w.which, w.whose, w.the, w.a, w.an].contains(&first)
            || matches!(self.cue_type(open + 1), Some((_, CueKind::Role)))
            || (self.is_mention(open + 1) && self.word(open + 2) == w.poss)
            || self.word(open + 2) == w.by
            || self.toks[open + 1].start < self.toks[open + 1].end
                && self.text_starts_with_digit(open + 1);
        let mut before = open;
        while before > 0 && self.is_head(before - 1) {
            before -= 1;
        }
        (starts && before > 0 && self.is_mention(before - 1)).then_some(open)
    }

    /// "a US airstrike that killed B", "the U.S. drone strike on January 4th targeted B": the
    /// agent of a same-type event noun a few words before the verb.
    fn event_agent(&self, c0: usize, rel: u16) -> Option<Group> {
        let lo = c0.saturating_sub(8);
        let mut k = c0;
        while k > lo {
            k -= 1;
            if self.is_mention(k) || self.punct(k).is_some_and(|p| p != Punct::Quote) {
                return None;
            }
            if let Some((r, CueKind::Noun)) = self.cue_type(k) {
                if r != rel {
                    return None;
                }
                let occ = self.occs[self.at[k]];
                if let Some(m) = self.compound_agent(occ.t0) {
                    return Some(vec![m]);
                }
                // "Iran launched missiles targeting US troops": the light verb's subject.
                let (len, _) = self.light_verb_ending(occ.t0)?;
                return self.subject(occ.t0 - len, rel, &mut Mods::default(), true);
            }
        }
        None
    }

    /// "US airstrike", "US drone strike", "Iran's support": the mention just before a noun
    /// (possessive, compound, or compound with one unknown modifier word).
    pub fn compound_agent(&self, t0: usize) -> Option<usize> {
        if t0 == 0 {
            return None;
        }
        let k = t0 - 1;
        if self.word(k) == self.w.poss && k > 0 && self.is_mention(k - 1) {
            return Some(k - 1);
        }
        if self.is_mention(k) {
            return Some(k);
        }
        let t = &self.toks[k];
        let modifier = t.word() == NONE && t.punct().is_none() && !t.cap;
        if !modifier || k == 0 {
            return None;
        }
        if self.is_mention(k - 1) {
            return Some(k - 1);
        }
        // "the US's retaliatory attacks"
        (k >= 2 && self.word(k - 1) == self.w.poss && self.is_mention(k - 2)).then(|| k - 2)
    }

    /// The object after a cue ending at `c1`: past "and <same-type verb>", one of `preps`,
    /// then at most four words. Returns the group and whether it came after "by" (passive).
    pub fn object(
        &self,
        c1: usize,
        rel: u16,
        preps: &[Word],
        prep_required: bool,
    ) -> Option<(Group, bool)> {
        let mut p = c1;
        if self.word(p) == self.w.and {
            if let Some((r, CueKind::Verb)) = self.cue_type(p + 1) {
                if r == rel {
                    p = self.occs[self.at[p + 1]].t1;
                }
            }
        }
        if self.word(p) == self.w.by {
            let k = self.after_descriptor(p + 1);
            return (self.is_mention(k) && !self.is_modifier_mention(k))
                .then(|| (self.group_right(k), true));
        }
        if let Some(g) = self.late_agent(c1) {
            return Some((g, true));
        }
        // "met on Monday with B", "met in Doha with B": a short adjunct before the cue's own
        // preposition.
        if !preps.contains(&self.word(p)) {
            for k in p..(p + 4).min(self.toks.len()) {
                let t = &self.toks[k];
                if k > p && preps.contains(&t.word()) {
                    p = k;
                    break;
                }
                if t.punct().is_some() || t.mention().is_some() || self.is_barrier(t.word()) {
                    break;
                }
            }
        }
        if preps.contains(&self.word(p)) {
            p += 1;
        } else if prep_required {
            return None;
        }
        self.first_mention_right(p, 4)
            .or_else(|| self.appositive_object(p))
            .or_else(|| self.of_object(p))
            .map(|g| (g, false))
    }

    /// "supported the 2008 and 2012 presidential campaigns of Ron Paul": a longer object
    /// noun phrase (up to eight words) that ends in "of B", its modifiers possibly joined by
    /// "and"; no punctuation, clause word, verb or other cue inside.
    fn of_object(&self, p: usize) -> Option<Group> {
        let mut k = p;
        let mut words = 0;
        while words <= 8 {
            let t = self.toks.get(k)?;
            if t.mention().is_some() {
                let after_of = words >= 3 && self.word(k - 1) == self.w.of;
                return (after_of && !self.is_modifier_mention(k)).then(|| self.group_right(k));
            }
            if t.punct().is_some() || t.verbish || self.cue_type(k).is_some() {
                return None;
            }
            let w = t.word();
            // "2008 and 2012": "and" between two modifiers, not before a mention or "of".
            let inner_and = w == self.w.and
                && k > p
                && !self.is_mention(k + 1)
                && self.word(k + 1) != self.w.of;
            if (self.is_barrier(w) && !inner_and) || self.flag(w, LOCATIVE) {
                return None;
            }
            words += 1;
            k += 1;
        }
        None
    }

    /// "endorsed his former rival, Joe Biden.", "killed Iranian general, Qasem Soleimani at
    /// ...": a short description (an article or possessive, words the lexicon does not know),
    /// a comma, then the named actor — which must not start a new clause ("..., Iraq said").
    fn appositive_object(&self, p: usize) -> Option<Group> {
        let mut k = p;
        let mut words = 0;
        while words < 4 {
            let t = self.toks.get(k)?;
            if t.punct() == Some(Punct::Comma) {
                break;
            }
            let w = t.word();
            let descriptive = t.punct().is_none()
                && t.mention().is_none()
                && !t.verbish
                && !self.is_barrier(w)
                && !self.flag(w, LOCATIVE)
                && self.cue_type(k).is_none()
                && self.marker_at(k).is_none();
            if !descriptive {
                return None;
            }
            words += 1;
            k += 1;
        }
        if words == 0 || self.punct(k) != Some(Punct::Comma) || !self.is_mention(k + 1) {
            return None;
        }
        let g = self.group_right(k + 1);
        let after = g.last().map_or(k + 2, |&l| l + 1);
        let ends = after >= self.toks.len()
            || self.punct(after).is_some()
            || self.word(after) == self.lex.word("at")
            || self.word(after) == self.lex.word("in")
            || self.word(after) == self.lex.word("on");
        ends.then_some(g)
    }

    /// "was condemned in a joint statement by Egypt": after a passive auxiliary, "by" may
    /// follow a short adjunct (at most five words, no punctuation).
    fn late_agent(&self, c1: usize) -> Option<Group> {
        let occ = self.occs[*self.at.get(c1 - 1)?];
        let aux = occ.t0 > 0
            && (self.w.copulas[..4].contains(&self.word(occ.t0 - 1))
                || self.word(occ.t0 - 1) == self.lex.word("been"));
        if !aux {
            return None;
        }
        for k in c1 + 1..(c1 + 6).min(self.toks.len()) {
            let t = &self.toks[k];
            if t.punct().is_some() || t.mention().is_some() {
                return None;
            }
            if t.word() == self.w.by {
                let mut m = k + 1;
                if self.is_det(self.word(m)) {
                    m += 1;
                }
                return (self.is_mention(m) && !self.is_modifier_mention(m))
                    .then(|| self.group_right(m));
            }
        }
        None
    }

    /// Past an article and at most two lower-case words the lexicon does not know, to a
    /// mention: "by entrepreneur Elon Musk", "by the mainland Chinese government". Returns
    /// `k` itself when no mention follows.
    fn after_descriptor(&self, k: usize) -> usize {
        let mut m = k;
        if self.is_det(self.word(m)) {
            m += 1;
        }
        for _ in 0..2 {
            if self.is_mention(m) {
                return m;
            }
            match self.toks.get(m) {
                Some(t) if t.punct().is_none() && !t.cap && t.word() == NONE && !t.verbish => {
                    m += 1
                }
                _ => break,
            }
        }
        if self.is_mention(m) {
            m
        } else {
            k
        }
    }

    /// "Iran-backed groups", "US-led coalition": a mention glued by a hyphen to the next word
    /// modifies a noun; it is not the argument.
    fn is_modifier_mention(&self, i: usize) -> bool {
        self.punct(i + 1) == Some(Punct::Hyphen) && !self.is_mention(i + 2)
    }

    /// The first mention group at `p` after at most `max` ordinary words.
    pub fn first_mention_right(&self, mut p: usize, max: usize) -> Option<Group> {
        // "met in Doha": a place adjunct right after the cue is not the object; "a leading
        // figure in Kataib Hezbollah" further on is part of it.
        if self.flag(self.word(p), LOCATIVE) {
            return None;
        }
        let mut words = 0;
        while p < self.toks.len() {
            let t = &self.toks[p];
            if t.mention().is_some() {
                if self.is_modifier_mention(p) {
                    return None;
                }
                return Some(self.group_right(p));
            }
            match t.punct() {
                Some(Punct::Quote | Punct::Hyphen) => {}
                Some(_) => return None,
                None => {
                    let w = t.word();
                    let other_cue =
                        matches!(self.cue_type(p), Some((_, CueKind::Verb | CueKind::Noun)));
                    // "allied with Kurdish groups in fighting ISIS": a clause begins, and ISIS
                    // is its object, not the cue's.
                    let clause = t.verbish && p > 0 && self.flag(self.word(p - 1), LOCATIVE);
                    if self.is_barrier(w) || words >= max || other_cue || clause {
                        return None;
                    }
                    words += 1;
                }
            }
            p += 1;
        }
        None
    }
}

fn push_pairs(
    cx: &Ctx,
    occ: Occ,
    src: &Group,
    dst: &Group,
    mods: Mods,
    reverse: bool,
    out: &mut Vec<Found>,
) {
    let cue = &cx.lex.cues[occ.cue as usize];
    let span = Span {
        start: cx.toks[occ.t0].start,
        end: cx.toks[occ.t1 - 1].end,
    };
    for &s in src {
        for &t in dst {
            let (s, t) = if reverse { (t, s) } else { (s, t) };
            let (Some(s), Some(t)) = (cx.toks[s].mention(), cx.toks[t].mention()) else {
                continue;
            };
            out.push(Found {
                kind: cue.rel,
                source: s,
                target: t,
                negated: mods.negated,
                modality: if mods.planned {
                    Modality::Planned
                } else {
                    Modality::Fact
                },
                role: None,
                cue: span,
                cue_id: occ.cue,
            });
        }
    }
}

/// Every pair within one group ("A, B and C met").
fn push_within(cx: &Ctx, occ: Occ, g: &Group, mods: Mods, out: &mut Vec<Found>) {
    for (i, &a) in g.iter().enumerate() {
        push_pairs(cx, occ, &vec![a], &g[i + 1..].to_vec(), mods, false, out);
    }
}

/// Modality stated after the arguments: "talks between A and B are scheduled to be held".
fn trailing(cx: &Ctx, mut p: usize, mods: &mut Mods) {
    while let Some((len, class)) = cx.marker_at(p) {
        mods.add(class);
        p += len;
        if class != Class::Neutral {
            break;
        }
    }
}

fn verb(cx: &Ctx, occ: Occ, preps: &[Word], out: &mut Vec<Found>) {
    let cue = &cx.lex.cues[occ.cue as usize];
    let symmetric = cx.lex.types[cue.rel as usize].symmetric;
    let mut mods = Mods::default();
    // "A-backed B": the participle glued to a mention.
    if occ.t0 >= 2 && cx.punct(occ.t0 - 1) == Some(Punct::Hyphen) && cx.is_mention(occ.t0 - 2) {
        if let Some(g) = cx.first_mention_right(occ.t1, 3) {
            push_pairs(cx, occ, &vec![occ.t0 - 2], &g, mods, cue.reverse, out);
        }
        return;
    }
    let mut subj = cx.subject(occ.t0, cue.rel, &mut mods, true);
    let obj = cx.object(occ.t1, cue.rel, preps, cue.prep_required);
    if subj.is_none()
        && matches!(obj, Some((_, true)))
        && occ.t0 >= 2
        && cx.punct(occ.t0 - 1) == Some(Punct::Comma)
        && cx.is_mention(occ.t0 - 2)
    {
        // "Kataib Hezbollah, backed by Iran, ..."
        subj = Some(cx.group_left(occ.t0 - 2));
    }
    match (subj, obj) {
        (Some(s), Some((o, true))) => push_pairs(cx, occ, &o, &s, mods, cue.reverse, out),
        (Some(s), Some((o, false))) => {
            let end = *o.last().unwrap_or(&occ.t1) + 1;
            trailing(cx, end, &mut mods);
            push_pairs(cx, occ, &s, &o, mods, cue.reverse, out)
        }
        // "A and B met", "A, B and C discussed ..."
        (Some(s), None) if symmetric && s.len() >= 2 && cx.word(occ.t1) != cx.w.by => {
            push_within(cx, occ, &s, mods, out);
        }
        _ => {}
    }
}

fn noun(cx: &Ctx, occ: Occ, preps: &[Word], out: &mut Vec<Found>) {
    let cue = &cx.lex.cues[occ.cue as usize];
    let symmetric = cx.lex.types[cue.rel as usize].symmetric;
    let mut mods = Mods::default();
    // Agent on the left: possessive or compound, else through a light verb.
    let mut agent: Option<Group> = cx.compound_agent(occ.t0).map(|m| vec![m]);
    // Words between a light verb and the noun: "held their first round of talks".
    let mut k = occ.t0;
    let mut skipped = 0;
    while k > 0 && skipped < 5 {
        if let Some((len, class)) = cx.light_verb_ending(k) {
            mods.add(class);
            if agent.is_none() {
                agent = cx.subject(k - len, cue.rel, &mut mods, true);
            }
            break;
        }
        if let Some((len, class)) = cx.marker_ending(k) {
            // "no talks"
            mods.add(class);
            k -= len;
            skipped += len;
            continue;
        }
        let t = &cx.toks[k - 1];
        // "paid a three-day state visit": a hyphen inside a modifier does not end the phrase.
        let hyphen = t.punct() == Some(Punct::Hyphen) && k >= 2 && !cx.is_mention(k - 2);
        if (t.punct().is_some() && !hyphen) || t.mention().is_some() || cx.is_barrier(t.word()) {
            break;
        }
        k -= 1;
        skipped += 1;
    }
    let mut p = occ.t1;
    // "talks between A and B", "talks among A, B and C"
    if symmetric && (cx.word(p) == cx.w.between || cx.word(p) == cx.w.among) {
        let mut k = p + 1;
        if cx.word(k) == cx.w.both {
            k += 1;
        }
        if let Some(g) = cx.first_mention_right(k, 2) {
            trailing(cx, g.last().unwrap() + 1, &mut mods);
            if g.len() >= 2 {
                push_within(cx, occ, &g, mods, out);
            } else if let Some(a) = &agent {
                push_pairs(cx, occ, a, &g, mods, false, out);
            }
        }
        return;
    }
    let mut target = None;
    if preps.contains(&cx.word(p)) {
        if let Some(g) = cx.first_mention_right(p + 1, 3) {
            p = g.last().unwrap() + 1;
            target = Some(g);
        }
    }
    // "strikes on B by A", "support from A"
    if agent.is_none() && (cx.word(p) == cx.w.by || cx.word(p) == cx.w.from) {
        let mut k = p + 1;
        if cx.is_det(cx.word(k)) {
            k += 1;
        }
        if cx.is_mention(k) {
            let g = cx.group_right(k);
            p = g.last().unwrap() + 1;
            agent = Some(g);
        }
    }
    trailing(cx, p, &mut mods);
    match (agent, target) {
        (Some(a), Some(t)) => push_pairs(cx, occ, &a, &t, mods, cue.reverse, out),
        (Some(a), None) if symmetric && a.len() >= 2 => push_within(cx, occ, &a, mods, out),
        _ => {}
    }
}
