//! Affiliation: a person (member) and the actor served, linked by a role noun.
//!
//! Four patterns, tried in this order (names used in `docs/relations.md`):
//! 1. *title*: "B ['s] [modifiers] ROLE [titles] A" — "Pentagon press secretary Pat Ryder",
//!    "US Secretary of Defense Lloyd Austin", "Iraq's prime minister, Mohammed al-Sudani";
//! 2. *apposition*: "A, [a|the] [modifiers] ROLE of|for B" — also "A was the ROLE of B" and
//!    "A, who is the ROLE of B";
//! 3. *fronted*: "ROLE of|for B, [titles] A" — "Commander of CJTF-OIR, Maj. Gen. JB Vowell";
//! 4. *possessive apposition*: "A, B's ROLE";
//! 5. *title with "of"*: "ROLE [titles] A of B" — "President Abdel Fattah el-Sisi of Egypt",
//!    also for each "and A of B" that follows; tried as well after patterns 1–4.
//!
//! Pattern 3 also takes the person right after B with no comma: "President of France Emmanuel
//! Macron".
//!
//! B is the last actor of a possessive chain: "commander of the IRGC's elite Quds Force" is
//! the Quds Force. With no person on one side, or no actor on the other, nothing is found.

use super::lexicon::NONE;
use super::rules::{Ctx, Found, Occ};
use super::tokens::Punct;
use super::{Modality, Span};

pub(crate) fn role(cx: &Ctx, occ: Occ, out: &mut Vec<Found>) {
    let found = find(cx, occ);
    if let Some((a, b)) = found {
        push(cx, occ, a, b, out);
    }
    // 5. title with "of": "President Abdel Fattah el-Sisi of Egypt", "Presidents Muhammadu
    // Buhari of Nigeria and Patrice Talon of Benin" — also after a title pattern gave the
    // person another actor ("AU chairperson President el-Sisi of Egypt").
    let mut p = occ.t1;
    while let Some(a) = person_after(cx, p) {
        let g = cx.group_right(a);
        let next = g.last().map_or(a + 1, |&l| l + 1);
        if g.len() != 1 || cx.word(next) != cx.w.of || !cx.is_mention(next + 1) {
            break;
        }
        let b = chain(cx, next + 1);
        if found != Some((a, b)) {
            push(cx, occ, a, b, out);
        }
        // "... and Patrice Talon of Benin"
        if cx.word(b + 1) != cx.w.and {
            break;
        }
        p = b + 2;
    }
}

fn push(cx: &Ctx, occ: Occ, a: usize, b: usize, out: &mut Vec<Found>) {
    let cue = &cx.lex.cues[occ.cue as usize];
    let (Some(a), Some(b)) = (cx.toks[a].mention(), cx.toks[b].mention()) else {
        return;
    };
    out.push(Found {
        kind: cue.rel,
        source: a,
        target: b,
        negated: false,
        modality: Modality::Fact,
        role: Some(cue.canonical),
        cue_id: occ.cue,
        cue: Span {
            start: cx.toks[occ.t0].start,
            end: cx.toks[occ.t1 - 1].end,
        },
    });
}

/// (member token, served token)
fn find(cx: &Ctx, occ: Occ) -> Option<(usize, usize)> {
    let cue = &cx.lex.cues[occ.cue as usize];
    // Modifiers before the role: "the military", "a senior", "deputy".
    let mut k = occ.t0;
    let mut n = 0;
    while k > 0 && n < 3 && is_modifier(cx, k - 1) {
        k -= 1;
        n += 1;
    }
    // 1. title, and 4. possessive apposition. Without a possessive, a capitalised title takes
    // only capitalised words before it ("US Deputy Secretary of State"): "Biden defeats
    // President Trump" is not Trump serving Biden.
    let title_case = cx.toks[occ.t0].cap;
    let lower_between = (k..occ.t0).any(|i| {
        let t = &cx.toks[i];
        t.punct().is_none() && !t.cap
    });
    let b_left = if k >= 2 && cx.word(k - 1) == cx.w.poss && cx.is_mention(k - 2) {
        Some(k - 2)
    } else if k >= 1 && cx.is_mention(k - 1) && !(title_case && lower_between) {
        Some(k - 1)
    } else {
        None
    };
    if let Some(b) = b_left {
        if let Some(a) = person_after(cx, occ.t1) {
            return Some((a, b));
        }
        // "A, B's spokesman", "A, the Houthi military spokesman", "A, an NTSB spokesman" —
        // unless a name the gazetteer does not know follows the role: in "A, Turkey's foreign
        // minister Mevlut Cavusoglu and ..." the role is Cavusoglu's, not A's.
        if untagged_name(cx, occ.t1) {
            return None;
        }
        let mut k = b;
        if k > 0 && cx.is_det(cx.word(k - 1)) {
            k -= 1;
        }
        return person_before(cx, k).map(|a| (a, b));
    }
    // 2. apposition, and 3. fronted
    if !cue.preps.contains(&cx.word(occ.t1)) {
        return None;
    }
    let g = cx.first_mention_right(occ.t1 + 1, 3)?;
    let b = chain(cx, g[0]);
    if let Some(a) = person_before(cx, k) {
        return Some((a, b));
    }
    let mut p = b + 1;
    if cx.punct(p) == Some(Punct::Open) {
        // "the Popular Mobilization Forces (PMF), ..."
        while p < cx.toks.len() && cx.punct(p) != Some(Punct::Close) {
            p += 1;
        }
        p += 1;
    }
    if cx.punct(p) == Some(Punct::Comma) {
        let a = person_after(cx, p + 1)?;
        return Some((a, b));
    }
    // "President of France Emmanuel Macron": the person right after the actor served.
    (p == b + 1 && cx.is_mention(p)).then_some((p, b))
}

/// Words that may stand between the connector (or B) and the role: articles, words the
/// lexicon does not know ("military", "senior"), words of its longer roles ("deputy" of
/// "deputy press secretary", "prime" of "prime minister"); a glued hyphen.
fn is_modifier(cx: &Ctx, i: usize) -> bool {
    let t = &cx.toks[i];
    if t.punct() == Some(Punct::Hyphen) {
        return true;
    }
    if t.mention().is_some() || t.punct().is_some() {
        return false;
    }
    let w = t.word();
    (w == NONE && !t.verbish) || cx.is_det(w) || cx.is_head(i) || cx.is_role_word(w)
}

/// The person right after a role or a comma: past at most four title tokens ("Major",
/// "Gen.", "of Defense").
fn person_after(cx: &Ctx, mut p: usize) -> Option<usize> {
    if cx.punct(p) == Some(Punct::Comma) {
        p += 1;
    }
    for _ in 0..=5 {
        let t = cx.toks.get(p)?;
        if t.mention().is_some() {
            return Some(p);
        }
        let title = t.cap && t.punct().is_none() || t.punct() == Some(Punct::Period);
        let of = t.word() == cx.w.of;
        if !(title || of) {
            return None;
        }
        p += 1;
    }
    None
}

/// A capitalised word the lexicon does not know, and no mention, at `p`: the name of someone
/// the gazetteer does not list ("Mevlut" in "Turkey's foreign minister Mevlut Cavusoglu").
/// Days are lexicon markers, so "Iraq's spokesman Monday said" is no name.
fn untagged_name(cx: &Ctx, p: usize) -> bool {
    cx.toks
        .get(p)
        .is_some_and(|t| t.cap && t.punct().is_none() && t.mention().is_none() && t.word() == NONE)
}

/// The person before a connector ending at `k`: "A, ...", "A was ...", "A, who is ...",
/// "A, the ...".
fn person_before(cx: &Ctx, k: usize) -> Option<usize> {
    if k == 0 {
        return None;
    }
    let mut j = k - 1;
    if cx.w.copulas.contains(&cx.word(j)) || cx.word(j) == cx.w.as_ {
        if cx.word(j) == cx.w.as_ && j > 0 && cx.word(j - 1) == cx.w.served {
            j -= 1;
        }
        if j >= 2 && cx.word(j - 1) == cx.w.who && cx.punct(j - 2) == Some(Punct::Comma) {
            j -= 2;
        }
    } else if !matches!(cx.punct(j), Some(Punct::Comma | Punct::Dash)) {
        return None;
    }
    (j > 0 && cx.is_mention(j - 1)).then(|| j - 1)
}

/// "the IRGC's elite Quds Force": follow possessives to the last actor.
fn chain(cx: &Ctx, mut b: usize) -> usize {
    loop {
        let mut p = b + 1;
        // "the Islamic Revolutionary Guards Corps (IRGC)'s elite Quds Force"
        if cx.punct(p) == Some(Punct::Open)
            && cx.is_mention(p + 1)
            && cx.punct(p + 2) == Some(Punct::Close)
        {
            p += 3;
        }
        // "the Trump administration's Department of Justice"
        if cx.word(p) != cx.w.poss
            && (cx.word(p) == NONE || cx.is_head(p))
            && cx.punct(p).is_none()
            && !cx.is_mention(p)
        {
            p += 1;
        }
        if cx.word(p) != cx.w.poss {
            return b;
        }
        p += 1;
        let mut found = None;
        for q in p..(p + 3).min(cx.toks.len()) {
            if cx.is_mention(q) {
                found = Some(q);
                break;
            }
            if cx.punct(q).is_some() {
                break;
            }
        }
        match found {
            Some(q) => b = q,
            None => return b,
        }
    }
}
