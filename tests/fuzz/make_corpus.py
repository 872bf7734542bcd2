#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpus (tests/fuzz/corpus/<target>/), committed beside it.

Sources: the protocol's examples (shared/protocol/examples, valid and invalid), the unit tests'
samples of every command when a build has them (protocol-samples.jsonl, written by
json_schema_test.cpp: pass its path), and a few hand-made hostile inputs. File names are the
content's SHA-1, as libFuzzer names what it adds, so regenerating is idempotent.

  tests/fuzz/make_corpus.py [build/dev/protocol-samples.jsonl]
"""
import hashlib
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "shared/protocol/examples"
CORPUS = ROOT / "tests/fuzz/corpus"

# Who sends a command in the venue's workshops encuentro (tests/fuzz/fuzz_venue.hpp): w1's staff,
# its first member as a citizen, or the organizer.
ROLE_OF = {
    "contribution": "relator w1", "synthesis": "relator w1", "proposal.accept": "relator w1",
    "proposal.decline": "relator w1", "question.answer": "servant w1",
    "hand": "facilitator w1", "floor": "facilitator w1", "timer": "facilitator w1",
    "voting": "facilitator w1", "workshop.set_question": "facilitator w1",
    "principals": "facilitator w1", "hand_count": "facilitator w1",
    "vote": "citizen w1 #0", "proposal.submit": "citizen w1 #0", "evaluation": "citizen w1 #0",
    "progress": "office", "observation.submit": "public",
}


def compact(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def write(target, text):
    data = text.encode("utf-8") if isinstance(text, str) else text
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)


def role_for(name):
    for prefix, role in ROLE_OF.items():
        if name == prefix or name.startswith(prefix + "."):
            return role
    return "organizer"


def main():
    # The examples: every client message to the decoder; each conversation's client messages as
    # one command input, spoken by the role its welcome names.
    for path in sorted(EXAMPLES.glob("*.json")):
        conversation = json.loads(path.read_text())
        role, lines = "organizer", []
        for step in conversation:
            message = step["message"]
            if step["from"] == "client":
                write("decode", compact(message))
                lines.append(compact(message))
            elif message.get("type") == "welcome":
                role = " ".join(x for x in (message.get("role"), message.get("workshop")) if x)
        write("command", f"as {role}\n" + "\n".join(lines) + "\n")
    for path in sorted((EXAMPLES / "invalid").glob("*.json")):
        write("decode", compact(json.loads(path.read_text())["message"]))

    # Every command the unit tests sample: to the decoder, as {"name": args} for decode_command,
    # and executed in the venue by the role that would send it.
    if len(sys.argv) > 1:
        seen = set()
        for line in pathlib.Path(sys.argv[1]).read_text().splitlines():
            sample = json.loads(line)
            message = sample.get("message")
            if sample.get("from") != "client" or message.get("type") != "command":
                continue
            name = message["name"]
            if name in seen:
                continue
            seen.add(name)
            write("decode", compact(message))
            write("decode", compact({name: message["args"]}))
            args = dict(message["args"])
            if "workshop_id" in args:
                args["workshop_id"] = "w1"
            venue_message = compact({**message, "args": args})
            write("command", f"as {role_for(name)}\n{venue_message}\n")
            write("command", f"as organizer\n{venue_message}\n")

    # Hostile, by hand: deep nesting, numbers beyond a double, broken UTF-8 and escapes, NUL bytes,
    # duplicate keys, an op at its length limit, an op repeated with other args.
    hostile = [
        "[" * 10000,
        '{"type":"ping","ref":' + "[" * 70 + "]" * 70 + "}",
        '{"type":"hello","protocol":1e400}',
        '{"type":"hello","protocol":-9223372036854775809,"since":18446744073709551616}',
        '{"type":"ping","ref":"\\ud800"}',
        b'{"type":"ping","ref":"\xff\xfe"}',
        b'{"type":"ping","ref":"a\x00b"}',
        '{"type":"ping","type":"hello","protocol":1}',
        '{"type":"command","op":"' + "x" * 128 + '","name":"point.add","args":{"title":"t"}}',
        '{"type":"command","op":"o","name":"point.add","args":{"title":"' + "é" * 20001 + '"}}',
        '{"version":1,"encuentro":{}}',
        '{"contribution.captured":{"contribution":null}}',
    ]
    for text in hostile:
        write("decode", text)
    write("command", 'as organizer\n{"type":"command","op":"dup","name":"point.add","args":'
          '{"title":"Uno"}}\n{"type":"command","op":"dup","name":"point.add","args":'
          '{"title":"Dos"}}\n')
    write("command", 'as organizer\n{"type":"command","op":"adv","name":"phase.advance","args":'
          '{"phase":"plenary"}}\nwait 90\nas facilitator w1\n{"type":"command","op":"v",'
          '"name":"voting.open","args":{"workshop_id":"w1","dots_per_person":3}}\n')
    write("command", 'as citizen w2 #0\n{"type":"command","op":"h","name":"hand.raise","args":'
          '{"workshop_id":"w1","participant_id":"a1"}}\n')
    write("command", 'in e-cascajal-2026\nas office\n{"type":"command","op":"r","name":'
          '"progress.report","args":{"commitment_id":"k1","percent":100,"status":"cumplido",'
          '"as_of":"2026-11-01","text":"Hecho"}}\n')


if __name__ == "__main__":
    main()
