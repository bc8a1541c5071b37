"""What the meeting decided, as opposed to what somebody proposed or what happened elsewhere.

An item is read in order as a small conversation: proposals ("X moved to …",
"Förslag till beslut: …", a line followed by "Proposed by: X") wait for a
verdict ("bifalles", "Unanimously approved.", "the motion carried 5-0"); a
verdict turns the proposal into ONE decision quoted from the proposal, with the
outcome, tally, mover and seconder taken from the verdict and the lines in
between. Statements that carry their own content ("Mötet valde kaj till
sekreterare", "The minutes were approved") are decisions by themselves. Under a
decision label ("Beslut", "Kommunstyrelsens beslut") every statement is a
decision, even a bare infinitive ("Godkänna rapporten."). Proposals that never
get a verdict are not decisions.

Hard-wrapped text (fixed-width minutes) arrives one line per block, so lines
are first joined into paragraphs; a quote may then run over several blocks and
holds the "\n" that joins them, exactly as in the item text.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from . import decision_phrases as ph
from ...records.text import sentences
from .votes import clean_name, motion_line, mover as find_mover, seconder as find_seconder, tally

_LEADING_ADVERB = re.compile(
    rf"^(?:därefter|därmed|däremot|vidare|dessutom|slutligen|sedan|även|också|samtidigt)\s+(?:{ph.SV_PASSIVE})\s+att\s+(?P<clause>.+)$",
    re.IGNORECASE | re.DOTALL,
)
_TERMINAL = re.compile(r"[.!?:;]\s*$")
_LIST_MARK = re.compile(r"^(?:[^\w\s\"'“”(\[«]|\(?\d{1,2}[.)]\s|\(?[a-z][.)]\s|\([A-ZÅÄÖ]{1,3}\)\s)")
_NAME_LIST_LINE = re.compile(
    r"^[A-ZÅÄÖÉ][\w'’.-]+(?:\s+[A-ZÅÄÖÉ][\w'’.-]+){0,3}\s*[,(–-]\s*(?:omval|nyval|omvald|nyvald|fyllnadsval|invald)\b[^\n]{0,30}$",
    re.IGNORECASE,
)
_ATTSATS = re.compile(r"^(?:att-?sats(?:en)?|punkt)\s*(\d+)", re.IGNORECASE)
_THEN_CLAUSE = re.compile(r",\s*(?:hvarefter|varefter|hvarpå|varpå|whereupon|whereafter|after\s+which)\s+", re.IGNORECASE)
_CHECKBOX = re.compile(r"^[-*+]?\s*\[(?P<mark>[ xX✓✔])\]\s*")
_MORE_MOTION = re.compile(r"^(?:and\s+)?(?:further\s+)?that\b", re.IGNORECASE)
_NAMES_RESOLUTION = re.compile(r"\bresolution\b", re.IGNORECASE)
_ELECTED_WITHOUT_COUNT = re.compile(r"\b(?:unanimous\w*|enhällig\w*|enig\w*|without\s+opposition|general\s+consent|acclamation)\b", re.IGNORECASE)


@dataclass
class DecisionHit:
    block: int  # index among the item's blocks where the quote starts
    offset: int
    text: str
    kind: str  # decision | rejection | revocation
    outcome: str | None = None  # approved | rejected | postponed | referred | elected | noted
    votes_for: int | None = None
    votes_against: int | None = None
    votes_abstain: int | None = None
    mover: str | None = None
    seconder: str | None = None


@dataclass
class _Span:
    start: int  # positions in the item text ("\n".join(blocks))
    end: int


@dataclass
class _Proposal:
    span: _Span | None  # None: the item heading is the proposal
    segment: int
    from_label: bool = False
    mover: str | None = None
    seconder: str | None = None
    nomination: bool = False  # "X was proposed by Y": names a candidate, not a text
    resolution: bool = False  # RESOLVED clauses, voted on as one
    awaiting_text: bool = False  # a "Moved by X, Seconded by Y" line: the motion text is the next paragraph


@dataclass
class _Draft:
    span: _Span
    outcome: str | None = None
    votes: tuple = (None, None, None)
    mover: str | None = None
    seconder: str | None = None
    open_list: bool = False  # ends with ":" and takes the list lines that follow
    segment: int = 0
    provisional: bool = False  # decided while the vote was being taken; a "Beslut" section after it restates it


@dataclass
class _State:
    text: str
    mode: str | None = None  # "proposal" after a proposal label, "decision" after a decision label
    pending: list[_Proposal] = field(default_factory=list)
    drafts: list[_Draft] = field(default_factory=list)
    last: _Draft | _Proposal | None = None  # what a following list line belongs to
    segment: int = 0
    held_votes: tuple | None = None  # a vote reported before the verdict it belongs to ("Omröstning … 31 ja-röster")


_NO_VOTES = (None, None, None)
_SETTLING_OUTCOMES = ("postponed", "referred", "elected", "rejected", "noted")


# ---- paragraphs ------------------------------------------------------------------

def _is_label(block: str) -> bool:
    text = block.strip()
    return bool(
        (ph.DECISION_LABEL.match(text) and not (ph.DECISION_LABEL.match(text).group("rest") or "").strip())
        or (ph.PROPOSAL_LABEL.match(text) and not (ph.PROPOSAL_LABEL.match(text).group("rest") or "").strip())
        or ph.OTHER_LABEL.match(text) or ph.MOVER_LABEL.match(text) or ph.SECONDER_LABEL.match(text)
    )


def _continues(previous: str, following: str) -> bool:
    """A hard-wrapped line goes on in the next block: no closing punctuation, and the next starts mid-sentence."""
    prev, nxt = previous.rstrip(), following.lstrip()
    if not prev or not nxt or _TERMINAL.search(prev) or _is_label(prev) or _is_label(nxt) or _LIST_MARK.match(nxt):
        return False
    if ph.is_verdict(prev) and ph.is_verdict(nxt):
        return False  # "attsats 1 bifalles" / "attsats 2 bifalles": one verdict a line
    if prev.endswith("-") and nxt[:1].isalpha():
        return True
    return nxt[:1].islower() or (len(prev) >= 55 and nxt[:1] in "([\"“")


def _segments(blocks: list[str], starts: list[int]) -> list[_Span]:
    out: list[_Span] = []
    for index, block in enumerate(blocks):
        if out and index > 0 and _continues(blocks[index - 1], block):
            out[-1].end = starts[index] + len(block)
        else:
            out.append(_Span(starts[index], starts[index] + len(block)))
    return out


def _sentences(text: str, span: _Span) -> list[_Span]:
    """Sentences of a paragraph as spans of the item text (`sentences` keeps initials inside a sentence)."""
    flat = text[span.start: span.end].replace("\n", " ")
    pieces: list[_Span] = []
    for offset, sentence in sentences(flat):
        begin = flat.find(sentence, offset)
        begin = offset if begin < 0 else begin
        pieces.append(_Span(span.start + begin, span.start + begin + len(sentence)))
    return pieces


def _clauses(text: str, span: _Span) -> list[_Span]:
    """"Sedan protokollet godkänts, föredrogs räkenskaperna, hvarefter beslöts att godkänna desamma": two
    decisions, one each side of "whereupon". When only one side decides ("Punkt 10 a lades till, varpå
    dagordningen godkändes"), the other side is its context and stays in the quote."""
    found = _THEN_CLAUSE.search(text, span.start, span.end)
    if found is None:
        return [span]
    head, tail = text[span.start: found.start()], text[found.end(): span.end]
    if not (ph.is_statement(head) and ph.is_statement(tail)) or ph.is_proposal(head):
        return [span]
    return [_Span(span.start, found.start()), *_clauses(text, _Span(found.end(), span.end))]


def _list_like(line: str) -> bool:
    """A table cell or list line (names, "Ordinarie", "1. …"), not a sentence of its own."""
    line = line.strip()
    return bool(_LIST_MARK.match(line)) or (len(line) <= 60 and not line.endswith(".") and not ph.is_statement(line))


# ---- the reading ---------------------------------------------------------------------

def _quote(state: _State, span: _Span) -> str:
    return state.text[span.start: span.end]


def _add(state: _State, draft: _Draft) -> _Draft:
    """Every decision takes a tally reported just before it when it carries none of its own.

    A decision recorded under the decision label replaces the ones noted while the vote was taken
    ("Med 21 ja-röster mot 14 nej-röster beslutar fullmäktige …" then "Beslut: Fullmäktige fastställer …")."""
    draft.segment = state.segment
    if state.mode == "procedure":
        draft.provisional = True
    elif state.mode == "decision":
        for earlier in [d for d in state.drafts if d.provisional]:
            state.drafts.remove(earlier)
            if earlier.votes != _NO_VOTES and draft.votes == _NO_VOTES and not state.held_votes:
                state.held_votes = earlier.votes
    if draft.votes == _NO_VOTES and state.held_votes:
        draft.votes = state.held_votes
    state.held_votes = None
    state.drafts.append(draft)
    return draft


def _on_votes(state: _State, votes: tuple) -> None:
    """A sentence that only reports the vote: it belongs to the decision just made, else to the verdict to come."""
    last = state.drafts[-1] if state.drafts else None
    if not state.pending and last is not None and last.votes == _NO_VOTES and last.segment >= state.segment - 1:
        last.votes = votes
    else:
        held = state.held_votes or _NO_VOTES
        state.held_votes = tuple(new if new is not None else old for new, old in zip(votes, held))


def _adopt(state: _State, proposal: _Proposal, verdict: _Span, same_paragraph: bool) -> None:
    """A verdict turns a proposal into a decision quoted from the proposal."""
    verdict_text = _quote(state, verdict)
    if proposal.span is None:
        span = verdict
    elif same_paragraph and verdict.start >= proposal.span.end:
        span = _Span(proposal.span.start, verdict.end)
    else:
        span = proposal.span
    outcome = ph.outcome_of(verdict_text) or "approved"
    proposed = ph.outcome_of(_quote(state, proposal.span)) if proposal.span is not None else None
    if outcome == "approved" and proposed in _SETTLING_OUTCOMES:
        outcome = proposed  # carrying "a motion to table the contract" postpones it
    _add(state, _Draft(
        span, outcome, tally(verdict_text),
        proposal.mover or find_mover(verdict_text),
        proposal.seconder or find_seconder(verdict_text),
    ))


def _on_verdict(state: _State, span: _Span) -> None:
    text = _quote(state, span)
    if not state.pending:
        state.last = _add(state, _Draft(span, ph.outcome_of(text) or "approved", tally(text), find_mover(text), find_seconder(text)))
        return
    numbered = _ATTSATS.match(text.strip())
    labelled = [p for p in state.pending if p.from_label]
    if numbered and labelled and int(numbered.group(1)) <= len(labelled):
        chosen = [labelled[int(numbered.group(1)) - 1]]
    elif labelled and labelled[-1] is state.pending[-1]:
        chosen = labelled
    else:
        chosen = [_resolution_moved(state)]
    for proposal in chosen:
        _adopt(state, proposal, span, proposal.segment == state.segment)
    if not numbered or len(labelled) <= 1:
        state.pending = [p for p in state.pending if p not in chosen]
    state.last = None


def _resolution_moved(state: _State) -> _Proposal:
    """"BE IT RESOLVED …" then "X moved, seconded by Y, to adopt Resolution 2021-14" and the vote: what was
    adopted is the resolution, moved by X; the motion only put it to the vote."""
    last = state.pending[-1]
    resolution = next((p for p in reversed(state.pending[:-1]) if p.resolution), None)
    if resolution is None or last.resolution or not _NAMES_RESOLUTION.search(_quote(state, last.span) if last.span else ""):
        return last
    state.pending.remove(last)
    if resolution.span is not None and last.span.start >= resolution.span.end:
        resolution.span = _Span(resolution.span.start, last.span.end)  # the quote names both: what and who
    resolution.mover = resolution.mover or last.mover
    resolution.seconder = resolution.seconder or last.seconder
    return resolution


def _on_statement(state: _State, span: _Span, labelled: bool = False) -> None:
    """Under a decision label ("Beslut", "RESOLVED:") a statement without an outcome word was adopted as written."""
    text = _quote(state, span)
    adverb = _LEADING_ADVERB.match(text)
    if adverb:
        span = _Span(span.start + adverb.start("clause"), span.end)
    settled = _settled_proposal(state)
    votes = tally(text) if not _ELECTED_WITHOUT_COUNT.search(text) or re.search(r"\d", text) else (None, None, None)
    outcome = ph.outcome_of(text) or ("approved" if labelled or state.mode == "decision" else None)
    draft = _add(state, _Draft(
        span, outcome, votes,
        find_mover(text) or (settled.mover if settled else None),
        find_seconder(text) or (settled.seconder if settled else None),
        open_list=text.rstrip().endswith(":"),
    ))
    state.pending.clear()  # what was proposed before is settled by this decision
    state.last = draft


def _settled_proposal(state: _State) -> _Proposal | None:
    """The proposal a statement settles: a nomination, or the motion made just before it ("Dmitri proposed a fund.
    Discussion deferred to June.")."""
    nomination = next((p for p in reversed(state.pending) if p.nomination), None)
    if nomination is not None:
        return nomination
    last = state.pending[-1] if state.pending else None
    return last if last is not None and last.segment >= state.segment - 1 else None


def _on_proposal(state: _State, span: _Span, from_label: bool = False) -> None:
    text = _quote(state, span)
    proposal = _Proposal(
        span, state.segment, from_label, find_mover(text), find_seconder(text),
        nomination=bool(re.search(r"\b(?:was|were)?\s*(?:proposed|nominated)\s+by\b", text, re.IGNORECASE)) and not re.search(r"\bproposed\s+that\b", text, re.IGNORECASE),
    )
    state.pending.append(proposal)
    state.last = proposal


def _motion_follows(state: _State, segments: list[_Span], index: int) -> bool:
    """"Moved: X" / "Seconded: Y" / "That Council approves …": the motion comes after the names, not before."""
    for later in segments[index + 1:]:
        following = _quote(state, later).strip()
        if ph.SECONDER_LABEL.match(following) or _seconder_line(following):
            continue
        return bool(_MORE_MOTION.match(following))
    return False


def _seconder_line(text: str) -> str | None:
    """A line that only names the seconder ("Seconded by Cllr. Y"), the motion text still to come."""
    found = re.match(r"^second(?:ed)?(?:\s+by)?\s*:?\s+(?P<who>[^,;.]{2,60}(?:\.\s*[^,;.]{2,40})?)\.?$", text.strip(), re.IGNORECASE)
    return clean_name(found.group("who")) if found else None


def _on_formality(state: _State, text: str, segments: list[_Span], index: int) -> None:
    """"Proposed by: X" makes the paragraph before it a proposal; "Seconded: Y" adds to the motion pending."""
    who, second = find_mover(text), find_seconder(text)
    if ph.MOVER_LABEL.match(text) and not ph.SECONDER_LABEL.match(text) and _motion_follows(state, segments, index):
        mover_name = clean_name(text.split(":", 1)[1]) if ":" in text else who
        state.pending.append(_Proposal(segments[index], index, mover=mover_name, seconder=second, awaiting_text=True,
                                       resolution=state.mode == "decision"))
        state.last = None
        return
    if ph.MOVER_LABEL.match(text) and not ph.SECONDER_LABEL.match(text):
        previous = segments[index - 1] if index > 0 else None
        target = state.pending[-1] if state.pending and previous and state.pending[-1].segment == index - 1 else None
        if target is None:
            prev_text = _quote(state, previous) if previous else ""
            usable = previous is not None and not _is_label(prev_text) and not any(
                d.span.end >= previous.start for d in state.drafts[-1:])
            target = _Proposal(previous if usable else None, index - 1 if usable else index)
            state.pending.append(target)
        target.mover = target.mover or (clean_name(text.split(":", 1)[1]) if ":" in text else who)
        target.seconder = target.seconder or second
        state.last = None
        return
    if state.pending:
        state.pending[-1].mover = state.pending[-1].mover or who
        state.pending[-1].seconder = state.pending[-1].seconder or second
        if state.pending[-1].awaiting_text and state.pending[-1].segment == index - 1:
            state.pending[-1].segment = index  # the motion text follows the seconder line


def _on_list_line(state: _State, span: _Span) -> bool:
    """List lines after "… utses:" or "… as follows:" belong to that statement."""
    target = state.last
    if target is None:
        return False
    target_span = target.span
    announced = state.text[target_span.start: target_span.end].rstrip().endswith(":") if target_span is not None else False
    if target_span is None or not announced and not getattr(target, "open_list", False):
        return False
    if not announced and ph.is_statement(_quote(state, span)):
        return False  # "1. Årsredovisningen godkänns." / "2. Kommunstyrelsen uppdras …": one decision a line
    target_span.end = span.end
    return True


def _label(state: _State, text: str, span: _Span) -> bool:
    """Section labels switch what the paragraphs after them are; an inline label carries its own content."""
    stripped = text.strip()
    for pattern, mode in ((ph.DECISION_LABEL, "decision"), (ph.PROPOSAL_LABEL, "proposal")):
        found = pattern.match(stripped)
        if not found:
            continue
        rest = (found.group("rest") or "").strip()
        if not rest:
            state.mode, state.last = mode, None
            return True
        rest_span = _Span(span.start + (len(text) - len(text.lstrip())) + found.start("rest"), span.end)
        rest_span.start += len(state.text[rest_span.start: rest_span.end]) - len(state.text[rest_span.start: rest_span.end].lstrip())
        if mode == "proposal":
            _on_proposal(state, rest_span, from_label=True)
        elif ph.is_verdict(rest):
            _on_verdict(state, rest_span)
        else:
            _on_statement(state, rest_span, labelled=True)
        return True
    verdict = ph.VERDICT_LABEL.match(stripped)
    if verdict and ph.is_verdict(verdict.group("rest").strip()):
        _on_verdict(state, span)
        return True
    if ph.PROCEDURE_LABEL.match(stripped):
        state.mode, state.last = "procedure", None
        return True
    if ph.OTHER_LABEL.match(stripped):
        state.mode, state.last = None, None
        state.pending = [p for p in state.pending if not p.from_label]
        return True
    return False


def _paragraph(state: _State, segments: list[_Span], index: int) -> None:
    span = segments[index]
    text = _quote(state, span)
    stripped = text.strip()
    if not stripped:
        return
    if (ph.MOVER_LABEL.match(stripped) or ph.SECONDER_LABEL.match(stripped)) and not ph.is_proposal(stripped.split(":", 1)[1]):
        _on_formality(state, stripped, segments, index)
        return
    if _label(state, text, span):
        return
    if ph.SIGNATURE.match(stripped):
        state.mode, state.last = None, None  # the page's signature block ends the section
        return
    if _motion_text(state, span, index) or _motion_line(state, span, index) or _checklist(state, span):
        return
    if _NAME_LIST_LINE.match(stripped):
        previous = state.drafts[-1] if state.drafts else None
        if previous is not None and state.last is previous and _NAME_LIST_LINE.match(_quote(state, previous.span).split("\n")[-1].strip()):
            previous.span.end = span.end
        else:
            _on_statement(state, span)
        return
    if _list_like(stripped) and _on_list_line(state, span):
        return
    if state.mode and _procedure_only(state, span):
        return
    if state.mode == "proposal":
        votes = tally(stripped) if ph.VOTE_RECORD.search(stripped) else _NO_VOTES
        if votes != _NO_VOTES:
            _on_votes(state, votes)  # "Med 21 ja-röster mot 14 …" reported before the decision section

        if len(re.findall(r"[^\W\d_]{2,}", stripped)) < 3 and not ph.is_verdict(stripped):
            return  # a reference line ("KU § 317 06-12-05"), not a proposal
        if ph.is_verdict(stripped) and state.pending:
            _on_verdict(state, span)
            return
        _on_proposal(state, span, from_label=True)
        return
    if state.mode == "decision" and not ph.is_verdict(stripped):
        if ph.ACTION_ITEM.match(stripped) or " " not in stripped:
            return  # an action item, or a lone token (file name, markup) left in the section
        if _list_like(stripped):
            _on_statement(state, span)
            state.drafts[-1].open_list = True
            return
        for piece in _sentences(state.text, span) if ph.is_proposal(stripped) else [span]:
            _sentence(state, piece, in_decision=True)
        return
    for sentence in _sentences(state.text, span):
        for piece in _clauses(state.text, sentence):
            _sentence(state, piece)


def _motion_line(state: _State, span: _Span, index: int) -> bool:
    """"Moved by Councillor A, Seconded by Councillor B" / "Moved Cr A Seconded Cr B": the motion is the next line."""
    who = motion_line(_quote(state, span))
    if who is None:
        return False
    proposal = _Proposal(span, index, mover=who[0], seconder=who[1], awaiting_text=True,
                         resolution=state.mode == "decision")
    state.pending.append(proposal)
    state.last = proposal
    return True


def _motion_text(state: _State, span: _Span, index: int) -> bool:
    """The paragraph after a mover line is the motion ("THAT Council adopt the agenda as circulated."), and so are
    its "AND THAT …" clauses; the verdict line after them settles it."""
    last = state.pending[-1] if state.pending else None
    text = _quote(state, span).strip()
    if last is None or last.segment != index - 1 or ph.is_verdict(text) or _vote_record(text):
        return False
    if last.awaiting_text and _seconder_line(text):
        last.seconder, last.segment = last.seconder or _seconder_line(text), index
        return True
    if last.awaiting_text and ph.is_statement(text) and not _MORE_MOTION.match(text):
        return False  # "It was agreed that …" decides on its own; the names before it are its mover and seconder
    if last.awaiting_text:
        last.span, last.segment, last.awaiting_text = span, index, False
        return True
    if last.mover and last.span is not None and _MORE_MOTION.match(text) and _MORE_MOTION.match(_quote(state, last.span).strip()):
        last.span = _Span(last.span.start, span.end)
        last.segment = index
        return True
    return False


def _checklist(state: _State, span: _Span) -> bool:
    """"- [x] Adopt Rust. Vote: 4 yes, 0 no." under a decision label: a ticked box is adopted unless it says otherwise."""
    text = _quote(state, span)
    box = _CHECKBOX.match(text.strip())
    if state.mode != "decision" or box is None:
        return False
    start = span.start + (len(text) - len(text.lstrip())) + box.end()
    body = state.text[start: span.end]
    outcome = ph.outcome_of(body) or ("approved" if box.group("mark") != " " else None)
    state.last = _add(state, _Draft(_Span(start, span.end), outcome, tally(body), find_mover(body), find_seconder(body)))
    return True


def _procedure_only(state: _State, span: _Span) -> bool:
    """A paragraph under a label that only records procedure ("X yrkar bifall", "Omröstning begärs …, 31 ja-röster")
    is neither a proposal to adopt nor a decision; its tally waits for the verdict."""
    pieces = [_quote(state, piece).strip() for piece in _sentences(state.text, span)]
    if not pieces or not all(ph.PROCEDURAL.search(p) or _vote_record(p) for p in pieces):
        return False
    for piece in pieces:
        if _vote_record(piece):
            _on_votes(state, tally(piece))
    return True


def _vote_record(text: str) -> bool:
    return bool(ph.VOTE_RECORD.search(text)) and tally(text) != _NO_VOTES and not (ph.is_verdict(text) or ph.is_statement(text))


def _inline_label(state: _State, span: _Span) -> bool:
    """"… Decision: Policy v3 adopted (4 for)." — a label inside a paragraph whose lines were joined."""
    text = _quote(state, span)
    for pattern in (ph.DECISION_LABEL, ph.PROPOSAL_LABEL, ph.VERDICT_LABEL):
        found = pattern.match(text.strip())
        if found and ":" in text and (found.group("rest") or "").strip():
            return _label(state, text, span)
    return False


_EMPHASIS = re.compile(r"\*{1,3}|(?<![\w])_{1,2}|_{1,2}(?![\w])")


def _sentence(state: _State, span: _Span, in_decision: bool = False) -> None:
    text = _EMPHASIS.sub("", _quote(state, span)).strip()  # "was **tabled**": markup must not hide the verb
    if ph.ACTION_ITEM.match(text) or ph.WHEREAS.match(text):
        return
    if span.start > 0 and _inline_label(state, span):
        return
    if ph.PROCEDURAL.search(text) or _vote_record(text):
        if _vote_record(text):
            _on_votes(state, tally(text))
        return
    if ph.RESOLUTION.match(text):
        _on_resolution(state, span)
        return
    if ph.is_verdict(text):
        _on_verdict(state, span)
    elif in_decision and ph.RECOMMENDS_DECISION.match(text):
        _on_statement(state, span, labelled=True)
    elif ph.is_statement(text) and not (ph.is_proposal(text) and not _decides_despite_motion(text)):
        _on_statement(state, span)
    elif ph.is_proposal(text):
        _on_proposal(state, span)
    elif in_decision:
        _on_statement(state, span)
    elif re.search(r"\bseconded\b|\bsecond\s+by\b", text, re.IGNORECASE) and state.pending:
        state.pending[-1].seconder = state.pending[-1].seconder or find_seconder(text)


def _decides_despite_motion(text: str) -> bool:
    """"On motion by X, the minutes were approved" and "Mötet föreslog och valde nsg" decide in the same breath."""
    moved = ph.MOVED_THEN_DECIDED.match(text)
    return bool(ph.PROPOSAL_THEN_DECISION.search(text) or re.match(r"^(?:on|upon)\s+(?:a\s+|the\s+)?motion\b", text, re.IGNORECASE)
                or (moved and ph.is_statement(moved.group("rest"))) or ph.MOTION_FARED.match(text))


def _on_resolution(state: _State, span: _Span) -> None:
    """RESOLVED clauses of one resolution are one proposal; a vote on it or the item's end settles it."""
    last = state.pending[-1] if state.pending else None
    if last is not None and last.resolution:
        last.span.end = span.end
        return
    _on_proposal(state, span)
    state.pending[-1].resolution = True
    state.last = state.pending[-1]


def _finish(state: _State) -> None:
    """A resolution nobody voted on is still what the minutes record as resolved."""
    for proposal in state.pending:
        if proposal.resolution and proposal.span is not None:
            _add(state, _Draft(proposal.span, "approved", mover=proposal.mover, seconder=proposal.seconder))
    state.pending.clear()


def _kind(text: str, outcome: str | None) -> str:
    if ph.REVOCATION.search(text):
        return "revocation"
    return "rejection" if outcome == "rejected" else "decision"


def is_decision(sentence: str) -> bool:
    """A sentence that decides on its own: a statement, a verdict, or a decision label with its content."""
    label = ph.DECISION_LABEL.match(sentence.strip())
    if label and (label.group("rest") or "").strip():
        return True
    if sentence.rstrip().endswith("?"):
        return False
    if ph.RESOLUTION.match(sentence.strip()):
        return True
    if ph.is_proposal(sentence) and not _decides_despite_motion(sentence):
        return False
    return ph.is_verdict(sentence) or ph.is_statement(sentence)


def title_decision(title: str) -> DecisionHit | None:
    """Minutes written as numbered sentences have the decision in the heading itself
    ("6. Dagordningen godkändes"); a heading that merely names the matter never decides."""
    text = title.strip()  # a heading in lower case only leads into its body, which holds the decision
    if not text or text[0].islower() or text.endswith("?") or not ph.is_statement(text):
        return None
    if ph.is_proposal(text) and not _decides_despite_motion(text):
        return None
    if ph.DECISION_NOUN.match(text):
        return None  # "Beslut om nya matchställ" names the matter to decide
    outcome = ph.outcome_of(text)
    return DecisionHit(-1, len(title) - len(title.lstrip()), text, _kind(text, outcome), outcome)


def find_decisions(blocks: list[str], title: str | None = None) -> list[DecisionHit]:
    """Pure: an item's paragraph texts in, its decisions out.

    With `title`, a heading that is itself a decision comes first, with block -1
    (the heading's block) and its offset in the title.
    """
    heading = title_decision(title) if title else None
    return ([heading] if heading else []) + _body_decisions(blocks)


def _body_decisions(blocks: list[str]) -> list[DecisionHit]:
    starts, position = [], 0
    for block in blocks:
        starts.append(position)
        position += len(block) + 1
    state = _State("\n".join(blocks))
    segments = _segments(blocks, starts)
    for index in range(len(segments)):
        state.segment = index
        _paragraph(state, segments, index)
    _finish(state)
    hits: list[DecisionHit] = []
    seen: set[tuple[int, int]] = set()
    for draft in sorted(state.drafts, key=lambda d: d.span.start):
        span = draft.span
        quote = state.text[span.start: span.end].rstrip()
        lead = len(quote) - len(quote.lstrip())
        if not quote.strip() or (span.start + lead, span.end) in seen:
            continue
        seen.add((span.start + lead, span.end))
        block = bisect_right(starts, span.start + lead) - 1
        votes_for, votes_against, votes_abstain = draft.votes
        hits.append(DecisionHit(
            block, span.start + lead - starts[block], quote.lstrip(), _kind(quote, draft.outcome), draft.outcome,
            votes_for, votes_against, votes_abstain, draft.mover, draft.seconder,
        ))
    return hits
