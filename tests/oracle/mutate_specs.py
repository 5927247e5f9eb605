"""Makes the oracle's corpus: real Dalec specs, each mutated the ways an author gets a spec wrong
(and right), one mutation per file. The real frontend then judges every file, and so does
`dalec-lsp check`; run_oracle.py compares the two.

The mutations are textual and deterministic, chosen by the spec's own lines: a key line is
`indent [- ]key: [value]` outside block scalars and comments. Every file is listed in
manifest.json with the mutation's kind, the line it touched (1-based) and a description.
"""
import json
import re
import sys
from pathlib import Path

KEY_LINE = re.compile(r"^(?P<indent> *)(?P<dash>- )?(?P<key>[A-Za-z_][\w./-]*):(?P<rest>(?: .*)?)$")
BLOCK_SCALAR = re.compile(r":\s*[|>][-+0-9]*\s*(#.*)?$")


class Spec:
    def __init__(self, path):
        self.path = path
        self.name = path.stem
        self.text = path.read_text()
        self.lines = self.text.split("\n")
        self.key_lines = []  # (index, match)
        block_indent = None
        for index, line in enumerate(self.lines):
            stripped = line.lstrip(" ")
            indent = len(line) - len(stripped)
            if block_indent is not None:
                if stripped == "" or indent > block_indent:
                    continue
                block_indent = None
            if stripped.startswith("#") or stripped == "":
                continue
            match = KEY_LINE.match(line)
            if match:
                self.key_lines.append((index, match))
                if BLOCK_SCALAR.search(line):
                    block_indent = indent + (2 if match.group("dash") else 0)

    def scalar_lines(self):
        """Key lines with an inline scalar value (not a block scalar, flow collection or anchor)."""
        out = []
        for index, match in self.key_lines:
            value = match.group("rest").strip()
            if not value or value[0] in "|>[{&*!#":
                continue
            out.append((index, match))
        return out

    def mapping_lines(self):
        """Key lines that open a block mapping or sequence (no value on the line)."""
        return [(i, m) for i, m in self.key_lines if m.group("rest").strip() in ("", )]

    def top_level(self, key):
        for index, match in self.key_lines:
            if match.group("indent") == "" and not match.group("dash") and match.group("key") == key:
                return index
        return None

    def with_lines(self, lines):
        return "\n".join(lines)


def spread(items, count):
    """`count` items spread evenly over `items`, in order (all of them when there are fewer)."""
    if len(items) <= count:
        return list(items)
    step = len(items) / count
    return [items[int(i * step)] for i in range(count)]


def misspell(key):
    if len(key) >= 4:
        return key[0] + key[2] + key[1] + key[3:]  # transposed letters
    return key + key[-1]


def child_indent(spec, index, match):
    """The indentation of the first child of the mapping opened at line `index`."""
    base = len(match.group("indent")) + (2 if match.group("dash") else 0)
    for line in spec.lines[index + 1:]:
        stripped = line.lstrip(" ")
        if stripped == "" or stripped.startswith("#"):
            continue
        indent = len(line) - len(stripped)
        return indent if indent > base else None
    return None


def mutations(spec):
    """Yields (kind, line, description, text)."""
    lines = spec.lines

    def replaced(index, new_line):
        out = list(lines)
        out[index] = new_line
        return spec.with_lines(out)

    def inserted(index, new_lines):
        out = list(lines)
        out[index:index] = new_lines
        return spec.with_lines(out)

    def key_prefix(match):
        return match.group("indent") + (match.group("dash") or "")

    yield "unchanged", 0, "the spec as it is", spec.text

    # Keys: misspelled where they stand (schema keys become unknown; names of args, sources, env,
    # targets and files are the author's own, and renaming them may break a reference).
    for index, match in spread(spec.key_lines, 9):
        key = match.group("key")
        new_key = misspell(key)
        yield ("misspelled-key", index + 1, f"`{key}` written `{new_key}`",
               replaced(index, key_prefix(match) + new_key + ":" + match.group("rest")))

    # A key the spec does not have, beside an existing one, at every level.
    for index, match in spread([(i, m) for i, m in spec.key_lines if not (m.group("dash") and not m.group("rest").strip())], 7):
        if match.group("dash"):  # `- key: value`: a sibling goes under the dash, after the line
            at, indent = index + 1, match.group("indent") + "  "
        else:
            at, indent = index, match.group("indent")
        yield ("unknown-key", at + 1, f"`bogus_field: 1` beside `{match.group('key')}`",
               inserted(at, [indent + "bogus_field: 1"]))

    # The same key twice in one mapping.
    for index, match in spread([(i, m) for i, m in spec.scalar_lines() if not m.group("dash")], 4):
        yield ("duplicate-key", index + 2, f"`{match.group('key')}` repeated", inserted(index + 1, [lines[index]]))

    # Wrong types: a sequence, a mapping where a scalar stands; a scalar where a mapping opens.
    for index, match in spread(spec.scalar_lines(), 5):
        yield ("sequence-for-scalar", index + 1, f"`{match.group('key')}` given a list",
               replaced(index, key_prefix(match) + match.group("key") + ": [one, two]"))
    for index, match in spread(spec.scalar_lines(), 3):
        yield ("mapping-for-scalar", index + 1, f"`{match.group('key')}` given a mapping",
               replaced(index, key_prefix(match) + match.group("key") + ": {one: 1}"))
    for index, match in spread([(i, m) for i, m in spec.mapping_lines() if child_indent(spec, i, m)], 3):
        # The block under the key stays and becomes a syntax problem, so drop it with the value.
        end = index + 1
        base = len(match.group("indent")) + (2 if match.group("dash") else 0)
        while end < len(lines):
            stripped = lines[end].lstrip(" ")
            if stripped and not stripped.startswith("#") and len(lines[end]) - len(stripped) <= base:
                break
            end += 1
        out = list(lines)
        out[index:end] = [key_prefix(match) + match.group("key") + ": 42"]
        yield ("scalar-for-collection", index + 1, f"`{match.group('key')}` given a number", spec.with_lines(out))

    # Booleans written the YAML 1.1 way.
    for index, match in spec.key_lines:
        if match.group("rest").strip() in ("true", "false"):
            yield ("yes-no-boolean", index + 1, f"`{match.group('key')}: yes`",
                   replaced(index, key_prefix(match) + match.group("key") + ": yes"))
            break

    # Args: undefined and unused.
    version = spec.top_level("version")
    if version is not None:
        yield ("undefined-arg", version + 1, "`${NOT_DECLARED}` in version",
               replaced(version, lines[version] + "-${NOT_DECLARED}"))
        yield ("undefined-arg-braceless", version + 1, "`$NOT_DECLARED` in version",
               replaced(version, lines[version] + "-$NOT_DECLARED"))
    args = spec.top_level("args")
    if args is not None:
        yield ("unused-arg", args + 2, "an arg nothing uses", inserted(args + 1, ["  UNUSED_ARG: x"]))
        yield ("arg-list", args + 1, "args given as a list", inserted(args + 1, ["  - NOT_A_MAPPING"]))
    else:
        yield ("unused-arg", 1, "an args section nothing uses", spec.text.rstrip("\n") + "\nargs:\n  UNUSED_ARG: x\n")

    # Patches naming a source that is not there.
    patch_sources = [(i, m) for i, m in spec.key_lines if m.group("key") == "source" and m.group("rest").strip()]
    patches = spec.top_level("patches")
    if patches is not None:
        for index, match in patch_sources[:2]:
            if index > patches:
                yield ("patch-missing-source", index + 1, "a patch names a missing source",
                       replaced(index, key_prefix(match) + "source: no-such-source"))
    sources = spec.top_level("sources")
    if sources is not None:
        first_source = next((i for i, m in spec.key_lines if i > sources and len(m.group("indent")) == 2), None)
        if first_source is not None:
            name = KEY_LINE.match(lines[first_source]).group("key")
            yield ("patch-missing-source", len(lines) + 2, "a patches section for a missing source",
                   spec.text.rstrip("\n") + f"\npatches:\n  {name}:\n    - source: no-such-source\n")
            yield ("source-name-with-slash", first_source + 1, "a source name with a slash",
                   replaced(first_source, "  a/b:"))
            yield ("source-without-kind", first_source + 1, "a source with no kind",
                   inserted(first_source, ["  empty-source: {}"]))

    # Permissions: out-of-range octal, decimal, strings, negative.
    for index, match in [(i, m) for i, m in spec.key_lines if m.group("key") == "permissions"][:1]:
        for value, kind in (("0o999", "permissions-bad-octal"), ("755", "permissions-decimal"),
                            ("rwxr-xr-x", "permissions-string"), ("-1", "permissions-negative"),
                            ("0644", "permissions-leading-zero")):
            yield (kind, index + 1, f"permissions: {value}", replaced(index, key_prefix(match) + "permissions: " + value))

    # Enums.
    build = spec.top_level("build")
    if build is not None:
        yield ("invalid-enum", build + 2, "network_mode: bogus", inserted(build + 1, ["  network_mode: bogus"]))
        yield ("valid-enum", build + 2, "network_mode: sandbox", inserted(build + 1, ["  network_mode: sandbox"]))

    # Broken YAML.
    for index, match in spread(spec.scalar_lines(), 2):
        yield ("unterminated-quote", index + 1, "an opening quote with no end",
               replaced(index, key_prefix(match) + match.group("key") + ': "' + match.group("rest").strip().strip('"')))
    for index, match in spread([(i, m) for i, m in spec.key_lines if m.group("indent")], 2):
        yield ("bad-indent", index + 1, "a line indented one space too far", replaced(index, " " + lines[index]))
    for index, match in spread([(i, m) for i, m in spec.key_lines if m.group("indent")], 1):
        yield ("tab-indent", index + 1, "a tab in the indentation", replaced(index, "\t" + lines[index].lstrip(" ")))

    # Tests: checks that cannot mean what they say, and step commands Dalec passes as written.
    tests = spec.top_level("tests")
    if tests is not None:
        item = next((l[:len(l) - len(l.lstrip(" "))] for l in lines[tests + 1:] if l.lstrip(" ").startswith("- ")), "  ")

        def with_test(*body):
            return inserted(tests + 1, [item + "- name: oracle test"] + [item + "  " + b for b in body])
        at = tests + 3
        yield ("check-directory-as-file", at, "a file check on /etc without is_dir", with_test("files:", "  /etc: {}"))
        yield ("check-relative-path", at, "a file check on a relative path", with_test("files:", "  etc/os-release: {}"))
        yield ("check-absent-and-content", at, "not_exist: true with contains",
               with_test("files:", "  /etc/os-release:", "    not_exist: true", "    contains:", "      - NAME"))
        yield ("check-dir-and-empty", at, "is_dir: true with empty: true",
               with_test("files:", "  /etc:", "    is_dir: true", "    empty: true"))
        yield ("test-command-literal-block", at + 1, "a multi-line `|` test step command",
               with_test("steps:", "  - command: |", "      echo a", "      echo b"))
        yield ("test-step-without-command", at + 1, "a test step with no command",
               with_test("steps:", "  - command:"))
        yield ("extension-key-in-test", at, "an x- key inside a test", with_test("x-note: kept?"))
        args_at = spec.top_level("args")
        if args_at is not None:
            # Two insertions, the lower one first so the upper one's index still holds.
            out = list(lines)
            insertions = {args_at + 1: ["  ORACLE_ARG: x"],
                          tests + 1: [item + "- name: oracle test", item + "  steps:", item + "    - command: echo ${ORACLE_ARG}"]}
            for index in sorted(insertions, reverse=True):
                out[index:index] = insertions[index]
            yield ("arg-in-test-command", at + 1 + (args_at < tests), "a declared arg in a test step command",
                   spec.with_lines(out))

    # Platform and Dalec's own args.


    def appended(index, words):
        """Line `index` with `words` added to the end of its scalar, inside its quotes if it has them."""
        line = lines[index].rstrip()
        return line[:-1] + words + line[-1] if line[-1] in "'\"" else line + words

    if version is not None and not BLOCK_SCALAR.search(lines[version]):
        def declares(arg):
            return re.search(r"^ +" + arg + r":", spec.text, re.M) is not None
        yield ("unmatched-quote-in-expanded", version + 1, "an unmatched ' in version, which Dalec lexes",
               replaced(version, appended(version, "-it's")))
        if not declares("TARGETARCH"):
            yield ("undeclared-platform-arg", version + 1, "`${TARGETARCH}` in version, not declared",
                   replaced(version, appended(version, "-${TARGETARCH}")))
        if not declares("DALEC_TARGET"):
            yield ("undeclared-dalec-target", version + 1, "`${DALEC_TARGET}` in version, not declared",
                   replaced(version, appended(version, "-${DALEC_TARGET}")))
        if spec.top_level("args") is None:
            yield ("platform-arg-default", version + 1, "a platform arg declared with a default",
                   replaced(version, appended(version, "-${TARGETARCH}")).rstrip("\n") + "\nargs:\n  TARGETARCH: amd64\n")

    # Sources: one-of groups.
    sources = spec.top_level("sources")
    if sources is not None:
        yield ("inline-file-and-dir", sources + 2, "an inline source with both file and dir",
               inserted(sources + 1, ["  oracle-inline:", "    inline:", "      file:", "        contents: x", "      dir: {}"]))
        first = next((m.group("key") for i, m in spec.key_lines if i > sources and len(m.group("indent")) == 2), None)
        if first and spec.top_level("patches") is None:
            directory = ["  oracle-patches:", "    inline:", "      dir:", "        files:", "          fix.patch:",
                         "            contents: x"]
            single = ["  oracle-patch:", "    inline:", "      file:", "        contents: x"]
            yield ("patch-dir-without-path", len(lines) + len(directory) + 3, "a patch from a directory source, no path",
                   spec.with_lines(lines[:sources + 1] + directory + lines[sources + 1:]).rstrip("\n")
                   + f"\npatches:\n  {first}:\n    - source: oracle-patches\n")
            yield ("patch-file-with-path", len(lines) + len(single) + 4, "a patch from a file source, with a path",
                   spec.with_lines(lines[:sources + 1] + single + lines[sources + 1:]).rstrip("\n")
                   + f"\npatches:\n  {first}:\n    - source: oracle-patch\n      path: fix.patch\n")
            yield ("valid-patch", len(lines) + len(directory) + 3, "a patch from a directory source, with its path",
                   spec.with_lines(lines[:sources + 1] + directory + lines[sources + 1:]).rstrip("\n")
                   + f"\npatches:\n  {first}:\n    - source: oracle-patches\n      path: fix.patch\n")

    # Anchors, aliases and merges.
    yield ("unknown-alias", len(lines) + 1, "an alias with no anchor", spec.text.rstrip("\n") + "\nx-alias: *nowhere\n")
    yield ("extension-field", len(lines) + 1, "an x- extension field", spec.text.rstrip("\n") + "\nx-note: kept by Dalec\n")
    yield ("extension-anchor", len(lines) + 1, "an anchor in an x- field, unused",
           spec.text.rstrip("\n") + "\nx-common: &common\n  a: 1\n")
    description = spec.top_level("description")
    if description is not None and not BLOCK_SCALAR.search(lines[description]):
        yield ("anchor-alias", description + 1, "description reused through an alias",
               replaced(description, lines[description].replace("description:", "description: &desc", 1)).rstrip("\n")
               + "\nx-copy: *desc\n")
    if build is not None and not any(i > build and m.group("key") == "env" and len(m.group("indent")) == 2
                                     for i, m in spec.key_lines):
        out = list(lines)
        out[build + 1:build + 1] = ["  env:", "    <<: *buildenv"]
        out[1:1] = ["x-buildenv: &buildenv", '  FROM_MERGE: "1"']
        yield ("merge-key", build + 4, "build's env merged from an x- anchor", spec.with_lines(out))

    # Required top-level fields removed.
    for key in ("name", "version", "revision", "license", "description", "website", "packager"):
        index = spec.top_level(key)
        if index is not None and not BLOCK_SCALAR.search(lines[index]):
            yield ("removed-" + key, index + 1, f"`{key}` removed", spec.with_lines(lines[:index] + lines[index + 1:]))

    # Edits that must keep a valid spec valid.
    if version is not None:
        yield ("valid-version", version + 1, "another version", replaced(version, "version: 9.9.9"))
    yield ("valid-comment", 2, "a comment added", inserted(1, ["# a comment an author added"]))
    yield ("valid-trailing-lines", len(lines), "blank lines at the end", spec.text + "\n\n\n")
    name = spec.top_level("name")
    if name is not None:
        value = lines[name].split(":", 1)[1].strip()
        if value and value[0] not in "'\"":
            yield ("valid-quoted", name + 1, "the name quoted", replaced(name, f'name: "{value}"'))


def main(argv):
    out = Path(argv[1])
    inputs = [Path(p) for p in argv[2:]]
    out.mkdir(parents=True, exist_ok=True)
    manifest = []
    for source in inputs:
        for path in sorted(source.glob("*.yml")) if source.is_dir() else [source]:
            spec = Spec(path)
            for number, (kind, line, description, text) in enumerate(mutations(spec)):
                file = out / f"{spec.name}--{number:03d}-{kind}.dalec.yml"
                file.write_text(text)
                manifest.append({"file": file.name, "base": path.name, "kind": kind, "line": line,
                                 "description": description})
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1))
    print(f"{len(manifest)} specs from {len({m['base'] for m in manifest})} real specs in {out}")


if __name__ == "__main__":
    main(sys.argv)
