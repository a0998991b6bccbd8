#!/usr/bin/env bash
# Installs the pinned Schemathesis into target/st-venv for tests/it/api_conformance.rs.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -x target/st-venv/bin/schemathesis ]; then
  mkdir -p target
  python3 -m venv target/st-venv
  target/st-venv/bin/pip install --quiet --disable-pip-version-check schemathesis==4.32.5
fi
target/st-venv/bin/schemathesis --version
