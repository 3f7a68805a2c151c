"""Units as writers spell them: `$`, `usd` and `dollars` are one unit, `pp` is not `%`."""

from __future__ import annotations

UNIT_NAMES = {
    "%": ("%", "percent", "per cent", "pct"),
    "pp": ("pp", "p.p.", "ppt", "ppts", "percentage point", "percentage points"),
    "bp": ("bp", "bps", "basis point", "basis points"),
    "USD": ("$", "us$", "usd", "dollar", "dollars", "us dollar", "us dollars"),
    "EUR": ("€", "eur", "euro", "euros"),
    "GBP": ("£", "gbp", "pound", "pounds", "pounds sterling", "sterling"),
    "JPY": ("¥", "jpy", "yen"),
    "CHF": ("chf", "swiss franc", "swiss francs"),
    "CAD": ("c$", "cad", "canadian dollar", "canadian dollars"),
    "AUD": ("a$", "aud", "australian dollar", "australian dollars"),
    "INR": ("₹", "inr", "rupee", "rupees"),
    "CNY": ("cny", "rmb", "yuan", "renminbi"),
    "BTC": ("₿", "btc", "xbt", "bitcoin", "bitcoins"),
    "ETH": ("eth", "ether"),
}
UNIT_WORDS = {name: unit for unit, names in UNIT_NAMES.items() for name in names}
UNSCALED_NAMES = frozenset(name for unit in ("%", "pp", "bp") for name in UNIT_NAMES[unit])
# Written before the figure: symbols and codes ("$5", "USD 12m", "BTC 4").
PREFIX_UNITS = frozenset(("us$", "c$", "a$", "$", "€", "£", "¥", "₹", "₿",
                           "usd", "eur", "gbp", "jpy", "chf", "cad", "aud", "inr", "cny", "btc"))
# Written after it: every name but the bare symbols ("27%" is the exception).
SUFFIX_UNITS = frozenset(name for name in UNIT_WORDS if name not in PREFIX_UNITS or name.isalpha())


def canonical_unit(unit: str | None) -> str | None:
    """`$`, `usd` and `dollars` are all `USD`; unknown units are kept, case-folded."""
    if unit is None:
        return None
    word = " ".join(unit.strip().split()).casefold()
    if not word:
        return None
    return UNIT_WORDS.get(word, word)


class UnitConflict(ValueError):
    pass
