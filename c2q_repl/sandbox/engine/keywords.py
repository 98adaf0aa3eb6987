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


_add("count", "", "how many", "number of", "count", "count of", "total number of", "tally of",
     "how many different", "the number of")
_add("distinct", "", "distinct", "different", "unique", "separate")
_add("agg", "AVG", "average", "avg", "mean", "typical")
_add("agg", "SUM", "total", "sum", "sum of", "combined", "aggregate", "altogether", "in total")
_add("agg", "MIN", "minimum", "min", "lowest", "smallest", "least", "fewest", "earliest", "first")
_add("agg", "MAX", "maximum", "max", "highest", "largest", "biggest", "greatest", "most", "latest",
     "last", "top", "best")
_add("bottom", "", "bottom", "worst")
_add("cmp", ">", "more than", "greater than", "over", "above", "exceeding", "exceed", "higher than",
     "larger than", "bigger than", ">", "in excess of", "upward of")
_add("cmp", ">=", "at least", "no less than", "or more", ">=", "minimum of")
_add("cmp", "<", "less than", "fewer than", "below", "under", "lower than", "smaller than", "<", "cheaper than")
_add("cmp", "<=", "at most", "no more than", "or less", "or fewer", "<=", "up to", "maximum of")
_add("cmp", "=", "equal to", "equals", "equal", "exactly", "=", "of exactly")
_add("cmp", "between", "between")
_add("group", "", "per", "by", "for each", "for every", "in each", "each", "across", "grouped by",
     "broken down by", "split by", "breakdown by", "by each", "in every", "of each")
_add("bucket", "month", "month", "months", "monthly", "calendar month")
_add("bucket", "year", "year", "years", "yearly", "annual", "annually", "calendar year")
_add("sign", "<", "negative")
_add("sign", ">", "positive")
_add("order", "", "sorted by", "sort by", "order by", "ordered by", "ranked by", "rank by", "sort",
     "sorted", "arranged by")
_add("dir", "ASC", "ascending", "asc", "lowest first", "smallest first", "from lowest to highest",
     "from smallest to largest", "increasing", "alphabetically", "in alphabetical order",
     "alphabetical order", "alphabetical", "oldest first", "chronological order", "chronologically")
_add("dir", "DESC", "descending", "desc", "highest first", "largest first", "from highest to lowest",
     "from largest to smallest", "decreasing", "newest first", "most recent first", "in reverse order")
_add("not", "", "not", "except", "excluding", "other than", "outside", "outside of", "non", "aside from",
     "apart from", "isn't", "aren't", "without")
_add("or", "", "or", "either")
_add("chart", "BarChart", "bar chart", "bar graph", "bar", "bar plot", "histogram", "column chart")
_add("chart", "LineChart", "line chart", "line graph", "line", "trend", "over time", "time series")
_add("chart", "PieChart", "pie chart", "pie", "donut chart", "pie graph")
_add("chart", "Table", "table", "plain table", "grid")
_add("chart", "", "chart", "graph", "plot", "visualize", "visualise", "draw", "chart of", "graph of")
_add("share", "", "share", "distribution", "breakdown", "split", "mix", "composition of")
_add("list", "", "across all", "for all", "of all", "among all", "in all", "all of the", "all the")
_add("list", "", "list", "show", "display", "give", "find", "get", "what", "which", "who", "tell",
     "see", "fetch", "retrieve", "name", "identify", "enumerate", "provide", "pull", "where")

# Words that carry no content of their own in a question.
STOP_WORDS = frozenset("""
a an the of is are was were be been being do doe does did among when single daily there me all any it its it's they them their
that this these those to in on at for from with and has have had having i we you my our your please
can could would will should may might us let let's also just some whose whom whose as into within
listed located based headquartered belonging belong belongs part currently current currently being
data information info detail details record records entry entries row rows value values amount
each every one ones about like kind type what's which's who's know want need see showing show
here so then now yet tell how many much currently available recorded stored exist exists existing
database db dataset table tables overall across respective respectively along together whole entire
company's s over all-time ever time period range values figure figures number numbers stat stats
statistic statistics having contain contains containing include includes including inside trade
traded trading listing listings register registered their respective
""".split())

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
_unsupported(_RATIO, "ratio", "ratios", "percentage", "percentages", "proportion", "divided by",
             "fraction", "per capita", "relative to", "as a percent", "share of total", "percent of",
             "multiple", "p/e", "pe ratio", "margin", "margins", "yield")
_unsupported(_PERIOD, "compared with", "compared to", "compare", "comparison", "versus", "vs",
             "year over year", "yoy", "month over month", "change", "changes", "changed", "gain",
             "gains", "loss", "losses", "return", "returns", "performance", "perform", "performed",
             "outperform", "outperformed", "increase", "increased", "decrease", "decreased", "rise",
             "rose", "fell", "drop", "dropped", "grew", "than last year", "previous close",
             "day over day", "volatility", "volatile", "trend up", "streak", "difference", "gap",
             "spread", "delta", "swing")
_unsupported(_WINDOW, "rank", "ranking", "rankings", "running total", "cumulative", "moving average",
             "rolling", "lag", "lead", "nth", "second highest", "second largest", "second lowest",
             "third highest", "third largest", "top per", "top stock per", "top company per", "in each respective", "percentile",
             "quartile", "decile")
_unsupported(_STATS, "median", "standard deviation", "stddev", "variance", "correlation", "correlated",
             "mode", "regression", "forecast", "predict", "prediction", "projected", "projection",
             "estimate", "expected")
_unsupported("I cannot tell which location column (city, state or country) is meant; please name one",
             "where is", "where are", "where was")
_unsupported(_NEST, "above average", "below average", "than average", "than the average",
             "more than average", "same as", "also in", "both", "at the same time", "whose average",
             "than apple", "than microsoft")

# Superlative words that imply a metric when none is named ("the 5 largest companies").
SIZE_WORDS = frozenset({"largest", "biggest", "smallest", "top", "bottom", "greatest"})
DESC_WORDS = frozenset({"top", "highest", "largest", "biggest", "greatest", "most", "best", "latest", "last",
                        "maximum", "max"})
