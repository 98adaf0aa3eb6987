# Sourced by scripts/c2q and scripts/test: make ./.venv once and install c2q into it
# (editable, with the extra asked for), so nothing is installed into the system Python
# (Debian and Ubuntu refuse that: PEP 668). PYTHON picks the interpreter (default python3).

c2q_root=$(cd "$(dirname "$0")/.." && pwd)
c2q_venv="$c2q_root/.venv"

c2q_make_venv() {
    python=${PYTHON:-python3}
    [ -x "$c2q_venv/bin/python" ] && return 0
    echo "c2q: creating a virtual environment in $c2q_venv" >&2
    if "$python" -m venv "$c2q_venv" >/dev/null 2>&1; then
        return 0
    fi
    # Debian/Ubuntu without python3-venv have no ensurepip: make the venv bare and
    # let the system's pip put pip into it (pip >= 22.3 installs into another Python)
    rm -rf "$c2q_venv"
    if "$python" -m venv --without-pip "$c2q_venv" \
        && "$python" -m pip --python "$c2q_venv/bin/python" install -q pip; then
        return 0
    fi
    rm -rf "$c2q_venv"
    echo "c2q: could not create a virtual environment with $python." >&2
    echo "     On Debian/Ubuntu: sudo apt install python3-venv (or python3-pip), then run this again." >&2
    exit 1
}

# c2q_install EXTRA: "" for c2q itself, "test" for the test suite's tools too.
# Installed again only when pyproject.toml changed since the last install.
c2q_install() {
    c2q_make_venv
    stamp="$c2q_venv/.c2q-installed${1:+-$1}"
    if [ ! -f "$stamp" ] || [ "$c2q_root/pyproject.toml" -nt "$stamp" ]; then
        echo "c2q: installing c2q${1:+ with its $1 extras} into $c2q_venv" >&2
        spec="$c2q_root"
        [ -n "$1" ] && spec="$c2q_root[$1]"
        "$c2q_venv/bin/python" -m pip install -q -e "$spec" || exit 1
        touch "$stamp"
    fi
}
