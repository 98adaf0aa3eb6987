"""MySQL function calls rewritten for SQLite, keeping MySQL's meaning.

sqlglot reads MySQL into its own expression types and writes them for SQLite,
but several come out wrong there: ``TRUNCATE(x, 2)`` loses its digits,
``DATE_FORMAT(d, '%b')`` becomes a STRFTIME that SQLite answers with NULL,
``LEFT(s, 2)`` is a syntax error, month arithmetic overflows into the next
month. Each such call becomes SQLite text that means the same (``SUBSTR`` for
``LEFT``) or a call of a function the SQLite backend registers under the MySQL
name (:mod:`c2q_repl.sandbox.backends.sqlite_functions`). What neither can do
faithfully is refused with an error naming the function.
"""

from __future__ import annotations

import re
from typing import Any

from sqlglot import exp
from sqlglot.dialects.mysql import MySQL

from c2q_repl.sandbox.contracts import SQLExecutionError
from c2q_repl.sandbox.mysql_limits import UNITS, nested_repeat

_SPECIFIER = re.compile(r"%-?.", re.DOTALL)
# sqlglot's own specifiers back to MySQL's, one at a time (%M → %i, %-d → %e …)
_TO_MYSQL = {k: v for k, v in MySQL.INVERSE_TIME_MAPPING.items() if _SPECIFIER.fullmatch(k)}
# MySQL DATE_FORMAT specifiers SQLite's STRFTIME writes the same way (fast, no Python per row)
_STRFTIME_SAME = {"%Y": "%Y", "%m": "%m", "%d": "%d", "%H": "%H", "%i": "%M", "%s": "%S"}
_STRFTIME_SAME.update({"%S": "%S", "%j": "%j", "%T": "%H:%M:%S", "%%": "%%"})
_RAND_SCALE = 10**15
_SAME_NAME: dict[type, str] = {
    exp.LastDay: "LAST_DAY",
    exp.DayOfWeek: "DAYOFWEEK",
    exp.DayOfYear: "DAYOFYEAR",
    exp.DayOfMonth: "DAY",
    exp.WeekOfYear: "WEEKOFYEAR",
    exp.Dayname: "DAYNAME",
    exp.Quarter: "QUARTER",
    exp.Year: "YEAR",
    exp.Month: "MONTH",
    exp.Day: "DAY",
    exp.Hour: "HOUR",
    exp.Minute: "MINUTE",
    exp.Second: "SECOND",
    exp.Timestamp: "TIMESTAMP",
    exp.StddevPop: "STDDEV_POP",
    exp.StddevSamp: "STDDEV_SAMP",
    exp.VariancePop: "VAR_POP",
    exp.Variance: "VAR_SAMP",  # sqlglot reads MySQL VAR_SAMP as Variance
}
_INTEGER_NAMES = ("BIGINT", "INT", "SMALLINT", "TINYINT", "MEDIUMINT")
_INTEGER_TYPES = tuple(exp.DataType.Type[name] for name in _INTEGER_NAMES)
_UNSIGNED_TYPES = tuple(exp.DataType.Type[f"U{name}"] for name in _INTEGER_NAMES)


class Unsupported(SQLExecutionError):
    """MySQL the SQLite backend cannot run with MySQL's meaning (rather than a wrong answer)."""


def rewrite_calls(tree: exp.Expr) -> exp.Expr:
    """``tree`` with every MySQL call SQLite would get wrong rewritten (innermost first)."""
    for node in reversed(list(tree.dfs())):
        if not isinstance(node, exp.Expression):
            continue
        new = _rewrite(node)
        if new is not node:
            if node is tree:
                tree = new
            else:
                node.replace(new)
    return tree


def _call(name: str, *args: Any) -> exp.Expression:
    return exp.Anonymous(this=name, expressions=[a for a in args if a is not None])


def _plain(node: exp.Expression | None) -> exp.Expression | None:
    """The argument as written: sqlglot wraps date arguments in DATE()/TIMESTAMP() conversions."""
    while isinstance(node, (exp.TsOrDsToDate, exp.TsOrDsToTimestamp)) and not node.args.get(
        "format"
    ):
        node = node.this
    return node


def _mysql_format(node: exp.Expression | None) -> exp.Expression | None:
    """A format sqlglot normalised (``%i`` → ``%M``) back in MySQL's specifiers."""
    if isinstance(node, exp.Literal) and node.is_string:
        text = _SPECIFIER.sub(lambda m: _TO_MYSQL.get(m.group(), m.group()), node.this)
        return exp.Literal.string(text)
    return node


def _integer(node: exp.Expression | None) -> int | None:
    """The value of an integer literal (``-1`` too), else None."""
    sign = 1
    if isinstance(node, exp.Neg):
        node, sign = node.this, -1
    if isinstance(node, exp.Literal) and not node.is_string:
        try:
            return sign * int(node.this)
        except ValueError:
            return None
    return None


def _unit(node: exp.Expression | None, function: str) -> str:
    name = (node.name if node is not None else "DAY").upper()
    if name not in UNITS and name.rstrip("S") in UNITS:  # DAYS, as other dialects write it
        name = name.rstrip("S")
    if name not in UNITS:
        raise Unsupported(
            f"{function} with unit {name} is not supported by the sandbox's SQLite backend"
        )
    return name


def _date_arithmetic(node: exp.Expression) -> exp.Expression | None:
    """DATE_ADD/DATE_SUB/ADDDATE/SUBDATE/TIMESTAMPADD/``d ± INTERVAL n unit`` → DATE_ADD(d, ±n, unit)."""
    subtract = isinstance(node, (exp.DateSub, exp.Sub)) or (
        isinstance(node, exp.Anonymous) and node.name.upper() == "SUBDATE"
    )
    if isinstance(node, (exp.DateAdd, exp.DateSub, exp.TimestampAdd)):
        base, amount, unit = node.this, node.expression, node.args.get("unit")
    elif isinstance(node, (exp.Add, exp.Sub)) and isinstance(node.expression, exp.Interval):
        base, amount, unit = node.this, node.expression.this, node.expression.args.get("unit")
    elif isinstance(node, exp.Anonymous) and node.name.upper() in ("ADDDATE", "SUBDATE"):
        if len(node.expressions) != 2:
            return None
        base, amount, unit = node.expressions[0], node.expressions[1], None
    else:
        return None
    if isinstance(amount, exp.Interval):
        amount, unit = amount.this, amount.args.get("unit")
    name = _unit(unit, "DATE_ADD")
    if isinstance(amount, exp.Literal) and amount.is_string:
        try:
            amount = exp.Literal.number(
                float(amount.this) if "." in amount.this else int(amount.this)
            )
        except ValueError:
            raise Unsupported(
                f"DATE_ADD: interval {amount.this!r} {name} is not a number"
            ) from None
    if subtract:
        amount = exp.Neg(this=exp.Paren(this=amount))
    return _call("DATE_ADD", _plain(base), amount, exp.Literal.string(name))


def _date_format(node: exp.TimeToStr) -> exp.Expression:
    value, pattern = _plain(node.this), _mysql_format(node.args.get("format"))
    if isinstance(pattern, exp.Literal):
        text, pieces, i = pattern.this, [], 0
        while i < len(text):
            piece = text[i : i + 2] if text[i] == "%" else text[i]
            if piece.startswith("%") and piece not in _STRFTIME_SAME:
                break
            pieces.append(_STRFTIME_SAME.get(piece, piece))
            i += len(piece)
        else:
            if isinstance(value, exp.Column):  # a literal may be no date: DATE_FORMAT checks
                return _call("STRFTIME", exp.Literal.string("".join(pieces)), value)
    return _call("DATE_FORMAT", value, pattern)


def _group_concat(node: exp.GroupConcat) -> exp.Expression:
    """Native GROUP_CONCAT when SQLite 3.40 can do it, else the registered ordering aggregate."""
    value, keys = node.this, []
    if isinstance(value, exp.Order):
        keys = value.expressions
        value = value.this
    distinct = isinstance(value, exp.Distinct)
    if distinct:
        if len(value.expressions) != 1:
            raise Unsupported(
                "GROUP_CONCAT of several DISTINCT values is not supported by the sandbox"
            )
        value = value.expressions[0]
    separator = node.args.get("separator") or exp.Literal.string(",")
    default_separator = isinstance(separator, exp.Literal) and separator.this == ","
    if not keys and (not distinct or default_separator):
        inner = exp.Distinct(expressions=[value]) if distinct else value
        return _call("GROUP_CONCAT", inner, None if default_separator else separator)
    args = [value, separator, exp.Literal.number(int(distinct))]
    for key in keys:
        args += [key.this, exp.Literal.number(int(bool(key.args.get("desc"))))]
    return _call("MYSQL_GROUP_CONCAT", *args)


def _count_distinct_rows(distinct: exp.Distinct) -> exp.Expression | None:
    """COUNT(DISTINCT a, b): SQLite counts one expression, so count the (a, b) pairs as JSON
    arrays, leaving out rows where any is NULL as MySQL does."""
    values = distinct.expressions
    if len(values) < 2:
        return None
    present = exp.and_(
        *[exp.Not(this=exp.Is(this=v.copy(), expression=exp.Null())) for v in values]
    )
    pair = exp.Case(ifs=[exp.If(this=present, true=_call("JSON_ARRAY", *values))])
    return exp.Count(this=exp.Distinct(expressions=[pair]))


def _cast(node: exp.Cast) -> exp.Expression:
    to = node.to
    if to.this in _INTEGER_TYPES:
        return _call("MYSQL_SIGNED", node.this)
    if to.this in _UNSIGNED_TYPES:
        return _call("MYSQL_UNSIGNED", node.this)
    if to.this == exp.DataType.Type.DECIMAL:
        params = [p.this if isinstance(p, exp.DataTypeParam) else p for p in to.expressions]
        precision = params[0] if params else exp.Literal.number(10)
        scale = params[1] if len(params) > 1 else exp.Literal.number(0)
        return _call("MYSQL_DECIMAL", node.this, precision, scale)
    return node


def _substring(text, start, length) -> exp.Expression | None:
    """SQLite's SUBSTR agrees with MySQL's for a positive start; 0 and negatives differ."""
    first = _integer(start)
    if first is not None and first > 0:
        return None
    return _call("MYSQL_SUBSTRING", text, start, length)


def _simple(node: exp.Expression) -> exp.Expression | None:
    """Calls that map one to one onto a registered function or SQLite text."""
    if type(node) in _SAME_NAME:
        return _call(_SAME_NAME[type(node)], _plain(node.this))
    if isinstance(node, exp.Week):
        return _call("WEEK", _plain(node.this), node.args.get("mode"))
    if isinstance(node, exp.TimestampDiff):
        unit = exp.Literal.string(_unit(node.args.get("unit"), "TIMESTAMPDIFF"))
        return _call("TIMESTAMPDIFF", unit, _plain(node.expression), _plain(node.this))
    if isinstance(node, exp.DateDiff) and not node.args.get("unit"):
        return _call("DATEDIFF", _plain(node.this), _plain(node.expression))
    if isinstance(node, (exp.StrToDate, exp.StrToTime)):
        return _call("STR_TO_DATE", node.this, _mysql_format(node.args.get("format")))
    if isinstance(node, exp.UnixToTime):
        return _call("FROM_UNIXTIME", node.this, _mysql_format(node.args.get("format")))
    if isinstance(node, exp.Extract):
        return _call("EXTRACT", exp.Literal.string(node.this.name.upper()), _plain(node.expression))
    return None


def _numeric_or_text(node: exp.Expression) -> exp.Expression | None:
    if isinstance(node, exp.Trunc):
        return _call("TRUNCATE", node.this, node.args.get("decimals") or exp.Literal.number(0))
    if isinstance(node, exp.Round):
        digits = node.args.get("decimals")
        places = _integer(digits)
        if digits is not None and (places is None or places < 0):
            return _call("MYSQL_ROUND", node.this, digits)
        return None
    if isinstance(node, exp.NumberToStr):
        locale = node.args.get("culture")
        if isinstance(locale, exp.Literal) and locale.this != "en_US":
            raise Unsupported(f"FORMAT with locale {locale.this!r}: the sandbox formats en_US only")
        return _call("FORMAT", node.this, node.args.get("format"), locale)
    if isinstance(node, exp.Pad):
        if node.args.get("fill_pattern") is None:
            raise Unsupported("LPAD/RPAD need three arguments in MySQL")
        name = "LPAD" if node.args.get("is_left") else "RPAD"
        return _call(name, node.this, node.expression, node.args["fill_pattern"])
    if isinstance(node, exp.Length) and node.args.get("binary"):
        return exp.Length(this=exp.Cast(this=node.this, to=exp.DataType.build("BLOB")))
    if isinstance(node, exp.Left):
        return _call("SUBSTR", node.this, exp.Literal.number(1), node.expression)
    if isinstance(node, exp.Right):
        count = _call("MAX", node.expression, exp.Literal.number(0))
        return _call("SUBSTR", node.this, exp.Neg(this=count), count.copy())
    if isinstance(node, exp.Substring):
        return _substring(node.this, node.args.get("start"), node.args.get("length"))
    if (
        isinstance(node, exp.Anonymous)
        and node.name.upper() == "MID"
        and len(node.expressions) == 3
    ):
        text, start, length = node.expressions
        return _substring(text, start, length) or _call("SUBSTR", text, start, length)
    if isinstance(node, (exp.Cast, exp.TryCast)):
        return _cast(node)
    if isinstance(node, exp.GroupConcat):
        return _group_concat(node)
    if isinstance(node, exp.Count) and isinstance(node.this, exp.Distinct):
        return _count_distinct_rows(node.this)
    if isinstance(node, exp.RegexpLike):
        _check_regexp(node)
        return None
    if isinstance(node, exp.Rand):
        if node.this is not None:
            raise Unsupported("RAND(seed): the sandbox cannot repeat MySQL's seeded sequence")
        # SQLite's RANDOM() is a 64-bit integer; MySQL's RAND() is in [0, 1)
        scale = exp.Literal.number(_RAND_SCALE)
        spread = exp.Mod(this=exp.Anonymous(this="RANDOM"), expression=scale)
        return exp.Div(this=_call("ABS", spread), expression=exp.Literal.number(f"{_RAND_SCALE}.0"))
    return None


def _check_regexp(node: exp.RegexpLike) -> None:
    if node.args.get("flag") is not None:
        raise Unsupported("REGEXP_LIKE with match flags is not supported by the sandbox")
    pattern = node.expression
    if isinstance(pattern, exp.Literal) and pattern.is_string and nested_repeat(pattern.this):
        raise Unsupported(
            "REGEXP: the sandbox refuses nested repetition such as (a+)+ and back-references "
            "(their matching time can explode and SQLite cannot interrupt it)"
        )


def _rewrite(node: exp.Expression) -> exp.Expression:
    if isinstance(node, exp.TimeToStr):
        return _date_format(node)
    found = _date_arithmetic(node) or _simple(node) or _numeric_or_text(node)
    return found if found is not None else node
