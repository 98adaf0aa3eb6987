"""The question inside a chatty message: sentences about the asker's life are set aside.

'I taught fourth grade in Houston for thirty-one years. Could you tell me how many companies
are headquartered in Texas?' asks one thing; the first sentence is context. Read whole, its
words ('taught', 'grade') are unknown and the engine declines, or worse, its names (Houston)
become conditions. A sentence is kept when it asks (a '?', or a request's first words); the
others are dropped only when the kept ones stand on their own: a question that points back
('its closing price', 'which of them') needs what the context named, so it is left whole
and the engine declines it with its usual reason. Every dropped sentence is reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .count_average import says_whom_to_average
from .linking import Linked


@dataclass(frozen=True)
class Mention:
    """Something a context sentence names that a pronoun of the question may mean."""

    kind: str  # "entity" (a value of the data) | "person" ('user 25') | "time"
    words: str  # as the engine reads them: 'Coca Cola', 'user 25', 'in July of 2023'
    key: str = ""  # one key per thing named ('Coke' and 'Coca-Cola' are one company)
    group: str = ""  # the column an entity is a value of


# ('i.e.', 'e.g.', 'vs.' end no sentence: 'its return over H1, i.e. from … to …')
_SENTENCES = re.compile(
    r"(?<=[?.!])(?<!\bi\.e\.)(?<!\be\.g\.)(?<!\bvs\.)(?<!\betc\.)\s+(?=\S)"
    # ('The piece says "… 200,000 people." How many …': a quote that ends a sentence)
    r"|(?<=[?.!]['\"’”])\s+(?=\S)",
    re.I,
)
_REQUEST_START = re.compile(
    r"^\s*(?:(?:and|so|but|also|now|then|ok(?:ay)?|well|oh(?:\s+my)?|and\s+so)[\s,]+)*"
    r"(?:which|what|what's|whats|how|who|whose|whom|when|where|on\s+which|in\s+which|"
    r"could|can|would|will|please|show|list|give|tell|find|compare|rank|sort|count|name|"
    r"remind\s+me|"
    r"is\s+there|are\s+there|do\s+you|does|did|were|was|is|are|has|have|"
    r"i'?d\s+(?:like|love)\s+to\s+(?:know|see|get|find)|i\s+would\s+(?:like|love)\s+to\s+"
    r"(?:know|see|get|find)|i\s+(?:want|need)\s+(?:to\s+(?:know|see|find)|the|a\s+list)|"
    r"let\s+me\s+see|just\s+(?:the|give|show|tell|list))\b",
    re.IGNORECASE,
)
# 'Different question entirely, my brother-in-law again: what was …': a lead-in before a colon
_LEAD_IN = re.compile(r"^[^:?]{3,80}:\s+(?=\S)")
# 'client wants defensive exposure - list the utilities by market cap': the same, before a dash,
# when what follows opens as a request
_DASH_LEAD_IN = re.compile(r"^[^:?]{3,80}?\s[-–—]\s+(?=\S)")
# 'For the domicile section of my risk memo, how many …': where the answer will go, before a
# comma; dropped even when it names data ('For the growth section,')
_DOCUMENT_LEAD_IN = re.compile(
    r"^\s*for\s+(?:the|my|our|a|an|this)\s+[^,?:]{0,60}?\b(?:section|footnote|appendix|table|"
    r"slide|memo|report|deck|letter|note|chart|summary|brief(?:ing)?|page|paragraph|exhibit|"
    r"annex|newsletter|article|post|presentation|pack|review|case(?:\s+study)?|piece|story|"
    r"meeting|dashboard|homework|assignment|coursework|write-?up|thesis|essay|paper|dissertation|"
    r"introduction|discussion|chapter|literature\s+review|term\s+paper)s?\b[^,?:]{0,40},"
    r"\s*(?=\S)"
    # 'For my assignment I need the average …': no comma, the asker's need says where it starts
    r"|^\s*for\s+(?:the|my|our|a|an|this)\s+(?:\w+\s+){0,2}?(?:homework|assignment|coursework|"
    r"piece|story|article|report|memo|essay|thesis|class|course|seminar|project)\s+"
    r"(?=(?:i|we)\s+(?:need|want|have\s+to|must)\b)",
    re.IGNORECASE,
)
# 'As we benchmark against our own peers, please list …': the asker's situation, before a comma
_SITUATION_LEAD_IN = re.compile(
    r"^\s*(?:(?:as|since|because|while|now\s+that|given\s+that)\s+(?:we|i|our|my)\b"
    r"|(?:thinking\s+about|regarding|turning\s+to|speaking\s+of)\b)[^,?:]{1,80},\s*(?=\S)"
    # 'Forgive me if this is a silly question, but …', 'I have always wondered, …'
    r"|^\s*(?:(?:please\s+)?(?:forgive|excuse|pardon)\s+me|sorry|apologies)\b[^,?:]{0,60},\s*"
    r"(?:but\s+)?(?=\S)"
    r"|^\s*(?:and\s+)?i(?:'ve|\s+have)\s+(?:always|often|long)\s+wondered\s*[,:]\s*(?=\S)",
    re.IGNORECASE,
)
# '… in 2023 so I can settle it at Sunday dinner?': why the asker wants it, after the request
_PURPOSE = re.compile(
    r"(?:,\s*|\s+)(?:so\s+(?:that\s+)?(?:i|we)\s+can|(?:i|we)\s+(?:want|need)\s+to\s+"
    r"(?:tell|show|impress|settle|win|prove))\b[^?]*(?=\?*\s*$)"
    # '…, need them for the OG cohort analysis'
    r"|,\s*(?:(?:i|we)\s+)?need\s+(?:them|it|this|these|those|that)\s+for\b[^?]*(?=[?.!]*\s*$)"
    # '…, for the piece.', '… for my assignment': where the answer goes, at the very end
    r"|,?\s+for\s+(?:the|my|our|this)\s+(?:\w+\s+)?(?:piece|story|article|assignment|homework|"
    r"memo|report|deck|essay|column|write-?up|newsletter|slides?)(?=\s*[?.!]*\s*$)",
    re.IGNORECASE,
)


# 'Unrelated to JPMorgan: which stock …', 'Setting that aside, …', 'separately - …', 'ok
# forget the top 10 - …': the asker says the question is a new one; the previous answer must
# not shape it (nor the names in the lead-in become conditions)
_NEW_TOPIC = re.compile(
    r"^\s*(?:(?:ok(?:ay)?|so|now|and|alright|right)[\s,]+)*"
    r"(?:(?:something\s+|a\s+)?(?:completely\s+|totally\s+|entirely\s+)?"
    r"(?:unrelated|different|separate)(?:\s+(?:question|topic|note|thing|matter|q|qn))?"
    r"(?:\s+(?:to|from)\s+[^:,;?\-–—]{1,40})?"
    r"|separately|(?:on\s+)?(?:a\s+|an\s+)?(?:another|different|separate|unrelated|new|other|next)\s+"
    r"(?:matter|note|topic|question|subject|thing|one|q|qn)"
    r"|(?:setting|putting|leaving)\s+(?:that|this|those|it)\s+aside|(?:that|this)\s+aside"
    r"|switching\s+(?:gears|topics?|subjects?)|changing\s+(?:the\s+)?(?:subject|topic)"
    r"|moving\s+on|forget\s+(?:that|this|it|about\s+[^:,;?\-–—]{1,30}|the\s+[^:,;?\-–—]{1,30}|"
    r"[A-Za-z&.]{1,12}))"
    r"\s*(?:[:,;.!]|\s[-–—])\s*(?:but\s+)?(?=\S)"
    # 'unrelated but whats the s&p 500 level …': said without a stop
    r"|^\s*(?:(?:ok(?:ay)?|so)[\s,]+)?(?:(?:totally|completely)\s+)?unrelated[\s,]+but\s+(?=\S)",
    re.IGNORECASE,
)


# 'for each sector give me …': a request said after a phrase that qualifies it
_ASKS_WITHIN = re.compile(r"\b(?:give|show|tell|get)\s+(?:me|us)\b|\blist\b", re.I)


def _said_again_dropped(lead: str, rest: str) -> str:
    """The lead-in without the words the rest says again (a plural 's' aside)."""
    again = {w.lower().rstrip("s") for w in re.findall(r"[\w&'-]+", rest)}
    kept = [w for w in re.findall(r"[\w&'-]+", lead) if w.lower().rstrip("s") not in again]
    return " ".join(kept)


def new_topic(text: str) -> tuple[str, str] | None:
    """(the question, the lead-in) when a lead-in says the question is a new one."""
    said = _NEW_TOPIC.match(text)
    if said is None or not text[said.end() :].strip(" ?.!"):
        return None
    return text[said.end() :], said.group(0).strip(" :,;.!-–—")


# 'user 90 - which stocks did they add': a lead-in that is one numbered person
_ONE_PERSON = re.compile(r"^\s*[a-z]+\s+(?:id\s+)?#?\d+\s*[-–—:]\s*$", re.IGNORECASE)
# "client's got JNJ and PG - …", 'I own KO and PEP: …': a lead-in that says what is held
_HOLDS = re.compile(
    r"\b(?:got|hold|holds|holding|own|owns|owning|bought|have|has|picked|likes?|watch(?:es)?|"
    r"follows?|tracks?)\b",
    re.IGNORECASE,
)


def _asks(sentence: str) -> bool:
    """A request that is not the asker's wish about their own things."""
    return is_request(sentence) and not (
        _ABOUT_ME.match(sentence) and not sentence.rstrip().endswith("?")
    )


def is_request(sentence: str) -> bool:
    """The sentence asks for something: a question mark, or a request's first words."""
    return sentence.rstrip().endswith("?") or bool(_REQUEST_START.match(sentence))


# "how's nvidia been doing lately?" before 'show me the last 5 closes': a greeting-like opener
# that the next sentence makes precise
_VAGUE = re.compile(
    r"^\s*how(?:'s|\s+is|\s+has)\s+(?P<who>[^?]{1,40}?)\s+(?:been\s+)?doing(?:\s+(?:lately|recently|"
    r"these\s+days|so\s+far))?\s*\?\s*$",
    re.IGNORECASE,
)
# 'Thank you.', 'Great, thanks!', 'Good morning.': a sentence of courtesy only, never a question
_COURTESY = re.compile(
    r"^(?:(?:ok(?:ay)?|great|perfect|cool|nice|awesome|excellent|wonderful|lovely|brilliant|goodness|"
    r"(?:oh\s+)?my(?:\s+goodness)?|how\s+(?:lovely|nice|interesting|wonderful|fascinating)|"
    r"interesting|wow|hmm+|alright|all\s+right|sure|got\s+it|good\s+(?:morning|afternoon|"
    r"evening)|hi|hello|hey|thanks?(?:\s+you)?(?:\s+(?:so|very)\s+much)?|thx|ty|many\s+thanks|"
    r"much\s+appreciated|appreciated)(?:\s+(?:again|there))?[\s,!.]*)+$",
    re.IGNORECASE,
)
_ABOUT_ME = re.compile(r"^\s*i(?:'d|\s+would)?\s+(?:want|need|like|love)\b.*\bmy\b", re.I)
# 'The piece says …', 'A reader letter insists …', 'Somebody on the desk said …', 'Here's a
# line I need to check: …': a claim the question then checks, said before it
_CLAIM = re.compile(
    r"^\s*(?:(?:the|our|a|this|my)\s+(?:\w+\s+){0,2}?(?:draft|piece|story|article|feature|"
    r"report|release|letter|memo|column|post|headline|caption|copy|writer|reporter|source|"
    r"reader|editor|wrap|correspondent|analyst|author|blog)s?\s+(?:says?|said|claims?|claimed|"
    r"states?|insists?|insisted|reads?|argues?|suggests?|puts?|has|writes?|wrote|calls?|called|"
    r"reports?|reported|notes?|noted|mentions?|mentioned|describes?|described|quotes?)\b"
    r"|(?:somebody|someone|a\s+colleague|my\s+editor)(?:\s+on\s+the\s+\w+)?\s+(?:says?|said|"
    r"claims?|claimed|thinks?|told\s+me)\b"
    r"|here'?s\s+a\s+(?:line|claim|sentence|figure|number)\b)",
    re.I,
)


# a trader's words the day-move reader knows ('TSLA 5 biggest gap downs in 2023.'): never
# chatter, though the vocabulary does not place them
_MARKET_TERMS = re.compile(r"\bgap(?:s|ped)?\b(?:[\s-]+(?:up|down)s?\b)?", re.I)
# words that say how an answer is measured, never about the asker
_MEASURING = re.compile(
    r"%|\bpercent|\bvs\.?(?=\s)|\bversus\b|\bchange\b|\bmove\b|\blevel\b|\bclose\b|\breturn\b",
    re.I,
)


def _chatter(
    sentence: str,
    unknown_words: Callable[[str], tuple[str, ...]],
    mentions: Callable[[str], tuple[Mention, ...]] = lambda text: (),
) -> bool:
    """Words about the asker: several the engine cannot place ('my granddaughter bought me
    a few shares'), as opposed to a fragment that edits the question ('top 5'); or the
    asker's own wish about their own things ('I want to see how my year went.')."""
    if _ABOUT_ME.match(sentence) and not sentence.rstrip().endswith("?"):
        return True
    named = [m for m in mentions(sentence) if m.kind == "entity"]
    if (
        _CLAIM.match(sentence)
        and not sentence.rstrip().endswith("?")
        # (two of one kind side by side: 'Texas has more than California')
        and all(
            len({m.key for m in named if m.key.split("=")[0] == g}) < 2
            for g in {m.key.split("=")[0] for m in named}
        )
    ):
        # a claim about one thing is set aside (the question says it again, or a pronoun
        # finds it); one that sets two things side by side ('Texas has more than
        # California') may say which the question is about, and is read as any sentence is
        return True
    if _MEASURING.search(sentence):
        return False  # 'level at end of Sept vs year end and the % move': how it is measured
    return len(unknown_words(sentence)) >= 2


# 'Need a number for the top of the story.', 'Working on a record-high line.': what the answer
# is for, said after the question
_NEED_FOR_WORK = re.compile(
    r"^\s*(?:(?:i|we)\s+)?(?:need|want)\b[^?]*\bfor\s+(?:the|my|our|a|this)\s+(?:\w+\s+){0,3}?"
    r"(?:story|piece|article|headline|lede|deck|slide|memo|report|draft|column|post|graphic|"
    r"caption|blurb|intro|paragraph|assignment|homework|essay|newsletter)\b",
    re.IGNORECASE,
)
_WRITING_WORK = re.compile(
    r"^\s*(?:(?:i'?m|we'?re|i\s+am|we\s+are)\s+)?(?:working\s+on|writing|drafting|"
    r"(?:it'?s|this\s+is)\s+for)\s+(?:a|an|the|my|our|this)\s+[^?]*?\b(?:line|story|piece|"
    r"article|headline|lede|chart|slide|deck|memo|report|draft|column|post|graphic|caption|"
    r"blurb|intro|paragraph|assignment|homework|essay)\b(?!\s+(?:chart|graph|plot))"
    r"\s*[.!]*\s*$",
    re.IGNORECASE,
)


# 'I need the names and how much each one rose.' after a ranking of changes: what that
# ranking shows anyway (each row's name and its change)
_NAMES_AND_MOVES = re.compile(
    r"^\s*(?:(?:i|we)\s+(?:need|want|would\s+like)|give\s+me|show\s+me|with|incl(?:uding)?)\s+"
    r"(?:the\s+)?(?:names?|tickers?|companies|stocks)\s+and\s+(?:by\s+)?how\s+(?:much|far)\s+"
    r"(?:each(?:\s+one)?|they|each\s+of\s+them)\s+(?:rose|gained|fell|dropped|lost|moved|changed|"
    r"climbed|went\s+(?:up|down))\b[^?]*$",
    re.IGNORECASE,
)


def _aside_about_the_work(
    sentence: str,
    unknown_words: Callable[[str], tuple[str, ...]],
    names_data: Callable[[str], bool],
) -> bool:
    """A statement of what the answer is for: 'Working on a record-high line.' (its 'high'
    is what is written, not a column asked), or a need that names nothing of the data and
    has a word the engine cannot place ('Need a number for the top of the story.')."""
    if sentence.rstrip().endswith("?"):
        return False
    if _WRITING_WORK.match(sentence) or _NAMES_AND_MOVES.match(sentence):
        return True
    return (
        _NEED_FOR_WORK.match(sentence) is not None
        and not names_data(sentence)
        and bool(unknown_words(sentence))
    )


_LABEL_DEFINED = re.compile(
    r"^\s*(?P<label>[^?]{3,60})\?\s*(?:i\.?\s*e\.?|that\s+is|meaning)\s*[,:]?\s+(?P<definition>\S.*)$",
    re.IGNORECASE,
)
_LABEL_AFTER = re.compile(
    # never a condition ('(ex REITs)', '(only tech)') or a period ('(jan-mar)')
    r"\s*\((?P<label>(?!(?:ex|excl|excluding|without|only|not|no|except|but|incl|including|all|"
    r"just|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|q[1-4]|h[12])\b)"
    # nor a way to rank or show them ('(ties same rank)', '(largest first)')
    r"(?![^)]*\b(?:ties?|tied|rank\w*|order\w*|sort\w*|desc\w*|asc\w*|first|last|top|bottom|each|per|"
    r"total|average|avg|count|percent\w*|round\w*|billions?|millions?)\b)[a-z][a-z' ]{2,30})\)"
    r"\s*(?=[?.!]*\s*$)"
    r"|\s+[-–—]\s+(?P<label2>(?:where|what|who|how)['’]?s?\s+(?:the\s+)?[a-z][a-z ]{2,30}\?)\s*$",
    re.IGNORECASE,
)
# the asker's plan or reasoning said before a colon, in the first person
_PLAN_LEAD_IN = re.compile(
    r"^(?=[^:?]*\b(?:i|we)\s+(?:intend|plan|am\s+going|want|would\s+(?:like|prefer)|need|prefer|"
    r"hope|wish|aim)\b)[^:?]{3,200}:\s+(?=\S)",
    re.IGNORECASE,
)
_QUOTED_TASK = re.compile(
    r"^\s*(?:the|my|our|this)\s+(?:assignment|homework|question|task|exercise|brief|worksheet|"
    r"problem(?:\s+set)?|teacher|professor|prof|lecturer|textbook|case(?:\s+study)?)\s+(?:asks|says|"
    r"reads|states|is|wants)\s*(?:this\s*)?:?\s*[\"“](?P<q>[^\"”]{8,}?)[\"”]\s*",
    re.IGNORECASE,
)


def question_of(
    text: str,
    points_back: Callable[[str], str],
    names_data: Callable[[str], bool],
    unknown_words: Callable[[str], tuple[str, ...]],
    mentions: Callable[[str], tuple[Mention, ...]] = lambda text: (),
) -> tuple[str, str]:
    """(the question to read, the context set aside; "" when nothing was).

    ``points_back(text)``: a word of ``text`` that refers outside it ('its', 'them'), or "".
    ``names_data(text)``: the text names a table, column or value of the database.
    ``unknown_words(text)``: its content words that nothing in the data or the engine's
    vocabulary accounts for. A sentence the engine reads whole ('top 5', 'names pls',
    'biggest first') qualifies the question and is kept.
    ``mentions(text)``: what a context sentence names, for the question's pronouns.
    """
    dropped: list[str] = []
    quoted = _QUOTED_TASK.match(text)
    if quoted is not None:
        # 'The assignment asks: "Which industries …?" Please list …': the question quoted
        dropped.append(text[: quoted.start("q")].strip(' :"“'))
        text = quoted.group("q") + " " + text[quoted.end() :]
    sentences = [s.strip() for s in _SENTENCES.split(text.strip()) if s.strip()]
    if len(sentences) > 1:
        asking = [
            s
            for s in sentences
            # (a sentence that asks is kept without linking its words: the cheap test first)
            if not _COURTESY.match(s)
            and (
                _asks(s)
                or says_whom_to_average(s)
                or _MARKET_TERMS.search(s)
                or not _chatter(s, unknown_words, mentions)
            )
            and not _aside_about_the_work(s, unknown_words, names_data)
        ]
        vague = _VAGUE.match(asking[0]) if len(asking) == 2 else None
        if vague is not None and names_data(vague.group("who")):
            # the precise request that follows says what 'doing' means, of the one named
            request = asking[1].rstrip(" ?.!")
            said = asking[1][len(request) :]
            asking = [f"{request} of {vague.group('who')}{said}"]
            text = asking[0]
            return text, sentences[0]
        statements = [s for s in asking if not _asks(s)]
        questions = " ".join(s for s in asking if _asks(s))
        if (
            statements
            and len(statements) < len(asking)
            and (
                points_back(questions)
                or (_points_as_each(questions) and any(_HOLDS.search(s) for s in statements))
            )
        ):
            # 'client holds VZ, T, DIS, KO and PG. which of those are on nobody's watchlist?':
            # a statement naming what the question's pronoun means is its context
            named = [m for s in statements for m in mentions(s)]
            meant = _resolved(questions, named) if named else None
            if meant is not None and not points_back(meant):
                asking = [s for s in asking if _asks(s)]
        if asking and len(asking) < len(sentences):
            kept = " ".join(asking)
            context = [s for s in sentences if s not in asking]
            refers = points_back(kept) or _THAT_TIME.search(kept)
            # 'A client holds KO, PEP and PG. … the close of each': the things held
            each = _points_as_each(kept) and any(_HOLDS.search(s) for s in context)
            if (refers or each) and any(names_data(s) for s in context):
                # 'What was its closing price?' needs the sentence before: its one company
                meant = _resolved(kept, [m for s in context for m in mentions(s)])
                if refers and (meant is None or points_back(meant)):
                    return text, ""
                if meant is not None and not points_back(meant):
                    context.append(f"(the question read with what they name: '{meant}')")
                    kept = meant
            dropped = context
            text = kept
    document = _DOCUMENT_LEAD_IN.match(text)
    if document is not None and is_request(text[document.end() :]):
        dropped.append(document.group(0).strip(" ,"))
        text = text[document.end() :]
    situation = _SITUATION_LEAD_IN.match(text)
    if (
        situation is not None
        and is_request(text[situation.end() :])
        and not names_data(situation.group(0))
    ):
        dropped.append(situation.group(0).strip(" ,"))
        text = text[situation.end() :]
    planned = _PLAN_LEAD_IN.match(text)
    if (
        planned is not None
        and is_request(text[planned.end() :])
        and not points_back(text[planned.end() :])
    ):
        # 'I intend to plot the monthly evolution of the index in my paper: what was …',
        # 'As a robustness check I would prefer the median to the mean, since …: what is …'
        dropped.append(planned.group(0).strip(" :"))
        text = text[planned.end() :]
    lead = _LEAD_IN.match(text)
    dash = _DASH_LEAD_IN.match(text)
    if (
        lead is None
        and dash is not None
        and _REQUEST_START.match(text[dash.end() :])
        and not _REQUEST_START.match(text)
    ):
        lead = dash
    if lead and is_request(text[lead.end() :]) and not names_data(lead.group(0)):
        dropped.append(lead.group(0).strip(" :"))
        text = text[lead.end() :]
    elif (
        lead
        and lead is not dash
        and unknown_words(lead.group(0))
        and (is_request(text[lead.end() :]) or _ASKS_WITHIN.search(text[lead.end() :]))
        and not names_data(_said_again_dropped(lead.group(0), text[lead.end() :]))
    ):
        # 'Fancy stocks: list every stock that costs more than $500', 'Sector cheat sheet: for
        # each sector give me …': a label whose data words the request says again
        dropped.append(lead.group(0).strip(" :"))
        text = text[lead.end() :]
    elif (
        lead
        and (_HOLDS.search(lead.group(0)) or _ONE_PERSON.match(lead.group(0)))
        and is_request(text[lead.end() :])
        and points_back(text[lead.end() :])
    ):
        # "client's got JNJ and PG - what did each of them close at …": 'them' are the two
        meant = _resolved(text[lead.end() :], list(mentions(lead.group(0))))
        if meant is not None and not points_back(meant):
            dropped += [
                lead.group(0).strip(" :-–—"),
                f"(the question read with what it names: '{meant}')",
            ]
            text = meant
    defined = _LABEL_DEFINED.match(text)
    if defined is not None and unknown_words(defined.group("label")):
        # "what's our overall activation rate? i.e. % of signed up users who …": the
        # definition is the question; the label only names it
        dropped.append(defined.group("label").strip())
        text = defined.group("definition")
    label = _LABEL_AFTER.search(text)
    label_said = (label.group("label") or label.group("label2")) if label is not None else ""
    if (
        label is not None
        and label.start() > 0
        and unknown_words(label_said)
        and len(label_said.split()) <= 5
        and (is_request(text[: label.start()]) or not unknown_words(text[: label.start()]))
    ):
        # '… never picked a single stock (dead signups)', '… by number of picks - where's the
        # least demand?': a name for what was asked, said after it
        dropped.append(label_said.strip())
        text = (text[: label.start()] + text[label.end() :]).strip()
    purpose = _PURPOSE.search(text)
    if purpose and purpose.start() > 0 and not names_data(purpose.group(0)):
        dropped.append(purpose.group(0).strip(" ,"))
        text = (text[: purpose.start()] + text[purpose.end() :]).strip()
    return text, " ".join(dropped)


_ONE_THING = re.compile(r"\b(?:its|it's|it)\b", re.IGNORECASE)
_PERSON = re.compile(r"\b(?:she|he|her|his|him)\b", re.IGNORECASE)
# 'A client holds KO, PEP and PG. … of each in December 2023?', '… each one's close': 'each'
# with no noun after it
_BARE_EACH = (
    r"each\s+one's|each(?:\s+one)?(?=\s+(?:in|on|at|during|over|for|from|between|close[sd]?|did|was"
    r"|is|has|had|traded)\b|\s*[?.!,]|\s*$)"
)


def _points_as_each(text: str) -> bool:
    return re.search(rf"\b{_BARE_EACH}", text, re.I) is not None


_SEVERAL = re.compile(
    r"\b(?:(?:each|both|either)\s+of\s+them|them\s+both|their|them|they|"
    + _BARE_EACH
    + r"|those(?=\s*[?.!,]|\s*$|\s+(?:are|were|is|was|have|has|had|did|do|does)\b))\b",
    re.IGNORECASE,
)
_THAT_TIME = re.compile(
    r"\b(?:(?P<prep>in|on|for|during|over)\s+)?(?:that|those|the\s+same)\s+"
    r"(?:month|year|day|days|week|quarter|period|dates?)\b",
    re.IGNORECASE,
)


_PER_THING = re.compile(
    r"\b(?:highest|lowest|max(?:imum)?|min(?:imum)?|most|least|average|avg|mean|total|sum|"
    r"best|worst|biggest|largest|smallest|peak|top|bottom|count|number)\b",
    re.IGNORECASE,
)


def _resolved(question: str, mentioned: list[Mention]) -> str | None:
    """The question with its pronouns replaced by the one thing of each kind the context
    names; None when a pronoun has no single antecedent there (then nothing is guessed)."""
    things: dict[str, list[Mention]] = {}
    for m in mentioned:
        seen = things.setdefault(m.kind, [])
        if all(other.key != m.key for other in seen):
            seen.append(m)
    entities, people, times = (things.get(k, []) for k in ("entity", "person", "time"))
    text = question
    if _THAT_TIME.search(text):
        if len(times) != 1:
            return None
        when = times[0].words
        bare = re.sub(r"(?i)^(?:in|on|during|over|for)\s+", "", when)
        if re.match(r"(?i)(?:from|between|since|after|before)\b", when):
            text = _THAT_TIME.sub(when, text)  # 'for those days': 'from 1 Dec to 7 Dec 2023'
        else:
            text = _THAT_TIME.sub(lambda m: f"{m.group('prep') or 'in'} {bare}", text)
    if _PERSON.search(text):
        if len(people) != 1:
            return None
        who = people[0].words
        text = _PERSON.sub(
            lambda m: f"{who}'s" if m.group(0).lower() in ("his", "her") else who, text
        )
    if _ONE_THING.search(text):
        if len(entities) != 1:
            return None
        one = entities[0].words
        text = _ONE_THING.sub(lambda m: f"{one}'s" if m.group(0).lower() != "it" else one, text)
    if _SEVERAL.search(text) and not entities and len(people) == 1:
        # 'user 90 - which stocks did they add': one person named, a singular 'they'
        who = people[0].words
        text = _SEVERAL.sub(lambda m: f"{who}'s" if m.group(0).lower() == "their" else who, text)
    if _SEVERAL.search(text):
        if len(entities) < 2 or len({m.group for m in entities}) != 1:
            return None
        several = " and ".join(m.words for m in entities)

        def each(m: re.Match) -> str:
            said = m.group(0).lower()
            if said in ("their", "each one's"):
                return f"{several}'s"
            if said in ("each", "each one"):
                # 'the average close of each': one figure each; 'what did each close at':
                # the rows of the things named
                return f"each of {several}" if _PER_THING.search(text) else several
            if said.startswith(("each", "either")) and _PER_THING.search(text):
                # 'the highest close each of them reached': one per thing, never one in all
                return f"{said.split()[0]} of {several}"
            return several

        text = _SEVERAL.sub(each, text)
    return text


def mentions(linked: Linked) -> tuple[Mention, ...]:
    """The values, numbered rows ('user 25') and periods a context sentence names."""
    found: list[Mention] = []
    items = list(linked.items)
    for k, it in enumerate(items):
        if it.kind == "value" and it.targets:
            keys = sorted({f"{t.table}.{t.column}={t.value}" for t in it.targets})
            found.append(Mention("entity", it.text, keys[0], it.targets[0].column))
        elif it.kind == "time" and not it.text.lower().startswith("of "):
            # ('of December 2023' is the tail of a phrase the linker did not read whole)
            found.append(Mention("time", it.text, it.text.lower()))
        elif (
            it.kind == "table"
            and k + 1 < len(items)
            and items[k + 1].kind == "number"
            and items[k + 1].start == it.end
        ):
            words = f"{it.text} {items[k + 1].text}"
            found.append(Mention("person", words, words.lower()))
    return tuple(found)
