"""Loading and checking the blind evaluation sets (format in README.md).

A set is a JSONL file named ``<database>_<dev|holdout>.jsonl``; its items are flattened into
turns, the unit every figure counts: a single question is a one-turn item, a session gives one
turn per question, asked with the earlier turns as history.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

EVAL_DIR = Path(__file__).resolve().parent
SP500 = "sp500"
EXPECTS = ("answer", "decline")
KINDS = ("standalone", "followup")
SPLITS = (
    "dev",
    "holdout",
    "dev2",
    "holdout2",
    "dev3",
    "dev4",
    "dev5",
    "dev6",
    "dev7",
    "holdout3",
    "dev8",
    "dev9",
    "holdout4",
    "dev10",
    "dev11",
    "dev12",
    "dev13",
    "holdout5",
    "dev14",
    "dev15",
    "dev16",
    "dev17",
    "dev18",
    "dev19",
    "dev20",
    "dev21",
    "dev22",
    "dev23",
    "holdout6",
    "dev24",
    "dev25",
    "holdout7",
    "dev26",
    "dev27",
    "holdout8",
    "dev28",
    "dev29",
    "holdout9",
    "dev30",
    "dev31",
    "holdout10",
    "dev32",
    "dev33",
    "dev34",
    "dev35",
    "holdout11",
    "dev36",
    "dev37",
    "holdout12",
    "dev38",
    "dev39",
    "holdout13",
    "dev40",
    "dev41",
    "dev42",
    "dev43",
    "dev44",
    "dev45",
    "holdout14",
    "holdout15",
    "dev46",
    "dev47",
    "dev48",
    "dev49",
    "dev50",
    "dev51",
    "dev52",
    "dev53",
    "holdout16",
    "holdout17",
    "dev54",
    "dev55",
    "dev56",
    "dev57",
    "dev58",
    "holdout18",
    "holdout19",
    "dev59",
    "dev60",
    "dev61",
    "holdout20",
    "holdout21",
    "dev62",
    "dev63",
    "dev64",
    "holdout22",
    "holdout23",
    "holdout24",
    "holdout25",
    "dev65",
    "dev66",
    "dev67",
    "dev68",
    "dev69",
    "dev70",
    "holdout26",
    "holdout27",
    "holdout28",
    "holdout29",
    "dev71",
    "dev72",
    "dev73",
    "dev74",
    "holdout30",
    "holdout31",
    "holdout32",
    "holdout33",
    "dev75",
    "dev76",
    "dev77",
    "dev78",
    "holdout34",
    "holdout35",
    "holdout36",
    "holdout37",
    "dev79",
    "dev80",
    "dev81",
    "dev82",
    "holdout38",
    "holdout39",
    "holdout40",
    "holdout41",
    "dev83",
    "dev84",
    "dev85",
    "dev86",
    "holdout42",
    "holdout43",
    "holdout44",
    "holdout45",
    "dev87",
    "dev88",
    "dev89",
    "dev90",
    "holdout46",
    "holdout47",
    "holdout48",
    "holdout49",
    "dev91",
    "dev92",
    "dev93",
    "dev94",
    "holdout50",
    "holdout51",
    "holdout52",
    "holdout53",
    "dev95",
    "dev96",
    "dev97",
    "dev98",
    "holdout54",
    "holdout55",
    "holdout56",
    "holdout57",
    "dev99",
    "dev100",
    "dev101",
    "dev102",
    "holdout58",
    "holdout59",
    "holdout60",
    "holdout61",
    "dev103",
    "dev104",
    "dev105",
    "dev106",
    "holdout62",
    "holdout63",
    "holdout64",
    "holdout65",
    "dev107",
    "dev108",
    "dev109",
    "dev110",
    "holdout66",
    "holdout67",
    "holdout68",
    "holdout69",
    "dev111",
    "dev112",
    "dev113",
    "dev114",
    "holdout70",
    "holdout71",
    "holdout72",
    "holdout73",
    "dev115",
    "dev116",
    "dev117",
    "dev118",
    "holdout74",
    "holdout75",
    "holdout76",
    "holdout77",
    "dev119",
    "dev120",
    "dev121",
    "dev122",
    "dev123",
    "dev124",
    "dev125",
    "dev126",
    "holdout78",
    "holdout79",
    "holdout80",
    "holdout81",
    "dev127",
    "dev128",
    "dev129",
    "dev130",
    "dev131",
    "dev132",
    "dev133",
    "dev134",
    "holdout82",
    "holdout83",
    "holdout84",
    "holdout85",
    "dev135",
    "dev136",
    "dev137",
    "dev138",
    "dev139",
    "dev140",
    "dev141",
    "dev142",
    "holdout86",
    "holdout87",
    "holdout88",
    "holdout89",
    "dev143",
    "dev144",
    "dev145",
    "dev146",
    "holdout90",
    "holdout91",
    "holdout92",
    "holdout93",
    "dev147",
    "dev148",
    "dev149",
    "dev150",
    "holdout94",
    "holdout95",
    "holdout96",
    "holdout97",
    "dev151",
    "dev152",
    "dev153",
    "dev154",
    "dev155",
    "dev156",
    "dev157",
    "dev158",
    "holdout98",
    "holdout99",
    "holdout100",
    "holdout101",
    "dev159",
    "dev160",
    "dev161",
    "dev162",
    "dev163",
    "dev164",
    "dev165",
    "dev166",
    "holdout102",
    "holdout103",
    "holdout104",
    "holdout105",
    "dev167",
    "dev168",
    "dev169",
    "dev170",
    "holdout106",
    "holdout107",
    "holdout108",
    "holdout109",
    "dev171",
    "dev172",
    "dev173",
    "dev174",
    "dev175",
    "dev176",
    "dev177",
    "dev178",
    "holdout110",
    "holdout111",
    "holdout112",
    "holdout113",
    "dev179",
    "dev180",
    "dev181",
    "dev182",
    "dev183",
    "dev184",
    "dev185",
    "dev186",
    "holdout114",
    "holdout115",
    "holdout116",
    "holdout117",
    "dev187",
    "dev188",
    "dev189",
    "dev190",
    "dev191",
    "dev192",
    "dev193",
    "dev194",
    "dev195",
    "dev196",
    "dev197",
    "dev198",
    "holdout118",
    "holdout119",
    "holdout120",
    "holdout121",
    "dev199",
    "dev200",
    "dev201",
    "dev202",
    "dev203",
    "dev204",
    "dev205",
    "dev206",
    "holdout122",
    "holdout123",
    "holdout124",
    "holdout125",
    "dev207",
    "dev208",
    "dev209",
    "dev210",
    "dev211",
    "dev212",
    "dev213",
    "dev214",
    "dev215",
    "dev216",
    "holdout126",
    "holdout127",
    "holdout128",
    "holdout129",
    "dev217",
    "dev218",
    "dev219",
    "dev220",
    "dev221",
    "dev222",
    "dev223",
    "dev224",
    "dev225",
    "dev226",
    "dev227",
    "dev228",
)  # later blind sets


class SetFormatError(ValueError):
    """An evaluation set line that does not follow the documented format."""


@dataclass(frozen=True)
class Turn:
    question: str
    expect: str  # "answer" | "decline"
    gold_sql: tuple[str, ...] = ()  # the gold query first, then acceptable alternatives
    kind: str = "standalone"  # in a session: "followup" must use the previous answer

    @property
    def must_decline(self) -> bool:
        return self.expect == "decline"


@dataclass(frozen=True)
class Item:
    id: str
    category: str
    turns: tuple[Turn, ...]
    session: bool = False


@dataclass(frozen=True)
class EvalSet:
    path: Path
    database: str  # "sp500" or a name from benchmarks.eval.dbs.NAMES
    split: str  # "dev" | "holdout"
    items: tuple[Item, ...] = field(default_factory=tuple)

    @property
    def name(self) -> str:
        return self.path.stem


def set_paths(split: str, databases: tuple[str, ...] | None = None) -> list[Path]:
    """The set files of ``split`` (for ``databases``, or every database when None)."""
    found = sorted(EVAL_DIR.glob(f"*_{split}.jsonl"))
    if databases is not None:
        found = [p for p in found if p.stem.rsplit("_", 1)[0] in databases]
    return sorted(found, key=lambda p: (p.stem.rsplit("_", 1)[0] != SP500, p.stem))


def load_set(path: Path) -> EvalSet:
    path = Path(path)
    database, _, split = path.stem.rpartition("_")
    if not database or split not in SPLITS:
        raise SetFormatError(f"{path.name}: expected a name like <database>_dev.jsonl")
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            items.append(parse_item(json.loads(line)))
        except (SetFormatError, json.JSONDecodeError, TypeError, KeyError) as exc:
            raise SetFormatError(f"{path.name}:{number}: {exc}") from None
    ids = [i.id for i in items]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise SetFormatError(f"{path.name}: duplicate ids {duplicates}")
    return EvalSet(path, database, split, tuple(items))


def parse_item(data: dict) -> Item:
    if not isinstance(data.get("id"), str) or not data["id"]:
        raise SetFormatError("every item needs a string id")
    if not isinstance(data.get("category"), str) or not data["category"]:
        raise SetFormatError(f"{data['id']}: missing category")
    if "session" in data:
        raw_turns = data["session"]
        if not isinstance(raw_turns, list) or len(raw_turns) < 2:
            raise SetFormatError(f"{data['id']}: a session needs at least two turns")
        turns = tuple(parse_turn(t, data["id"]) for t in raw_turns)
        return Item(data["id"], data["category"], turns, session=True)
    return Item(data["id"], data["category"], (parse_turn(data, data["id"]),))


def parse_turn(data: dict, item_id: str) -> Turn:
    question, expect = data.get("question"), data.get("expect")
    if not isinstance(question, str) or not question.strip():
        raise SetFormatError(f"{item_id}: empty question")
    if expect not in EXPECTS:
        raise SetFormatError(f"{item_id}: expect must be one of {EXPECTS}, not {expect!r}")
    gold, alternatives = data.get("gold_sql"), data.get("alt_gold_sql", [])
    if expect == "decline":
        if gold is not None or alternatives:
            raise SetFormatError(f"{item_id}: a must-decline question has gold_sql null")
        golds: tuple[str, ...] = ()
    else:
        if not isinstance(gold, str) or not gold.strip():
            raise SetFormatError(f"{item_id}: an answer question needs gold_sql")
        if not isinstance(alternatives, list) or not all(isinstance(a, str) for a in alternatives):
            raise SetFormatError(f"{item_id}: alt_gold_sql must be a list of SQL strings")
        golds = (gold, *alternatives)
    kind = data.get("kind", "standalone")
    if kind not in KINDS:
        raise SetFormatError(f"{item_id}: kind must be one of {KINDS}")
    return Turn(question, expect, golds, kind)
