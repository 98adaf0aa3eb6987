"""The engine's closed vocabulary: intent keywords, stop words, unsupported concepts.

Phrases are written in singular lowercase form (the linker singularises the
question's words before matching). Keeping the lists here, apart from the
logic, makes the honesty rule auditable: a word is either listed, a schema
name, a value, or the question is declined.
"""

from __future__ import annotations

# phrase -> (category, argument)
KEYWORDS: dict[str, tuple[str, str]] = {}


def _add(category: str, arg: str, *phrases: str) -> None:
    for phrase in phrases:
        KEYWORDS[phrase] = (category, arg)


_add(
    "count",
    "",
    "how many",
    "number of",
    "count",
    "count of",
    "total number of",
    "tally of",
    "how many different",
    "the number of",
)
_add("distinct", "", "distinct", "different", "unique", "separate")
_add("agg", "AVG", "average", "avg", "mean", "typical")
_add("agg", "SUM", "total", "sum", "sum of", "combined", "aggregate", "altogether", "in total")
_add("agg", "MIN", "minimum", "min", "lowest", "smallest", "least", "fewest", "earliest", "first")
_add(
    "agg",
    "MAX",
    "maximum",
    "max",
    "highest",
    "largest",
    "biggest",
    "greatest",
    "most",
    "latest",
    "last",
    "most recent",
    "recent",
    "newest",
    "current",
    "top",
    "best",
)
_add("bottom", "", "bottom", "worst")
# 'sorted by age from the oldest to the youngest': the direction depends on the column (an
# age descends, a birth date or founding year ascends); clauses.age_order reads it
_add(
    "agedir",
    "old",
    "from oldest to youngest",
    "from the oldest to the youngest",
    "from oldest to newest",
    "from the oldest to the newest",
)
_add(
    "agedir",
    "young",
    "from youngest to oldest",
    "from the youngest to the oldest",
    "from newest to oldest",
    "from the newest to the oldest",
)
_add("agg", "MAX", "most common", "most frequent", "most popular")
_add("agg", "MIN", "least common", "least frequent")
_add(
    "cmp",
    ">",
    "more than",
    "greater than",
    "over",
    "above",
    "exceeding",
    "exceed",
    "higher than",
    "larger than",
    "bigger than",
    ">",
    "in excess of",
    "upward of",
)
_add("cmp", ">=", "at least", "no less than", "or more", ">=", "minimum of")
_add(
    "cmp",
    "<",
    "less than",
    "fewer than",
    "below",
    "under",
    "lower than",
    "smaller than",
    "<",
    "cheaper than",
)
_add("cmp", "<=", "at most", "no more than", "or less", "or fewer", "<=", "up to", "maximum of")
_add("cmp", "=", "equal to", "equals", "equal", "exactly", "=", "of exactly")
_add("cmp", "between", "between")
_add(
    "group",
    "",
    "per",
    "by",
    "for each",
    "for every",
    "in each",
    "each",
    "across",
    "grouped by",
    "group by",
    "per each",
    "broken down by",
    "split by",
    "breakdown by",
    "by each",
    "in every",
    "of each",
)
_add("bucket", "month", "month", "months", "monthly", "calendar month")
_add("bucket", "year", "year", "years", "yearly", "annual", "annually", "calendar year")
_add("bucket", "quarter", "quarter", "quarters", "quarterly", "qtr", "qtrs", "calendar quarter")
_add("bucket", "week", "week", "weeks", "weekly", "calendar week")
_add("sign", "<", "negative")
_add("sign", ">", "positive")
_add(
    "order",
    "",
    "sorted by",
    "sort by",
    "order by",
    "ordered by",
    "ranked by",
    "rank by",
    "sort",
    "sorted",
    "arranged by",
)
_add(
    "dir",
    "ASC",
    "ascending",
    "in ascending order",
    "ascending order",
    "in increasing order",
    "asc",
    "lowest first",
    "smallest first",
    "from lowest to highest",
    "from smallest to largest",
    "increasing",
    "alphabetically",
    "in alphabetical order",
    "alphabetical order",
    "alphabetical",
    "oldest first",
    "least common first",
    "least frequent first",
    "chronological order",
    "chronologically",
)
_add(
    "dir",
    "DESC",
    "descending",
    "in descending order",
    "descending order",
    "in decreasing order",
    "in reverse alphabetical order",
    "reverse alphabetical order",
    "desc",
    "highest first",
    "largest first",
    "from highest to lowest",
    "from largest to smallest",
    "decreasing",
    "newest first",
    "most recent first",
    "in reverse order",
    "most common first",
    "most frequent first",
)
# a comparison with the column's average over the whole table (vs_average.py): the
# direction comes with the phrase, or from the comparative before it ('more pages than …')
_add("vsavg", "", "than the average", "than average", "than the avg", "than the mean")
for _word, _op in (
    ("more", ">"),
    ("greater", ">"),
    ("higher", ">"),
    ("larger", ">"),
    ("bigger", ">"),
    ("longer", ">"),
    ("less", "<"),
    ("lower", "<"),
    ("smaller", "<"),
    ("fewer", "<"),
    ("shorter", "<"),
):
    _add("vsavg", _op, f"{_word} than the average", f"{_word} than average")
_add("vsavg", ">", "above average", "above the average", "over the average", "exceeds the average")
# the comparative word of 'more pages than the average' (only vs_average.py reads it)
_add("comparative", ">", "more", "greater", "higher", "larger", "bigger", "longer")
_add("comparative", "<", "fewer", "lower", "smaller", "shorter")
_add("vsavg", "<", "below average", "below the average", "under the average")
# negations of having or doing: absent.py reads them before tables ('no user') and columns
# ('no advisor'); a plain 'not' only negates related rows, never a column
HAVE_NOT = (
    "no",
    "never",
    "without",
    "haven't",
    "hasn't",
    "havent",
    "hasnt",
    "didn't",
    "didnt",
    "don't",
    "dont",
    "doesn't",
    "doesnt",
    "have not",
    "has not",
    "did not",
    "do not",
    "does not",
    "never have",
    "lacking",
    "missing",
)
_add(
    "not",
    "",
    "not",
    "except",
    "excluding",
    "other than",
    "outside",
    "outside of",
    "non",
    "aside from",
    "apart from",
    "isn't",
    "aren't",
    "without",
    *HAVE_NOT,
)
_add("or", "", "or", "either")
_add("when", "", "when")
# 'how much did AAPL's close change in 2023': last minus first value in a period (change.py)
_add("change", "", "change", "changes", "changed", "change in", "change of", "move", "moved")
# 'how much did tesla gain in 2023', 'which stock rose the most in 2023', 'top 5 gainers':
# a price's gain or fall over a period is read as its percentage change (what investors mean)
# the words of a price's move that name no measure: 'which stocks gained the most' (change.py)
GAIN_WORDS = (
    "gain",
    "gained",
    "gains",
    "gainer",
    "gainers",
    "rose",
    "fell",
    "dropped",
    "lost",
    "loser",
    "losers",
)
_add(
    "change",
    "pct",
    *GAIN_WORDS,
    "percent gain",
    "percent gainer",
    "percent gainers",
    "percent loser",
    "percent losers",
    "percentage gain",
    "percentage gainer",
    "percentage gainers",
)
# 'how did Tesla's stock perform in 2023': its percentage change over the period
_add("change", "pct", "perform", "performed", "performance", "performance of", "performance in")
# 'best performing stock in 2023', 'worst 5 performers over 2023': ranked by that change
_add("change", "pct", "performing", "performer", "performers")
# 'how much did the index move over 2022, in percent?'
_add(
    "pct",
    "in",
    "in percent",
    "in percentage",
    "as a percentage",
    "in percentage terms",
    "in percent terms",
    "percentage wise",
    "percent wise",
    "percentagewise",
)
_add(
    "change",
    "pct",
    "percentage change",
    "percent change",
    "percentage change in",
    "percentage change of",
    "percent change in",
    "percent change of",
)
# 'compare the market cap of Apple and Microsoft': explained only by two or more named rows
_add("compare", "", "compare", "versus", "vs", "vs.")
# 'which had higher revenue growth, Nvidia or AMD': a superlative among named rows only
_add("agg", "MAX", "higher", "larger", "bigger", "greater")
_add("agg", "MIN", "lower", "smaller")
# the share of rows meeting a condition (ratio.py); anything else with these words declines
_add(
    "pct",
    "",
    "percentage",
    "percentage of",
    "percent of",
    "what percent of",
    "proportion of",
    "proportion",
    "fraction of",
    "fraction",
    "share of",
    "share of total",
    "share of the total",
)
# Verbs that only say two named things are linked ('customers who placed orders') or that a
# dated event happened ('orders placed in March'); they carry no measure of their own
# (never 'sold', 'paid', 'earned'). Accepted only under those conditions (interpret.py).
_add(
    "relverb",
    "",
    "place",
    "placed",
    "make",
    "made",
    "create",
    "created",
    "write",
    "wrote",
    "written",
    "own",
    "owned",
    "hold",
    "held",
    "receive",
    "received",
    "submit",
    "submitted",
    "file",
    "filed",
    "book",
    "booked",
    "issue",
    "issued",
    "open",
    "opened",
    "sign up",
    "signed up",
    "join",
    "joined",
    # a person's link to where they work, what they teach, where they live (verbs.py)
    "work",
    "works",
    "worked",
    "working",
    "employed",
    "teach",
    "teaches",
    "taught",
    "teaching",
    "live",
    "lives",
    "lived",
    "living",
    # links between two named things, or dated events ('books borrowed by members', 'trips
    # taken on bikes', 'stations installed before 2015'); none carries a measure
    "borrow",
    "borrowed",
    "lend",
    "lent",
    "loaned",
    "take",
    "took",
    "taken",
    "used",
    "visit",
    "visited",
    "attend",
    "attended",
    "enroll",
    "enrolled",
    "prescribe",
    "prescribed",
    "serve",
    "serves",
    "served",
    "offer",
    "offers",
    "offered",
    "carry",
    "carries",
    "carried",
    "run",
    "runs",
    "ran",
    "drive",
    "drives",
    "drove",
    "driven",
    "host",
    "hosts",
    "hosted",
    "buy",
    "bought",
    "purchased",
    "rent",
    "rented",
    "publish",
    "published",
    "born",
    "built",
    "installed",
    "founded",
    "specialize",
    "specializes",
    "specializing",
    "specialized",
    "come from",
    "comes from",
    "came from",
    "founding",
    "established",
    "located in",
)
_add("chart", "BarChart", "bar chart", "bar graph", "bar", "bar plot", "histogram", "column chart")
_add("chart", "LineChart", "line chart", "line graph", "line", "trend", "over time", "time series")
_add("chart", "PieChart", "pie chart", "pie", "donut chart", "pie graph")
_add("chart", "Table", "table", "plain table", "grid")
_add(
    "chart", "", "chart", "graph", "plot", "visualize", "visualise", "draw", "chart of", "graph of"
)
_add("share", "", "share", "distribution", "breakdown", "split", "mix", "composition of")
_add("list", "", "id", "ids")  # 'the ids of …': the key column (asked_names.py)
_add("list", "", "across all", "for all", "of all", "among all", "in all", "all of the", "all the")
_add(
    "list",
    "",
    "list",
    "show",
    "display",
    "give",
    "find",
    "get",
    "what",
    "which",
    "who",
    "tell",
    "see",
    "fetch",
    "retrieve",
    "name",
    "identify",
    "enumerate",
    "provide",
    "pull",
    "where",
    "how much",
)

# Words that carry no content of their own in a question.
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        # 'the highest price Amazon hit in 2022': the verb only says 'had' (a schema's own
        # 'hits' column is matched before any stop word)
        "hit",
        "reach",
        "reached",
        # 'the customer named Noah Kowalski': the value that follows is the name
        "named",
        "called",
        "of",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "do",
        "doe",
        "does",
        "did",
        "among",
        "single",
        "daily",
        "there",
        "me",
        "all",
        "any",
        "it",
        "its",
        "it's",
        "he",
        "she",
        "him",
        "his",
        "her",
        "hers",
        "they",
        "them",
        "their",
        "that",
        "this",
        "these",
        "those",
        "to",
        "in",
        "on",
        "at",
        "for",
        "from",
        "with",
        "and",
        "has",
        "have",
        "had",
        "having",
        "i",
        "we",
        "you",
        "my",
        "our",
        "your",
        "please",
        "can",
        "could",
        "would",
        "will",
        "should",
        "may",
        "might",
        "us",
        "let",
        "let's",
        "also",
        "just",
        "some",
        "whose",
        "whom",
        "whose",
        "as",
        "into",
        "within",
        "listed",
        # 'industries represented in Healthcare', 'classified in Financial Services',
        # 'dates present in', 'symbols that appear in': only where the rows are
        "represented",
        "classified",
        "present",
        "appear",
        "appears",
        "located",
        "based",
        "headquartered",
        "headquarters",
        "headquarter",
        "belonging",
        "belong",
        "belongs",
        "part",
        "currently",
        "being",
        "data",
        "information",
        "info",
        "detail",
        "details",
        "record",
        "records",
        "entry",
        "entries",
        "row",
        "rows",
        "value",
        "values",
        "amount",
        "each",
        "every",
        "one",
        "ones",
        "about",
        "like",
        "kind",
        "type",
        "what's",
        "which's",
        "who's",
        "know",
        "want",
        "need",
        "see",
        "showing",
        "show",
        "here",
        "so",
        "then",
        "now",
        "yet",
        "tell",
        "many",
        "much",
        "currently",
        "available",
        "recorded",
        "stored",
        "exist",
        "exists",
        "existing",
        "database",
        "db",
        "dataset",
        "table",
        "tables",
        "overall",
        "across",
        "respective",
        "respectively",
        "apiece",  # 'in each of those' is said 'in those apiece' (everyday.py)
        "along",
        "together",
        "whole",
        "entire",
        "company's",
        "s",
        "over",
        "all-time",
        "ever",
        "time",
        "period",
        "values",
        "figure",
        "figures",
        "number",
        "numbers",
        "stat",
        "stats",
        "statistic",
        "statistics",
        "having",
        "contain",
        "contains",
        "containing",
        "include",
        "includes",
        "including",
        "inside",
        "trade",
        "traded",
        "trading",
        "listing",
        "listings",
        "register",
        "registered",
        "their",
        "respective",
    ]
)

# Words that name something the built-in engine cannot compute, with the reason it gives.
UNSUPPORTED: dict[str, str] = {}


def _unsupported(reason: str, *phrases: str) -> None:
    for phrase in phrases:
        UNSUPPORTED[phrase] = reason


_RATIO = "ratios and percentages of aggregates are beyond the built-in engine"
_PERIOD = "comparisons across periods (changes, growth over time) need window functions"
_WINDOW = "rankings, running totals and moving windows need window functions"
_STATS = "statistical measures beyond count/sum/avg/min/max are not supported"
_NEST = "nested questions (a result computed from another result) are not supported"
_unsupported(
    _RATIO,
    "ratio",
    "ratios",
    "divided by",
    "per capita",
    "relative to",
    "as a percent",
    "multiple",
    "p/e",
    "pe ratio",
    "margin",
    "margins",
    "yield",
)
_unsupported(
    _PERIOD,
    "compared with",
    "compared to",
    "comparison",
    "year over year",
    "yoy",
    "month over month",
    "loss",
    "losses",
    "return",
    "returns",
    "outperform",
    "outperformed",
    "increase",
    "increased",
    "decrease",
    "decreased",
    "rise",
    "drop",
    "grew",
    "than last year",
    "previous close",
    "day over day",
    "volatility",
    "volatile",
    "trend up",
    "streak",
    "difference",
    "gap",
    "spread",
    "delta",
    "swing",
)
_unsupported(
    _WINDOW,
    "rank",
    "ranking",
    "rankings",
    "running total",
    "cumulative",
    "moving average",
    "rolling",
    "lag",
    "lead",
    "nth",
    "second highest",
    "second largest",
    "second lowest",
    "third highest",
    "third largest",
    "in each respective",
    "percentile",
    "quartile",
    "decile",
)
_unsupported(
    _STATS,
    "median",
    "standard deviation",
    "stddev",
    "variance",
    "correlation",
    "correlated",
    "mode",
    "regression",
    "forecast",
    "predict",
    "prediction",
    "projected",
    "projection",
    "estimate",
    "expected",
)
_unsupported(
    "the data holds dates, not times of day",
    "what time",
    "at what time",
    "what hour",
)
_unsupported(
    "I cannot tell which location column (city, state or country) is meant; please name one",
    "where is",
    "where are",
    "where was",
)
_unsupported(
    "it asks who came first or last, which is a row with the earliest or latest date; "
    "I can give the date itself ('when did the first user sign up') or the rows in date "
    "order ('users by sign-up date')",
    "who was the first",
    "who was the last",
    "who was the earliest",
    "who was the latest",
    "who was the most recent",
    "who is the newest",
    "who is the latest",
)
_unsupported(
    _NEST,
    "same as",
    "also in",
    # 'which of those JPM users also picked apple': rows that match both (was read as either)
    "also picked",
    "also selected",
    "also chose",
    "also added",
    "also bought",
    "both",
    "at the same time",
    "than apple",
    "than microsoft",
)

# Superlative words that imply a metric when none is named ("the 5 largest companies").
SIZE_WORDS = frozenset({"largest", "biggest", "smallest", "top", "bottom", "greatest"})
DESC_WORDS = frozenset(
    {
        "top",
        "highest",
        "largest",
        "biggest",
        "greatest",
        "most",
        "best",
        "latest",
        "last",
        "maximum",
        "max",
    }
)
