"""Command lines whose words make a query: in `diplonews search Biden -Trump`, "-Trump" negates.

argparse would take "-Trump" for an unknown option. So before parsing, the words of a query
command, its negations among them (one dash, then anything that is not one of its options), are
moved behind "--", in their order, after the command's options and their values. An unknown
option written with two dashes ("--limt") stays an option, for argparse to refuse.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

# option string → whether it takes a value ("--limit": True, "--json": False)
OptionTable = Mapping[str, bool]


def words_last(
    argv: Sequence[str], top_options: OptionTable, query_commands: Mapping[str, OptionTable]
) -> list[str]:
    """`argv` with the query command's words moved behind "--"; unchanged for other commands."""
    position = _command_position(argv, top_options)
    if position is None or argv[position] not in query_commands:
        return list(argv)
    options, words = _options_and_words(argv[position + 1 :], query_commands[argv[position]])
    head = list(argv[: position + 1])
    return [*head, *options, "--", *words] if words else [*head, *options]


def _takes_value(token: str, options: OptionTable) -> bool | None:
    """Whether the option `token` names takes a value; None when it names no option. Long
    options may be abbreviated, as argparse allows ("--lim 5")."""
    name = token.split("=", 1)[0]
    if name in options:
        return options[name]
    if name.startswith("--"):
        candidates = [option for option in options if option.startswith(name)]
        if len(candidates) == 1:
            return options[candidates[0]]
    return None


def _is_option(token: str, options: OptionTable) -> bool:
    if token == "-" or not token.startswith("-"):
        return False
    return token.startswith("--") or _takes_value(token, options) is not None


def _command_position(argv: Sequence[str], options: OptionTable) -> int | None:
    tokens = iter(enumerate(argv))
    for position, token in tokens:
        if token == "--":
            return None
        if not _is_option(token, options):
            return position
        if _takes_value(token, options) and "=" not in token:
            next(tokens, None)
    return None


def _options_and_words(tokens: Sequence[str], options: OptionTable) -> tuple[list[str], list[str]]:
    found_options: list[str] = []
    words: list[str] = []
    remaining: Iterator[str] = iter(tokens)
    for token in remaining:
        if token == "--":
            words.extend(remaining)
        elif _is_option(token, options):
            found_options.append(token)
            if _takes_value(token, options) and "=" not in token:
                found_options.extend(value for value in [next(remaining, None)] if value)
        else:
            words.append(token)
    return found_options, words
