#!/usr/bin/python3
"""Validates live-protocol messages against the protocol's JSON Schema.

    validate_messages.py [--schema FILE] [--examples DIR] [--messages FILE.jsonl ...]
                         [--min-messages N]

--examples DIR   DIR/*.json are scenarios: a list of {"from": "client"|"server"|"client-invalid",
                 "message": {...}, "note"?: "..."}; every message must be valid (a
                 "client-invalid" one, sent malformed to show the server's answer, invalid), and
                 together they must use every message type of both sides. DIR/invalid/*.json hold
                 one entry each, which must be INVALID; its "error_at" (a field path such as
                 "args.kind", "" for the whole message) says where the error must be found.
--messages FILE  JSON lines {"from": "client"|"server"|"client-invalid", "message": {...}}: what
                 the integration tests exchanged with a real server (protocol-messages.jsonl) or
                 the unit tests' samples (protocol-samples.jsonl). "client-invalid" messages
                 were sent malformed on purpose and must be invalid; {"from": "client-invalid",
                 "raw": "..."} (text that is not JSON) is skipped.
--min-messages N each --messages file must hold at least N messages.

Beyond the schema, as the server: an integer is a JSON integer (3.0 is not one), and a date must
exist on the calendar (2026-02-30 does not).

Needs Debian's python3-jsonschema (4.10): run it with /usr/bin/python3. Exits 1 on any failure,
printing the message and the path of the field at fault.
"""

import argparse
import collections
import json
import pathlib
import sys

try:
    import jsonschema
    from jsonschema import Draft202012Validator, FormatChecker, RefResolver
except ImportError:
    sys.exit("validate_messages.py needs jsonschema: apt-get install python3-jsonschema, "
             "and run it with /usr/bin/python3")

DEFAULT_SCHEMA = (pathlib.Path(__file__).resolve().parents[2]
                  / "shared" / "protocol" / "schema" / "protocol.schema.json")

# Members whose "const" tells the branches of a oneOf apart: a message's type, a command's or
# event's name, an error's category.
DISCRIMINATORS = {"type", "name", "category"}
WEAK = {"oneOf", "anyOf"}


def strict_integer(checker, instance):
    # JSON Schema calls 3.0 an integer; the server's decoder does not.
    return isinstance(instance, int) and not isinstance(instance, bool)


StrictValidator = jsonschema.validators.extend(
    Draft202012Validator,
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", strict_integer))


def refuse_constant(name):
    raise ValueError(f"{name} is not JSON")


def parse_json(text):
    return json.loads(text, parse_constant=refuse_constant)


def field_path(path):
    """["args", "from_ids", 1] -> "args.from_ids[1]", as the server names fields."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def misses_discriminator(error):
    """Whether `error` (inside a oneOf) says the message is not of this branch's type/name/
    category: a failed const on that member, right in the branch or in the schema it refers to."""
    if error.validator != "const" or len(error.relative_path) != 1:
        return False
    member = error.relative_path[0]
    where = list(error.relative_schema_path)[1:]
    return member in DISCRIMINATORS and where in (["properties", member, "const"],
                                                   ["$ref", "properties", member, "const"])


def missing_members(error):
    return [name for name in error.validator_value if name not in error.instance]


def pinpoint(error):
    """Names the member at fault, as the server's `field` does: the missing or unknown member
    itself rather than the object that lacks or has it."""
    if error.validator == "required" and isinstance(error.instance, dict):
        # One error per missing member; its message names it.
        missing = [name for name in missing_members(error) if repr(name) in error.message]
        if missing:
            error.path.append(missing[0])
    elif error.validator == "not" and "required" in error.validator_value:
        error.message = "not both " + " and ".join(error.validator_value["required"])
    elif error.validator == "additionalProperties" and isinstance(error.instance, dict):
        listed = error.schema.get("properties", {})
        extra = sorted(name for name in error.instance if name not in listed)
        if extra:
            error.path.append(extra[0])
    return error


def explain(error):
    """The error worth reporting: through each oneOf, into the branch the message chose (the one
    whose type/name/category matched), down to the member at fault."""
    while error.validator in WEAK and error.context:
        branches = collections.defaultdict(list)
        for sub in error.context:
            branches[sub.relative_schema_path[0]].append(sub)
        chosen = [subs for subs in branches.values()
                  if not any(misses_discriminator(sub) for sub in subs)]
        if len(chosen) > 1:
            # `T or null`: the value is not null, so T says what is wrong with it.
            chosen = [subs for subs in chosen
                      if not (len(subs) == 1 and subs[0].validator == "type"
                              and subs[0].validator_value == "null")]
        if len(chosen) != 1:
            missed = sorted({sub.relative_path[0] for sub in error.context
                             if misses_discriminator(sub)})
            absent = [set(missing_members(sub)) & DISCRIMINATORS
                      for subs in chosen for sub in subs
                      if sub.validator == "required" and not sub.relative_path]
            if not chosen and missed:
                # No branch has this type (or name, or category).
                member = missed[0]
                value = error.instance.get(member) if isinstance(error.instance, dict) else None
                error.message = f"no such {member} {value!r}"
                error.path.append(member)
            elif absent and set.intersection(*absent):
                member = sorted(set.intersection(*absent))[0]
                error.message = f"{member!r} is a required property"
                error.path.append(member)
            return error
        error = min(chosen[0], key=lambda e: (e.validator in WEAK, len(e.path), e.message))
    return pinpoint(error)


class Checker:
    def __init__(self, schema):
        StrictValidator.check_schema(schema)
        resolver = RefResolver.from_schema(schema)
        checker = FormatChecker()
        self.validators = {
            side: StrictValidator({"$ref": f"#/$defs/{root}"}, resolver=resolver,
                                  format_checker=checker)
            for side, root in (("client", "ClientMessage"), ("server", "ServerMessage"))}
        defs = schema["$defs"]
        self.types = {side: {defs[b["$ref"].split("/")[-1]]["properties"]["type"]["const"]
                             for b in defs[root]["oneOf"]}
                      for side, root in (("client", "ClientMessage"), ("server", "ServerMessage"))}
        self.command_names = set(defs["CommandName"]["enum"])
        self.event_names = set(defs["EventName"]["enum"])

    def first_error(self, side, message):
        """None when `message` is valid from `side`; otherwise (field path, reason)."""
        errors = list(self.validators[side].iter_errors(message))
        if not errors:
            return None
        error = explain(min(errors, key=lambda e: (e.validator in WEAK, len(e.path))))
        reason = error.message if len(error.message) <= 300 else error.message[:300] + "…"
        return field_path(error.absolute_path), reason


def describe(message):
    text = json.dumps(message, ensure_ascii=False)
    return text if len(text) <= 600 else text[:600] + "…"


class Report:
    def __init__(self):
        self.failures = 0
        self.counts = collections.Counter()  # (side, type) -> n
        self.names = collections.Counter()   # ("command"|"event", name) -> n
        self.invalid = 0
        self.skipped = 0

    def fail(self, where, text, message=None):
        self.failures += 1
        print(f"FAIL {where}: {text}")
        if message is not None:
            print(f"     message: {describe(message)}")

    def count(self, side, message):
        kind = message.get("type") if isinstance(message, dict) else None
        self.counts[(side, kind)] += 1
        if kind == "command":
            self.names[("command", message.get("name"))] += 1
        elif kind == "event":
            self.names[("event", message.get("name"))] += 1


def check_entry(checker, report, where, entry, must_be_valid, expected_error_at=None):
    if entry.get("note"):
        where = f"{where} ({entry['note']})"
    side = entry.get("from")
    if side not in ("client", "server"):
        report.fail(where, f'"from" must be "client" or "server", not {side!r}')
        return False
    message = entry.get("message")
    error = checker.first_error(side, message)
    if must_be_valid:
        if error is not None:
            report.fail(where, f"invalid {side} message at '{error[0]}': {error[1]}", message)
            return False
        report.count(side, message)
    else:
        if error is None:
            report.fail(where, f"this {side} message must be invalid, but the schema accepts it",
                        message)
            return False
        if expected_error_at is not None and error[0] != expected_error_at:
            report.fail(where, f"invalid as it must be, but at '{error[0]}' ({error[1]}), "
                        f"not at '{expected_error_at}'", message)
            return False
        report.invalid += 1
    return True


def check_examples(checker, report, directory):
    directory = pathlib.Path(directory)
    files = sorted(directory.glob("*.json"))
    if not files:
        report.fail(directory, "no examples")
    for path in files:
        try:
            entries = parse_json(path.read_text(encoding="utf-8"))
        except ValueError as e:
            report.fail(path.name, f"not JSON: {e}")
            continue
        if not isinstance(entries, list) or not entries:
            report.fail(path.name, "an example is a non-empty list of {from, message} entries")
            continue
        for i, entry in enumerate(entries):
            extra = set(entry) - {"from", "message", "note"} if isinstance(entry, dict) else None
            if extra is None or extra or "message" not in entry:
                report.fail(f"{path.name}[{i}]", "an entry is {from, message, note?}")
                continue
            if entry.get("from") == "client-invalid":
                check_entry(checker, report, f"{path.name}[{i}]", dict(entry, **{"from": "client"}),
                            must_be_valid=False)
            else:
                check_entry(checker, report, f"{path.name}[{i}]", entry, must_be_valid=True)

    # Every message type of both sides appears in some example.
    for side in ("client", "server"):
        missing = checker.types[side] - {t for (s, t) in report.counts if s == side}
        if missing:
            report.fail(directory, f"no example of the {side} message types {sorted(missing)}")

    invalid = sorted((directory / "invalid").glob("*.json"))
    if not invalid:
        report.fail(directory / "invalid", "no invalid examples")
    for path in invalid:
        try:
            entry = parse_json(path.read_text(encoding="utf-8"))
        except ValueError as e:
            report.fail(f"invalid/{path.name}", f"not JSON: {e}")
            continue
        if (not isinstance(entry, dict) or "message" not in entry
                or set(entry) - {"from", "message", "note", "error_at"}):
            report.fail(f"invalid/{path.name}", "an invalid example is {from, message, note?, "
                        "error_at?}")
            continue
        check_entry(checker, report, f"invalid/{path.name}", entry, must_be_valid=False,
                    expected_error_at=entry.get("error_at"))
    return len(files), len(invalid)


def check_messages(checker, report, path, min_messages):
    path = pathlib.Path(path)
    if not path.exists():
        report.fail(path, "missing: run the tests that write it first (ctest runs them first)")
        return 0
    validated = 0
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            where = f"{path.name}:{number}"
            if not line.strip():
                continue
            try:
                entry = parse_json(line)
            except ValueError as e:
                report.fail(where, f"not a JSON line: {e}")
                continue
            if not isinstance(entry, dict):
                report.fail(where, "a line is an object {from, message}")
                continue
            side = entry.get("from")
            if side == "client-invalid":
                if "raw" in entry:
                    report.skipped += 1  # not JSON at all: nothing for a schema to say
                    continue
                ok = check_entry(checker, report, where, dict(entry, **{"from": "client"}),
                                 must_be_valid=False)
            else:
                ok = check_entry(checker, report, where, entry, must_be_valid=True)
            validated += 1 if ok else 0
            if report.failures > 50:
                report.fail(path.name, "too many failures; stopping")
                break
    if validated < min_messages:
        report.fail(path.name, f"only {validated} messages validated; at least {min_messages} "
                    "expected")
    return validated


def print_counts(checker, report):
    for side in ("client", "server"):
        seen = sorted((t, n) for (s, t), n in report.counts.items() if s == side)
        if seen:
            print(f"  {side}: " + ", ".join(f"{t} {n}" for t, n in seen))
    for kind, known in (("command", checker.command_names), ("event", checker.event_names)):
        seen = {name for (k, name) in report.names if k == kind}
        if seen:
            line = f"  {kind} names: {len(seen & known)} of {len(known)}"
            if known - seen:
                line += " (not seen: " + ", ".join(sorted(known - seen)) + ")"
            print(line)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--schema", default=str(DEFAULT_SCHEMA))
    parser.add_argument("--examples", action="append", default=[])
    parser.add_argument("--messages", action="append", default=[])
    parser.add_argument("--min-messages", type=int, default=1)
    args = parser.parse_args()
    if not args.examples and not args.messages:
        parser.error("nothing to validate: give --examples or --messages")

    schema = parse_json(pathlib.Path(args.schema).read_text(encoding="utf-8"))
    checker = Checker(schema)
    status = 0
    for directory in args.examples:
        report = Report()
        scenarios, invalid = check_examples(checker, report, directory)
        print(f"{directory}: {scenarios} scenarios, {sum(report.counts.values())} valid messages, "
              f"{report.invalid} invalid ones refused as they must be")
        print_counts(checker, report)
        status |= report.failures > 0
    for path in args.messages:
        report = Report()
        validated = check_messages(checker, report, path, args.min_messages)
        print(f"{path}: {validated} messages: {sum(report.counts.values())} valid, "
              f"{report.invalid} invalid ones refused as they must be"
              + (f", {report.skipped} not JSON (skipped)" if report.skipped else ""))
        print_counts(checker, report)
        status |= report.failures > 0
    print("FAILED" if status else "OK")
    return 1 if status else 0


if __name__ == "__main__":
    sys.exit(main())
