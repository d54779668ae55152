#!/bin/sh
# Runs a command inside a private D-Bus session with a throwaway, unlocked
# gnome-keyring, so that tests use a real Secret Service without touching the
# person's own keychain. Needs dbus-daemon, gnome-keyring and libsecret-tools.
set -eu

for tool in dbus-run-session gnome-keyring-daemon secret-tool; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "error: $tool is missing, so the tests cannot start their own keychain." >&2
    echo "Install it with: sudo apt-get install dbus-daemon gnome-keyring libsecret-tools" >&2
    exit 1
  fi
done

keyring_home=$(mktemp -d)
trap 'rm -rf "$keyring_home"' EXIT INT TERM

# gnome-keyring keeps its files under $XDG_DATA_HOME/keyrings: a fresh folder
# gives a fresh "login" keyring that the password below creates and unlocks.
XDG_DATA_HOME=$keyring_home dbus-run-session -- sh -c '
  printf %s test-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  # The daemon claims its bus name after it forks. A request before that makes
  # D-Bus start a second daemon with a locked keyring, so wait for the name.
  tries=0
  until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
      grep -q "boolean true"; do
    tries=$((tries + 1))
    [ "$tries" -ge 100 ] && break
    sleep 0.05
  done
  # The daemon exits 0 even when unlocking failed, so a real store and lookup decide.
  if ! printf probe | timeout 10 secret-tool store --label=probe probe 1 ||
     [ "$(timeout 10 secret-tool lookup probe 1)" != probe ]; then
    echo "error: the test keyring could not be unlocked; see gnome-keyring-daemon output above." >&2
    exit 1
  fi
  timeout 10 secret-tool clear probe 1
  MITELONE_TEST_KEYRING=ready exec "$@"' sh "$@"
