"""PostgreSQL tsquery text, built from quoted lexemes only: whatever a researcher typed, no
character of it ever reaches PostgreSQL as tsquery syntax. Pure functions, no database."""

from __future__ import annotations


def lexeme(word: str, prefix: bool = False) -> str:
    """A word as a quoted tsquery lexeme: quotes and backslashes escaped, never syntax."""
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'" + (":*" if prefix else "")


def phrase(words: tuple[str, ...] | list[str]) -> str:
    """Words in a row: `'a' <-> 'b'`."""
    return " <-> ".join(lexeme(w) for w in words)


def any_of(parts: list[str]) -> str:
    """An OR of tsquery parts (each in brackets), duplicates and empty parts left out."""
    parts = list(dict.fromkeys(p for p in parts if p))
    if not parts:
        return ""
    return parts[0] if len(parts) == 1 else "(" + " | ".join(f"({p})" for p in parts) + ")"


def all_of(parts: list[str]) -> str:
    """An AND of tsquery parts, empty parts left out."""
    parts = [p for p in parts if p]
    return " & ".join(f"({p})" for p in parts)


def negate(part: str) -> str:
    return f"!({part})"
