"""The wording of decisions, verdicts, proposals and section labels in Swedish and English minutes.

A *statement* carries its own content ("Mötet valde kaj till sekreterare",
"The minutes were approved"). A *verdict* only says how a proposal fared
("bifalles", "Unanimously approved.", "the motion carried 5-0", "Årsmötet
godkänner förslaget"): its decision is the proposal before it. A *proposal*
("X moved to …", "Förslag att …", "yrkade på att") is no decision until a
verdict adopts it. Everything is kept as tables of patterns so a new phrase is
one line.
"""
from __future__ import annotations

import re

_I = re.IGNORECASE

# --- Swedish -----------------------------------------------------------------
SV_PASSIVE = (
    r"beslutades|beslöts|beslutas|beslutes|fastslogs|fastslås|fastställdes|fastställs|fastställes|"
    r"godkändes|godkänns|godkännes|antogs|antages|bifölls|bifalls|bifalles|biföllos|avslogs|avslås|avslages|afslogs|afslås|"
    r"tillstyrktes|tillstyrks|avstyrktes|avstyrks|beviljades|beviljas|valdes|väljs|väljes|omvaldes|omväljs|"
    r"skjuts\s+upp|sköts\s+upp|uppsköts|nyvaldes|invaldes|utsågs|utses|uppdrogs|uppdras|återremitterades|återremitteras|bordlades|bordläggs|bordlägges|"
    r"bibehålls|bibehölls|upphävdes|upphävs|entledigades|entledigas|tillsattes|tillsätts|utnämndes|"
    r"(?:lades|läggs|lägges|lagts?)\s+till\s+handlingarna|revs\s+(?:\w+\s+)?upp|rivs\s+(?:\w+\s+)?upp|"
    r"hänsköts|hänskjuts|hänskjutes|hänskötos|"
    r"(?:upplästs\s+och\s+)?(?:godkänts|antagits|fastställts|beviljats)(?!\s+av\s+(?:regeringen|riksdagen))|"
    r"(?:överlämnas|överlämnades|överlämnats|remitteras|remitterades)\s+till\s+[\wåäö]+(?:\s+[\wåäö]+)?\s+för\s+(?:beredning|yttrande|handläggning|åtgärd|beslut)"
)
SV_AMBIGUOUS_PASSIVE = r"antas"  # also "is assumed"; a decision only with a subject before it
SV_ACTIVE = (
    r"beslutar|beslutade|beslöt|beslöto|fastställer|fastställde|godkänner|godkände|antar|antog|bifaller|biföll|"
    r"avslår|avslog|beviljar|beviljade|väljer|valde|omvalde|utser|utsåg|uppdrar|uppdrog|återremitterar|återremitterade|"
    r"bordlägger|bordlade|tillstyrker|tillstyrkte|avstyrker|avstyrkte|enades|enas|upphäver|upphävde|entledigar|entledigade|"
    r"röstade\s+för|fann\s+(?:sig|att|mötet)|finner\s+(?:sig|att|mötet)|lade\s+\w+\s+till\s+handlingarna|lägger\s+\w+\s+till\s+handlingarna"
)
SV_SUBJECT = (
    r"(?:mötet|årsmötet|extramötet|stämman|årsstämman|föreningsstämman|extrastämman|styrelsen|nämnden|beredningen|utskottet|"
    r"sammanträdet|föreningen|fullmäktige|kommunstyrelsen|kommunfullmäktige|medlemmarna|församlingen|"
    r"[\wåäö]+(?:nämnden|styrelsen|beredningen|utskottet|fullmäktige|mötet|stämman)|vi)"
)
SV_ADVERBS = r"(?:(?:därför|sedan|också|även|därefter|då|enhälligt|enigt|slutligen|så|alltså|\w+\s+och)\s+)*"

# --- English -----------------------------------------------------------------
EN_BODY = (
    r"(?:committee|board|council|meeting|members|membership|trustees|assembly|commission|directors|"
    r"group|panel|tc|working\s+group|wg|subcommittee|executive|senate)"
)
EN_ACTIVE = (
    r"agreed|resolved|decided|approved|adopted|voted|rejected|elected|appointed|accepted|ratified|endorsed|"
    r"confirmed|granted|authori[sz]ed|declined|tabled|postponed|deferred|referred|rescinded|revoked|concurred"
)
EN_PASSIVE = (
    r"approved|adopted|accepted|carried|passed|ratified|elected|re-?elected|appointed|confirmed|rejected|defeated|"
    r"agreed|tabled|postponed|deferred|continued\s+to|referred|endorsed|granted|denied|rescinded|revoked|received\s+and\s+filed"
)

# "Beslut om att byta bank." decides in a body; as an item heading it only names the matter.
DECISION_NOUN = re.compile(r"^Beslut(?:et)?\s+(?:om\s+att|om|att)\s+\w", _I)

# Patterns that scan every position open with (?<!\w) rather than \b: the same where the next character is a letter,
# and Python's engine turns positions away faster with it.
STATEMENTS = [
    # Swedish: passive verb anywhere ("Dagordningen godkändes", "Beslutades att", "antogs av stämman")
    re.compile(rf"(?<!\w)(?:{SV_PASSIVE})\b(?!\s+(?:av\s+)?(?:regeringen|riksdagen))", _I),
    re.compile(rf"^\S.*?\s(?:{SV_AMBIGUOUS_PASSIVE})\b", _I),
    # Swedish: the meeting as subject, before or after the verb ("Mötet valde", "beslöt nämnden att")
    re.compile(rf"^(?:[\wåäö]+\s+){{0,3}}?{SV_SUBJECT}\s+(?:(?:har)\s+)?{SV_ADVERBS}(?:{SV_ACTIVE})\b", _I),
    re.compile(rf"(?<!\w)(?:{SV_ACTIVE})\s+{SV_ADVERBS}{SV_SUBJECT}\b", _I),
    # Swedish: elections written as a participle ("X vald till ordförande", "blef vald")
    re.compile(r"\b(?:vald|valda|omvald|omvalda|nyvald|nyvalda|invald|invalda|utsedd|utsedda)\s+(?:till|som|in\s+som|på|för)\b", _I),
    re.compile(r"\b(?:blev|blef|blevo|blefvo|blivit)\s+(?:\w+\s+)?(?:vald|valda|omvald|utsedd|utsedda|antagen|antaget|antagna|godkänd|godkänt|godkända)\b", _I),
    re.compile(r"^Val\s+av\s+[\wåäö -]{2,40}?(?:,|\s+på)\s+[A-ZÅÄÖ][\wåäö-]+\s+[A-ZÅÄÖ][\wåäö-]+"),
    # Swedish: a decision named as a noun ("Beslut om att övergå …", "Beslut att …")
    DECISION_NOUN,
    # Swedish: noting ("Informationen noteras", "Interpellationen anses besvarad") and a proposal falling ("föll förslaget")
    re.compile(r"^(?:[\wåäö-]+\s+){0,3}?[\wåäö-]+(?:en|et|na)\s+(?:härmed\s+|därmed\s+)?(?:noteras|noterades|antecknas|antecknades)\b", _I),
    re.compile(r"\b(?:anses|ansågs|ansetts)\s+(?:härmed\s+|därmed\s+)?besvarad\w*", _I),
    re.compile(r"\b(?:föll|faller)\s+(?:därmed\s+)?(?:förslaget|yrkandet|motionen)\b|^(?:förslaget|yrkandet|motionen)\s+(?:\w+\s+)?(?:föll|faller)\b", _I),
    # English
    re.compile(r"\b(?:was|were)\s+not\s+seconded\b", _I),
    re.compile(r"\band\s+(?:it\s+was\s+)?(?:unanimously\s+)?(?:resolved|agreed)\s+(?:that|to)\b", _I),
    re.compile(rf"(?<!\w){EN_BODY}\s+(?:\w+ly\s+|also\s+|then\s+)*(?:received\s+and\s+noted|noted|received)\s+(?:the|this|these|receipt)\b", _I),
    re.compile(r"^(?:[\w'’-]+\s+){0,4}?(?:report|reports|update|updates|accounts|statements?|information|correspondence|presentation|"
               r"review|summary|minutes|figures|petition|recommendations?)\s+(?:was|were)\s+(?:duly\s+)?(?:noted|received)"
               r"(?:\s+and\s+(?:noted|filed))?(?:\s+with\s+thanks)?\s*(?:[.;]|$)", _I),
    re.compile(r"^(?:[\w'’-]+\s+){0,2}?(?:deferred|postponed|held\s+over|carried\s+(?:forward|over))\s+(?:to|until|till)\b", _I),
    re.compile(r"\bit\s+was\s+(?:\w+\s+)?(?:agreed|resolved|decided|voted|determined|ordered)\b", _I),
    re.compile(rf"(?<!\w)(?:the\s+)?{EN_BODY}\s+(?:\w+ly\s+|then\s+|also\s+|therefore\s+)*(?:{EN_ACTIVE})\b", _I),
    re.compile(rf"(?<!\w)(?:was|were|is|are|has\s+been|have\s+been)\s+(?:\w+ly\s+|also\s+|then\s+|hereby\s+|not\s+)*(?:{EN_PASSIVE})\b", _I),
    re.compile(r"\b(?:approved|adopted|accepted)\s+(?:as\s+(?:submitted|presented|amended|read|written|circulated|distributed|corrected)|"
               r"(?:\w+\s+)?by\s+(?:general\s+consent|unanimous\s+(?:vote|consent)|acclamation|consensus))\b", _I),
    re.compile(r"^(?:(?:it\s+was\s+)?(?:\w+ly\s+)?(?:agreed|decided|resolved)\s*(?:that|to|on|upon|:))", _I),
    re.compile(r"^consensus\s*(?::|to|that|was)", _I),
    # English elliptical records: "Agenda approved unchanged.", "Minutes approved and merged."
    re.compile(r"^(?:the\s+)?(?:\w+\s+){0,3}?(?:agenda|minutes|protocol|report|reports|budget|accounts|bylaws|charter|policy|plan|"
               r"proposal|resolution|amendment|application|request)\s+(?:\w+ly\s+)?(?:approved|adopted|accepted|ratified)\b", _I),
]

# A whole resolution clause: voted on as a whole, reported once.
RESOLUTION = re.compile(r"^(?:now,?\s+)?(?:therefore,?\s+)?(?:be\s+it\s+)?(?:further\s+)?resolved\b", _I)
WHEREAS = re.compile(r"^whereas\b", _I)

# --- verdicts ----------------------------------------------------------------
_PROPOSAL_WORD = r"(?:förslaget|yrkandet|motionen|propositionen|detta|densamma|the\s+motion|the\s+proposal|this\s+proposal|the\s+recommendation|the\s+same|it)"
VERDICTS = [
    re.compile(r"^(?:att-?sats(?:en)?\s*\d+\s+|punkt\s*\d+\s+)?(?:bifalles|bifalls|bifölls|bifall|avslås|avslogs|avslag|antas|antogs|"
               r"godkänns|godkändes|godkännes|godkänt|beviljat|bordläggs|bordlades|återremitteras|återremitterades|beslut\s+enligt\s+förslag(?:et)?|"
               r"så\s+beslutades|beslutades\s+enligt\s+förslag(?:et)?)\b", _I),
    re.compile(r"^(?:förslaget|yrkandet|motionen|propositionen)\s+(?:\w+\s+)?(?:bifalles|bifölls|bifalls|godkändes|godkänns|antogs|antas|avslogs|avslås|bordlades|bordläggs)\b", _I),
    re.compile(rf"^{SV_SUBJECT}\s+{SV_ADVERBS}(?:godkänner|godkände|bifaller|biföll|antar|antog|avslår|avslog|bordlägger|bordlade|"
               rf"beslutar\s+enligt|beslutade\s+enligt|beslöt\s+enligt)\s+(?:\w+\s+)?{_PROPOSAL_WORD}", _I),
    re.compile(r"^(?:\w+ly\s+)?(?:approved|carried|passed|adopted|agreed|accepted|rejected|defeated|failed|tabled|so\s+(?:moved|ordered|resolved|decided))\b", _I),
    re.compile(r"^lost\b\s*(?:\(?\d{1,3}\s*[-–/:]\s*\d{1,3}\)?)?\s*\.?$", _I),
    re.compile(r"\b(?:the\s+)?motion,?\s+(?:which\s+|that\s+)?(?:was\s+|is\s+|has\s+)?(?:\w+ly\s+)?(?:carried|carries|passed|passes|approved|adopted|failed|fails|defeated|lost|rejected|tabled)\b", _I),
    re.compile(rf"^{_PROPOSAL_WORD}\s+(?:was|is)\s+(?:\w+ly\s+)?(?:approved|adopted|accepted|carried|rejected|defeated|tabled)\b", _I),
    re.compile(r"^to\s+(?:this|the)\s+(?:proposal|motion|suggestion|recommendation)\s+(?:the\s+)?\w+\s+(?:\w+ly\s+)?(?:agreed|assented|consented)\b", _I),
    re.compile(rf"\b{EN_BODY}\s+(?:\w+ly\s+)?(?:agreed|assented|consented)\s+to\s+(?:this|the)\s+(?:proposal|motion|suggestion)\b", _I),
]

# --- proposals ----------------------------------------------------------------
PROPOSALS = [
    re.compile(r"\b(?:moved|motioned)\s*,\s*(?:and\s+)?second(?:ed)?\b|\bmoved\s+and\s+seconded\s+(?:to|that)\b|\b(?:moved|motioned)\s+(?:to|that)\b|\bmade\s+(?:a|the)\s+motion\b|\bmoves?\s+(?:to|that|we)\b", _I),
    re.compile(r"^(?:it\s+was\s+)?moved\s+(?:and\s+seconded\s+)?(?:by|that|to)\b|^motion\s+(?:by|from|to|that)\b", _I),
    re.compile(r"\b(?:a|the)\s+motion\s+(?:to|that)\b[^.]{0,200}?\b(?:was|were)\s+made\b", _I),
    re.compile(r"^(?-i:[A-ZÅÄÖ][\w'’-]+(?:\s+[A-ZÅÄÖ][\w'’-]+){0,2})\s+(?:proposed|proposes)\s+(?:a|an|the|to|adopting|\w+ing)\b|"
               r"\bproposed\s+that\b|\b(?:was|were)\s+proposed\s+by\b|\bproposed\s+by\b|\bnominated\s+by\b", _I),
    re.compile(r"^Förslag(?:et)?\s+(?:att|om|på|till)\b|\b(?:yrkade|yrkar|föreslog|föreslår|föreslås|hemställde|hemställer)\b", _I),
]
# "Mötet föreslog och valde nsg" decides; a proposal verb followed by a decision is no proposal.
PROPOSAL_THEN_DECISION = re.compile(
    rf"\b(?:föreslog|föreslår)\s+och\s+(?:{SV_ACTIVE})\b"
    r"|\b(?:proposed|moved|seconded)\s+by\b[^.]{0,120}?\band\s+(?:it\s+was\s+)?(?:unanimously\s+)?(?:resolved|agreed|carried)\b", _I)

# Under a decision label, a working committee records its decision as a recommendation to the board above it
# ("Arbetsutskottet föreslår kommunstyrelsen besluta att …").
RECOMMENDS_DECISION = re.compile(rf"^{SV_SUBJECT}\s+(?:föreslår|föreslog)\s+[\wåäö]+\s+(?:att\s+)?(?:besluta|besluta\s+att|fatta\s+beslut)\b", _I)
# "Proposed by A, seconded by B, the Council noted …" / "On the proposal of A, seconded by B, the minutes were
# confirmed": the mover names open a sentence that decides.
MOVED_THEN_DECIDED = re.compile(
    r"^(?:on\s+the\s+(?:proposal|motion)\s+of|proposed\s+by|moved\s+by)\s+[^,]{2,60},\s*(?:and\s+)?seconded\s+by\s+[^,]{2,60},\s*(?P<rest>\S.*)$",
    _I | re.DOTALL)
# "Motion to raise dues was tabled until September": the motion and what became of it, in one sentence.
MOTION_FARED = re.compile(
    r"^(?:[-*+]\s+)?(?:an?\s+|the\s+)?(?:motion|proposal)\s+(?:to|that)\b[^.]{0,200}?\b(?:was|were)\s+(?:\w+ly\s+)?"
    r"(?:tabled|postponed|deferred|carried|approved|adopted|defeated|rejected|lost|not\s+seconded)\b", _I)
# The signature block closing a Swedish protocol page is no part of the decision above it.
SIGNATURE = re.compile(r"^(?:justerandes\s+signatur|justerare|utdragsbestyrkande|protokollet\s+(?:är\s+)?justerat|ordförandes\s+signatur|sekreterarens?\s+signatur)\b", _I)

# Steps of the procedure that neither propose a text nor decide: seconding a proposal already made ("yrkar bifall
# till motionen"), asking for a vote, a reservation against the decision, a conflict of interest.
PROCEDURAL = re.compile(
    r"\b(?:yrkar|yrkade|yrkas)\s+(?:\w+\s+){0,2}?(?:bifall|avslag|återremiss|bordläggning)\b|\breserver(?:ar|ade)\s+sig\b"
    r"|^protokollsanteckning|\b(?:omröstning|votering)\s+(?:\w+\s+)?(?:begärs|begärdes|verkställs|verkställdes|genomförs|genomfördes)\b"
    r"|\banmäl(?:er|de)\s+jäv\b|\bdeltar\s+(?:inte|ej)\s+i\s+beslutet\b",
    _I,
)
# A sentence that only reports how the votes fell ("Röstningen utföll 23 för och 9 emot", "31 ja-röster …").
VOTE_RECORD = re.compile(r"\b(?:röst\w*|omröstning\w*|votering\w*|votes?|voting|ayes?|nays?|noes|ja-?röster|nej-?röster)\b|(?<![\d,.£$€])\b\d+\s+(?:för|emot|for|against)\b(?!\s+\d)", _I)
# Background, not this meeting's decision: a time named right after the verb ("beslutade förra året att",
# "agreed in November to", "beslöt 2019 att").
_MONTHS = (r"(?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|january|february|march|"
           r"may|june|july|august|october)")
AFTER_VERB_NEGATIVE = re.compile(
    rf"^\s*(?:(?:redan|då|also|already)\s+)?(?:förra\s+\w+|i\s+fjol|tidigare|(?:år\s+|i\s+|in\s+)?(?:19|20)\d\d\b|(?:i|in|den\s+\d{{1,2}})\s+{_MONTHS}\b|"
    rf"last\s+(?:year|month|week|meeting|time|spring|summer|autumn|fall|winter)|previously|earlier|at\s+(?:its|the|their)\s+(?:last|previous|prior)\b)",
    _I,
)

# --- labels (a paragraph that only names what follows) -----------------------
DECISION_LABEL = re.compile(
    r"^(?:(?:[\wåäö]+s\s+)?beslut(?:et)?|beslutade|beslöts|decisions?|resolution|resolved|agreed|action\s+taken|"
    r"(?:council|committee|board|commission)\s+(?:resolution|decision)(?:\s+(?:no\.?\s*)?[A-Z]*\d[\w./-]*)?)\s*(?:[:–-]\s*(?P<rest>.*))?$",
    _I | re.DOTALL,
)
VERDICT_LABEL = re.compile(r"^(?:action|outcome|result|resultat|utfall|vote|votes|omröstning|röstning)\s*:\s*(?P<rest>.*)$", _I | re.DOTALL)
PROPOSAL_LABEL = re.compile(
    r"^(?:(?:[\wåäö]+s\s+)?förslag(?:\s+till\s+beslut)?|beslutsförslag|yrkanden?|proposal|proposed\s+motion|motion|"
    r"(?:(?:officer|officers|staff|committee|administration|management|executive)(?:['’]s)?\s+)?recommendation)\s*(?:[:–-]\s*(?P<rest>.*))?$",
    _I | re.DOTALL,
)
MOVER_LABEL = re.compile(r"^(?:proposed|moved|motion|nominated|förslagsställare|föreslagen|yrkande)(?:\s+(?:by|av))?\s*:\s*\S", _I)
SECONDER_LABEL = re.compile(r"^(?:second(?:ed)?(?:\s+by)?|motion\s*/\s*second(?:ed)?|moved\s*/\s*seconded)\s*:\s*\S", _I)
OTHER_LABEL = re.compile(
    r"^(?:anteckningar|bakgrund|ärendebeskrivning|ärendet|beslutsunderlag|reservationer?|protokollsanteckning(?:ar)?|expedieras(?:\s+till)?|"
    r"sammanfattning|yttranden?|information|diskussion|discussion|background|notes?|summary|comments?|"
    r"action\s+items?|actions|next\s+steps|open\s+(?:issues|questions)|to-?dos?|att\s+göra|uppgifter|"
    r"_{3,}|-{3,}|\*{3,})\s*:?$",
    _I,
)
PROCEDURE_LABEL = re.compile(
    r"^(?:omröstning|votering|röstning|propositionsordning|beslutsgång|roll\s+call(?:\s+vote)?|vote|voting)\s*:?$", _I)
ACTION_ITEM = re.compile(
    r"^(?:AI|ACTION(?:\s+ITEM)?|TODO|Action\s+items?|Att\s+göra|Uppgift)\s*[:\-–]"
    r"|^(?-i:[A-ZÅÄÖ][\wåäö'’-]+(?:\s+[A-ZÅÄÖ][\wåäö'’-]+){0,2})\s+(?:will|is\s+going\s+to|ska|skall|kommer\s+att|tar\s+kontakt|kontaktar)\b",
    _I,
)

# --- negatives: sentences that sound decisive but report, plan or ask --------
BEFORE_VERB_NEGATIVE = re.compile(
    r"\b(?:ska|skall|kommer\s+att|kommer|måste|bör|borde|kan|kunde|får|behöver|skulle|vill|planeras|avses|"
    r"will|shall|would|should|could|may|might|must|can|need\s+to|needs\s+to|to\s+be|"
    r"said|says|stated|states|reported|explained|mentioned|asked|suggested|recommended|informed|reminded|believes?|thinks?|"
    r"berättade|informerade|informerar|redogjorde|redogör|meddelade|meddelar|sa|sade|säger|undrade|undrar|frågade|frågar|"
    r"efterhör|efterhörde|påpekade|uppgav|tycker|tyckte|anser|ansåg|"
    r"tidigare|förra\s+året|i\s+fjol|previously|earlier|last\s+year|"
    r"som|which|who|whether|unless|until)\b"
    rf"|\bat\s+(?:its|their|his|her)\s+(?:\w+\s+){{0,3}}?meeting\b|\bat\s+the\s+(?:{_MONTHS}|last|previous|prior|earlier)\s+(?:\w+\s+){{0,2}}?meeting\b"
    rf"|^on\s+(?:\d{{1,2}}\s+{_MONTHS}|{_MONTHS}\s+\d{{1,2}})\b"
    rf"|\bvid\s+(?:sitt|sina|dess|deras|föregående|förra|senaste)\s+(?:[\wåäö]+\s+){{0,2}}?(?:möte|sammanträde|stämma)\b|^den\s+\d{{1,2}}\s+{_MONTHS}\b"
    r"|^(?:om|if|once|when|när|ifall|innan|before)\b|,\s*(?:om|if|once|when|unless|ifall)\b",
    _I,
)
REVOCATION = re.compile(r"\b(?:revs\s+(?:\w+\s+)?upp|rivs\s+(?:\w+\s+)?upp|upphävdes|upphävs|upphäver|upphävde|rescinded|revoked)\b", _I)
FINDING = re.compile(r"\b(?:ansågs|förklarades|befanns|konstaterades|konstateras|fastslogs)\s+(?:\w+\s+){0,3}?(?:vara\s+)?(?:behörigt?|stadgeenligt?|korrekt|"
                     r"beslutför|beslutfört|beslutmässigt?|utlyst|kallat?|lagligt?|laga|sammankallat?|utlyst)\b", _I)

# --- outcome words, first match wins -----------------------------------------
OUTCOMES = [
    ("rejected", re.compile(r"\b(?:antogs|godkändes|bifölls|beviljades|antas|godkänns)\s+(?:inte|ej)\b|\b(?:avslogs|avslås|avslog|avslår|avslag|avslages|"
                            r"att\s+(?:avslå|afslå)|"
                            r"afslogs|afslås|att\s+afslå|avstyrktes|avstyrks|not\s+seconded|rejected|defeated|failed|lost|denied|declined|not\s+(?:approved|adopted|carried|accepted|agreed|supported))\b"
                            r"|\b(?:föll|faller)\s+(?:därmed\s+)?(?:förslaget|yrkandet|motionen)\b|\b(?:förslaget|yrkandet|motionen)\s+(?:\w+\s+)?(?:föll|faller)\b", _I)),
    ("postponed", re.compile(r"\b(?:bordlades|bordläggs|bordlägges|bordlägger|bordlade|bordlägga|uppskjut\w*|skjuts\s+upp|sköts\s+upp|skjuta\s+upp|"
                             r"(?:hänsköts|hänskjuts|hänskjutes|hänskötos)\s+till\s+(?:nästa|kommande|ett\s+senare|senare)|"
                             r"tabled|postponed?|deferred|defer|continued\s+to|continue\s+(?:the\s+|this\s+)?(?:[\w-]+\s+){0,3}?(?:to|until)\s+(?:the\s+|a\s+)?(?:next|later|future|following|[A-Z][a-z]+\s+\d+|\d+)|to\s+table|held\s+over|carried\s+(?:forward|over))\b", _I)),
    ("referred", re.compile(r"\b(?:återremitter\w+|referred|refer\s+(?:the|this|it|these)|hänsköts|hänskjuts|hänskjutes|hänskötos|"
                            r"(?:överlämnas|överlämnades|överlämnats|remitteras|remitterades)\s+till\b[^.]{0,60}?\bför\s+(?:beredning|yttrande|handläggning|åtgärd|beslut))\b", _I)),
    ("elected", re.compile(r"\b(?:valdes|väljs|väljes|valde|väljer|omvald\w*|nyvald\w*|invald\w*|vald|valda|utsågs|utses|utsåg|utser|utsedd\w*|omval|nyval|"
                           r"att\s+(?:välja|omvälja|nyvälja)|elected|re-?elected|appointed)\b|^Val\s+av\b", _I)),
    ("approved", re.compile(r"\b(?:bifalles|bifalls|bifölls|bifall|biföll|bifaller|godkän\w+|antogs|antas|antog|antar|anta|fastställ\w+|fastslogs|beviljade\w*|beviljas|bevilja|bifalla|"
                            r"tillstyrk\w+|approved?|confirmed|carried|passed|adopted?|agreed|accept(?:ed)?|ratif(?:y|ied)|endorsed?|concurred|assented|consented|"
                            r"so\s+ordered)\b", _I)),
    ("noted", re.compile(r"\btill\s+handlingarna\b|\breceive[sd]?\b[^.]{0,120}?\bfor\s+information\b|\b(?:noted|received\s+and\s+filed|noterades|antecknades|noteras|antecknas|"
                         r"anses\s+(?:\w+\s+)?besvarad\w*|ansågs\s+(?:\w+\s+)?besvarad\w*)\b|\b(?:was|were)\s+received\s*(?:[.;]|$|with\s+thanks)", _I)),
    # a plain decision to do something ("Beslöts att …", "The Council resolved to …") is an approval
    ("approved", re.compile(r"\b(?:beslut(?:ade|ar|as|ades|es)|beslöts?|beslöto|enades|enas|resolved|decided|determined|uppdras|uppdrogs)\b", _I)),
    # a finding of the meeting ("Mötet konstaterades vara lagligt sammankallat") is accepted as stated
    ("approved", FINDING),
]


def outcome_of(text: str) -> str | None:
    for outcome, pattern in OUTCOMES:
        if pattern.search(text):
            return outcome
    return None


def _clear_before(sentence: str, start: int) -> bool:
    """Nothing before the decisive verb makes it a plan, a report of someone's words or past background."""
    return not BEFORE_VERB_NEGATIVE.search(sentence[:start])


# All of STATEMENTS as one alternation: a search of it finds something exactly when one of them would, and most
# sentences hold none, so one scan turns them away instead of one scan per pattern.
_ANY_STATEMENT = re.compile("|".join(f"(?:{p.pattern})" if p.flags & _I else f"(?-i:{p.pattern})" for p in STATEMENTS), _I)


def is_statement(sentence: str) -> bool:
    """A sentence that carries a decision in its own words."""
    if sentence.rstrip().endswith("?") or WHEREAS.match(sentence) or ACTION_ITEM.match(sentence):
        return False
    if FINDING.search(sentence):
        return True
    if not _ANY_STATEMENT.search(sentence):
        return False
    for pattern in STATEMENTS:
        for found in pattern.finditer(sentence):
            if REVOCATION.search(found.group()) or (
                    _clear_before(sentence, found.start()) and not AFTER_VERB_NEGATIVE.match(sentence[found.end():])):
                return True
    return False


def is_verdict(sentence: str) -> bool:
    """A sentence that only says how the proposal before it fared."""
    if sentence.rstrip().endswith("?"):
        return False
    return any(p.search(sentence) for p in VERDICTS)


def is_proposal(sentence: str) -> bool:
    if PROPOSAL_THEN_DECISION.search(sentence):
        return False
    return any(p.search(sentence) for p in PROPOSALS)
