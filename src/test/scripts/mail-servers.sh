#!/usr/bin/env bash
# Starts or stops a throwaway Dovecot + Postfix pair for integration tests, on 127.0.0.2 high ports,
# fully separate from any system instance (own configuration, queue, sockets, mail and logs in WORKDIR).
#
#   mail-servers.sh start WORKDIR CERT_PEM KEY_PEM   # CERT_PEM: leaf first, then its CA
#   mail-servers.sh stop WORKDIR
#
# Why 127.0.0.2: Dovecot treats a client whose address equals its own as "secured" and then allows
# plaintext LOGIN even with ssl=required. Clients reach 127.0.0.2 from the default source 127.0.0.1, so
# Dovecot sees an ordinary, unsecured client and the STARTTLS port really refuses LOGIN before TLS.
set -euo pipefail

ADDRESS=127.0.0.2
IMAP_STARTTLS_PORT=${IMAP_STARTTLS_PORT:-31143}
IMAPS_PORT=${IMAPS_PORT:-31993}
SUBMISSION_PORT=${SUBMISSION_PORT:-31587}
SUBMISSIONS_PORT=${SUBMISSIONS_PORT:-31465}
SMTP_PORT=${SMTP_PORT:-31025}
ALICE_PASSWORD=${ALICE_PASSWORD:-alice-Secret-1}
BOB_PASSWORD=${BOB_PASSWORD:-bob-Secret-2}

die() { echo "mail-servers: $*" >&2; exit 1; }

require_binaries() {
  local missing=()
  command -v dovecot >/dev/null || [ -x /usr/sbin/dovecot ] || missing+=(dovecot-imapd dovecot-lmtpd)
  command -v postfix >/dev/null || [ -x /usr/sbin/postfix ] || missing+=(postfix)
  [ ${#missing[@]} -eq 0 ] || die "Dovecot and Postfix are needed: apt-get install ${missing[*]} (as .ci/run does)"
  [ "$(id -u)" -eq 0 ] || die "Postfix needs root to start; run the integration tests as root (as CI does)"
}

wait_for_port() {
  local port=$1 deadline=$((SECONDS + 20))
  until (exec 3<>"/dev/tcp/$ADDRESS/$port") 2>/dev/null; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.2
  done
}

write_dovecot_config() {
  local dir=$1 cert=$2 key=$3 uid
  uid=$(id -u dovecot)
  mkdir -p "$dir/dovecot/run" "$dir/mail"
  chown dovecot:dovecot "$dir/mail"
  # {PLAIN} keeps the test passwords readable in this throwaway file only.
  cat > "$dir/dovecot/users" <<USERS
alice@padlock.test:{PLAIN}$ALICE_PASSWORD::::::
bob@padlock.test:{PLAIN}$BOB_PASSWORD::::::
USERS
  chmod 640 "$dir/dovecot/users"
  chgrp dovecot "$dir/dovecot/users"
  cat > "$dir/dovecot/dovecot.conf" <<CONF
base_dir = $dir/dovecot/run
instance_name = padlock-test-$(basename "$dir")
state_dir = $dir/dovecot/state
log_path = $dir/logs/dovecot.log
protocols = imap lmtp
listen = $ADDRESS
ssl = required
ssl_cert = <$cert
ssl_key = <$key
ssl_min_protocol = TLSv1.2
disable_plaintext_auth = yes
auth_mechanisms = plain login
first_valid_uid = $uid
mail_uid = dovecot
mail_gid = dovecot
mail_location = maildir:$dir/mail/%u
passdb {
  driver = passwd-file
  args = $dir/dovecot/users
}
userdb {
  driver = static
  args = uid=dovecot gid=dovecot home=$dir/mail/%u
}
namespace inbox {
  inbox = yes
  mailbox Drafts {
    special_use = \\Drafts
    auto = subscribe
  }
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
  mailbox Trash {
    special_use = \\Trash
    auto = subscribe
  }
  mailbox Junk {
    special_use = \\Junk
    auto = subscribe
  }
  mailbox Archive {
    special_use = \\Archive
    auto = subscribe
  }
}
service imap-login {
  inet_listener imap {
    address = $ADDRESS
    port = $IMAP_STARTTLS_PORT
  }
  inet_listener imaps {
    address = $ADDRESS
    port = $IMAPS_PORT
    ssl = yes
  }
}
service lmtp {
  unix_listener lmtp {
    mode = 0666
  }
}
service auth {
  unix_listener auth-postfix {
    mode = 0666
  }
}
service pop3-login {
  inet_listener pop3 {
    port = 0
  }
  inet_listener pop3s {
    port = 0
  }
}
protocol lmtp {
  postmaster_address = postmaster@padlock.test
}
CONF
  mkdir -p "$dir/dovecot/state"
}

write_postfix_config() {
  local dir=$1 cert=$2 key=$3 conf=$1/postfix
  mkdir -p "$conf" "$dir/postfix-queue" "$dir/postfix-data"
  chown postfix "$dir/postfix-data"
  cat > "$conf/main.cf" <<CONF
compatibility_level = 3.6
queue_directory = $dir/postfix-queue
data_directory = $dir/postfix-data
mail_owner = postfix
setgid_group = postdrop
# Every listener in master.cf names 127.0.0.2 itself; Postfix rejects 127.0.0.2 here as no interface's address.
inet_interfaces = loopback-only
inet_protocols = ipv4
myhostname = mail.padlock.test
mydomain = padlock.test
myorigin = padlock.test
mydestination =
mynetworks = 127.0.0.0/8
relayhost =
# Only padlock.test exists; nothing ever leaves this machine.
virtual_mailbox_domains = padlock.test
virtual_mailbox_maps = inline:{ alice@padlock.test=alice, bob@padlock.test=bob }
virtual_transport = lmtp:unix:$dir/dovecot/run/lmtp
default_transport = error:no delivery outside padlock.test in tests
relay_transport = error:no delivery outside padlock.test in tests
smtpd_tls_cert_file = $cert
smtpd_tls_key_file = $key
smtpd_tls_mandatory_protocols = >=TLSv1.2
smtpd_tls_protocols = >=TLSv1.2
smtpd_relay_restrictions = permit_sasl_authenticated, reject_unauth_destination
smtpd_sasl_type = dovecot
smtpd_sasl_path = $dir/dovecot/run/auth-postfix
maillog_file = $dir/logs/postfix.log
maillog_file_prefixes = $dir/logs
alias_maps =
alias_database =
biff = no
CONF
  cat > "$conf/master.cf" <<CONF
$ADDRESS:$SMTP_PORT inet n - n - - smtpd
$ADDRESS:$SUBMISSION_PORT inet n - n - - smtpd
  -o syslog_name=postfix/submission
  -o smtpd_tls_security_level=encrypt
  -o smtpd_tls_auth_only=yes
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_client_restrictions=permit_sasl_authenticated,reject
  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject
$ADDRESS:$SUBMISSIONS_PORT inet n - n - - smtpd
  -o syslog_name=postfix/submissions
  -o smtpd_tls_wrappermode=yes
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_client_restrictions=permit_sasl_authenticated,reject
  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
lmtp      unix  -       -       n       -       -       lmtp
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
CONF
}

start() {
  local dir=$1 cert key
  cert=$(readlink -f "$2")
  key=$(readlink -f "$3")
  require_binaries
  mkdir -p "$dir"
  dir=$(readlink -f "$dir")
  stop "$dir"
  mkdir -p "$dir/logs"
  # The daemons' own users must be able to walk to their files.
  chmod 755 "$dir"
  chmod 644 "$cert"
  chmod 640 "$key"
  chgrp dovecot "$key" 2>/dev/null || true
  write_dovecot_config "$dir" "$cert" "$key"
  write_postfix_config "$dir" "$cert" "$key"

  /usr/sbin/dovecot -c "$dir/dovecot/dovecot.conf" || die "Dovecot did not start: $(tail -n 5 "$dir/logs/dovecot.log" 2>/dev/null)"
  postfix_start "$dir"

  for port in "$IMAP_STARTTLS_PORT" "$IMAPS_PORT" "$SUBMISSION_PORT" "$SUBMISSIONS_PORT" "$SMTP_PORT"; do
    wait_for_port "$port" || die "nothing listens on $ADDRESS:$port after 20 s: $(tail -n 5 "$dir/logs/"*.log 2>/dev/null)"
  done
  echo "mail-servers: running in $dir (IMAP $IMAP_STARTTLS_PORT/$IMAPS_PORT, submission $SUBMISSION_PORT/$SUBMISSIONS_PORT, SMTP $SMTP_PORT)"
}

stop() {
  local dir=$1
  [ -d "$dir" ] || return 0
  if [ -f "$dir/postfix/main.cf" ]; then
    /usr/sbin/postfix -c "$dir/postfix" stop >/dev/null 2>&1 || true
  fi
  if [ -f "$dir/dovecot/run/master.pid" ]; then
    kill "$(cat "$dir/dovecot/run/master.pid")" 2>/dev/null || true
    for _ in $(seq 50); do
      [ -f "$dir/dovecot/run/master.pid" ] && kill -0 "$(cat "$dir/dovecot/run/master.pid" 2>/dev/null)" 2>/dev/null || break
      sleep 0.1
    done
  fi
}

# For outbox tests: take Postfix away and bring it back while Dovecot keeps running.
postfix_stop() { /usr/sbin/postfix -c "$1/postfix" stop >/dev/null 2>&1 || true; }
postfix_start() {
  # Postfix writes its start-up errors to stderr only when that is a terminal: give it one.
  script -qec "/usr/sbin/postfix -c '$1/postfix' start" /dev/null >"$1/logs/postfix-start.log" 2>&1 \
    || die "Postfix did not start: $(tail -n 5 "$1/logs/postfix-start.log")"
  for port in "$SUBMISSION_PORT" "$SUBMISSIONS_PORT" "$SMTP_PORT"; do
    wait_for_port "$port" || die "Postfix does not listen on $ADDRESS:$port"
  done
}

case "${1:-}" in
  kick) doveadm -c "$(readlink -f "$2")/dovecot/dovecot.conf" kick "$3" >/dev/null ;;
  postfix-stop) postfix_stop "$(readlink -f "$2")" ;;
  postfix-start) postfix_start "$(readlink -f "$2")" ;;
  start) [ $# -eq 4 ] || die "usage: $0 start WORKDIR CERT_PEM KEY_PEM"; start "$2" "$3" "$4" ;;
  stop) [ $# -eq 2 ] || die "usage: $0 stop WORKDIR"; stop "$2" ;;
  *) die "usage: $0 start WORKDIR CERT_PEM KEY_PEM | stop WORKDIR | postfix-stop WORKDIR | postfix-start WORKDIR | kick WORKDIR USER" ;;
esac
