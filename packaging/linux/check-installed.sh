#!/usr/bin/env bash
# Installs the built .deb like a user would, starts the installed app under Xvfb and waits for its
# window, then runs the installed launcher's `probe` against a throwaway Dovecot. Run as root (CI).
set -euo pipefail
cd "$(dirname "$0")/../.."

deb=$(ls target/installer/padlock-mail_*.deb)
size=$(stat -c %s "$deb")
echo "installer: $deb, $size bytes"
# The budget is 60 MB (issue 6); the package was 59.9 MB when it first fitted.
if [ "$size" -gt 60000000 ]; then
  echo "the .deb is $(( (size - 60000000) / 1000 )) kB over its 60 MB budget" >&2
  exit 1
fi

# A desktop system has these; a bare CI container does not, and the package's menu entry needs them.
mkdir -p /usr/share/applications /usr/share/desktop-directories /usr/share/mime/packages
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "./$deb" >/dev/null
test -x /opt/padlock-mail/bin/padlock-mail
grep -q 'x-scheme-handler/mailto' /usr/share/applications/padlock-mail-padlock-mail.desktop

work=$(mktemp -d)
chmod 755 "$work"  # the mail servers run as their own users and must reach their folders
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

# The installed app's first window, on a virtual display, with a fresh home (no account: the welcome).
Xvfb :77 -screen 0 1280x800x24 >/dev/null 2>&1 &
sleep 1
mkdir -p "$work/home"
HOME="$work/home" DISPLAY=:77 /opt/padlock-mail/bin/padlock-mail >"$work/app.log" 2>&1 &
app=$!
for _ in $(seq 1 60); do
  if DISPLAY=:77 xdotool search --onlyvisible --name '^Padlock Mail$' >/dev/null 2>&1; then
    echo "the installed app's window is up"
    break
  fi
  sleep 0.5
done
DISPLAY=:77 xdotool search --onlyvisible --name '^Padlock Mail$' >/dev/null || { cat "$work/app.log"; echo "no window" >&2; exit 1; }
if [ -d "$work/home/.openjfx" ]; then
  echo "JavaFX unpacked its natives into the home folder: they should come from the installation" >&2
  exit 1
fi

# A saved message opens in the installed viewer and its HTML renders: WebKit and what it needs from the
# runtime (a module left out of the jlink would show here, not in the tests, which run on a full JDK).
kill "$app" 2>/dev/null || true
cat > "$work/check.eml" <<'EML'
From: Padlock CI <ci@padlock.test>
To: alice@padlock.test
Subject: Installed viewer check
Date: Sun, 29 Nov 2026 08:00:00 +0000
MIME-Version: 1.0
Content-Type: text/html; charset=UTF-8

<p>Rendered by the <b>installed</b> web view.</p>
EML
HOME="$work/home" DISPLAY=:77 /opt/padlock-mail/bin/padlock-mail "$work/check.eml" >"$work/viewer.log" 2>&1 &
for _ in $(seq 1 60); do
  DISPLAY=:77 xdotool search --onlyvisible --name '^Installed viewer check$' >/dev/null 2>&1 && break
  sleep 0.5
done
sleep 3 # the web view is made and loads the message once the window is up
DISPLAY=:77 xdotool search --onlyvisible --name '^Installed viewer check$' >/dev/null || { cat "$work/viewer.log"; echo "no viewer window" >&2; exit 1; }
if grep -E 'Exception|Error' "$work/viewer.log"; then
  echo "the installed viewer failed" >&2
  exit 1
fi
echo "the installed viewer shows a saved message"

# The installed launcher's probe against a real Dovecot (IMAPS, a CA of our own).
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Padlock CI CA" -keyout "$work/ca.key" -out "$work/ca.pem" \
  -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.2" -keyout "$work/server.key" -out "$work/server.csr" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.2,DNS:localhost\nbasicConstraints=CA:FALSE\n' > "$work/ext"
openssl x509 -req -in "$work/server.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" -CAcreateserial -days 2 \
  -extfile "$work/ext" -out "$work/server.pem" 2>/dev/null
cat "$work/server.pem" "$work/ca.pem" > "$work/chain.pem"
src/test/scripts/mail-servers.sh start "$work/servers" "$work/chain.pem" "$work/server.key" >/dev/null
trap 'src/test/scripts/mail-servers.sh stop "$work/servers" >/dev/null 2>&1 || true; kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
ALICE_PASSWORD=${ALICE_PASSWORD:-alice-Secret-1} HOME="$work/home" /opt/padlock-mail/bin/padlock-mail probe imap 127.0.0.2 31993 \
  --security tls --ca "$work/ca.pem" --pins "$work/pins.json" --user alice@padlock.test --password-env ALICE_PASSWORD --json \
  | tee "$work/probe.json"
grep -q '"outcome" *: *"secure"' "$work/probe.json"
echo "the installed launcher's probe: secure"
