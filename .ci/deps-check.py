#!/usr/bin/env python3
"""Checks Cargo.lock against deny.toml's licences, bans and sources, from `cargo metadata`.

Why not `cargo deny` itself in CI: installing it compiles about 300 crates, six minutes of a
CI run on two cores, for a check that needs only what `cargo metadata` already prints. This
script reads the same policy file (deny.toml) so the two cannot drift apart; where cargo-deny
is installed, `cargo deny --offline check licenses bans sources` checks the same and more
(licence texts in files, with a confidence score).

What it checks:
- licences: every registry package's SPDX expression is satisfied by `[licenses] allow`
  (OR: one side suffices, AND: both, "X WITH exception": the whole phrase or X is allowed;
  the old "MIT/Apache-2.0" spelling is read as OR). A package that names only a licence
  file, not an expression, fails: its licence is then unknown to this script.
- bans: no package named in `[bans] deny`; no wildcard version requirement on a registry
  dependency of the workspace's own crates (`wildcards = "deny"`).
- sources: every package comes from a path in the workspace or from an allowed registry;
  no git sources (`unknown-git = "deny"`).
Exit code 1 with one line per problem; 0 and a one-line summary otherwise.
"""
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def tokens(expression):
    return re.findall(r"\(|\)|[A-Za-z0-9.+\-]+", expression.replace("/", " OR "))


def satisfied(expression, allowed):
    """Evaluates an SPDX licence expression against the allowed set (recursive descent)."""
    toks = tokens(expression)
    pos = 0

    def peek():
        return toks[pos] if pos < len(toks) else None

    def take():
        nonlocal pos
        pos += 1
        return toks[pos - 1]

    def atom():
        if peek() == "(":
            take()
            value = either()
            if take() != ")":
                raise ValueError(expression)
            return value
        licence = take()
        if peek() == "WITH":
            take()
            exception = take()
            return f"{licence} WITH {exception}" in allowed or licence in allowed
        return licence in allowed

    def both():
        value = atom()
        while peek() == "AND":
            take()
            value = atom() and value
        return value

    def either():
        value = both()
        while peek() == "OR":
            take()
            value = both() or value
        return value

    value = either()
    if pos != len(toks):
        raise ValueError(expression)
    return value


def main():
    policy = tomllib.loads((ROOT / "deny.toml").read_text())
    allowed = set(policy["licenses"]["allow"])
    banned = {entry["name"] for entry in policy["bans"].get("deny", [])}
    registries = {f"registry+{url}" for url in policy["sources"]["allow-registry"]}
    metadata = json.loads(
        subprocess.run(
            ["cargo", "metadata", "--locked", "--format-version", "1"],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    members = set(metadata["workspace_members"])
    problems = []
    checked = 0
    for package in metadata["packages"]:
        name = f'{package["name"]} {package["version"]}'
        source = package["source"]
        if package["name"] in banned:
            problems.append(f"ban: {name} is in deny.toml's [bans] deny")
        if package["id"] in members:
            for dependency in package["dependencies"]:
                if dependency.get("path") is None and dependency["req"].strip() == "*":
                    problems.append(f'wildcard: {name} depends on {dependency["name"]} = "*"')
            continue
        if source is None:
            continue  # a path crate inside the workspace, covered by [licenses.private]
        if source.startswith("git+"):
            problems.append(f"source: {name} comes from git ({source})")
            continue
        if source not in registries:
            problems.append(f"source: {name} comes from an unknown registry ({source})")
            continue
        checked += 1
        licence = package.get("license")
        if not licence:
            problems.append(f"licence: {name} names no SPDX expression, only a file")
            continue
        try:
            if not satisfied(licence, allowed):
                problems.append(f"licence: {name} is {licence}, not allowed by deny.toml")
        except (ValueError, IndexError):
            problems.append(f"licence: {name} has an expression this check cannot read: {licence}")
    for problem in problems:
        print(problem)
    if problems:
        return 1
    print(f"deps-check: {checked} registry packages, licences, bans and sources as deny.toml says")
    return 0


if __name__ == "__main__":
    sys.exit(main())
