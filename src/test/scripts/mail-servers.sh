#!/usr/bin/env bash
# Throwaway Dovecot + Postfix pair for Padlock Mail integration tests.
#
#   mail-servers.sh start WORKDIR CERT_PEM KEY_PEM
#   mail-servers.sh stop  WORKDIR
#   mail-servers.sh postfix-stop|postfix-start WORKDIR   (Dovecot stays up)
#   mail-servers.sh kick WORKDIR USER                    (drop USER's IMAP connections)
#
# Everything (config, sockets, queue, mail, logs) lives under WORKDIR; the
# system instances (/etc/dovecot, /etc/postfix, ports 25/143/993, ...) are
# never configured from, written to or signalled.  See README.md next to this
# script for ports, users and what each port enforces.
#
# Must run as root: both daemons start as root and drop privileges to the
# Debian package users (dovecot, dovenull, postfix); mail is stored as the
# Debian base-passwd user "mail" (uid/gid 8), so no user has to be created.
set -euo pipefail

PROG=${0##*/}
# dovecot/postfix live in /usr/sbin, which is not on every caller's PATH.
PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH
PACKAGES="dovecot-imapd dovecot-lmtpd postfix"

# Only 127.0.0.2: Dovecot treats a connection whose remote IP equals its local
# IP as "secured" and would then allow plaintext LOGIN despite ssl=required.
# Clients connecting to 127.0.0.2 get the source address 127.0.0.1 (the
# kernel's "src" of the 127/8 local route), so they are NOT considered secured.
# start verifies this (LOGINDISABLED in the greeting) and fails otherwise.
LISTEN_IP=127.0.0.2
DOMAIN=padlock.test

IMAP_STARTTLS_PORT=${IMAP_STARTTLS_PORT:-31143}
IMAPS_PORT=${IMAPS_PORT:-31993}
SUBMISSION_PORT=${SUBMISSION_PORT:-31587}
SUBMISSIONS_PORT=${SUBMISSIONS_PORT:-31465}
SMTP_PORT=${SMTP_PORT:-31025}
ALICE_PASSWORD=${ALICE_PASSWORD:-alice-Secret-1}
BOB_PASSWORD=${BOB_PASSWORD:-bob-Secret-2}
# For the benchmark (bench/run.sh): a file of Dovecot settings appended to the
# generated config (e.g. index cache fields), and POSTFIX=no for Dovecot only.
DOVECOT_EXTRA_CONF=${DOVECOT_EXTRA_CONF:-}
POSTFIX=${POSTFIX:-yes}

START_TIMEOUT=20 # seconds to wait for all ports

die() { echo "$PROG: $*" >&2; exit 1; }
usage() {
    cat >&2 <<EOF
usage: $PROG start WORKDIR CERT_PEM KEY_PEM
       $PROG stop WORKDIR
       $PROG postfix-stop WORKDIR | postfix-start WORKDIR
       $PROG kick WORKDIR USER
EOF
    exit 2
}

# --- paths ------------------------------------------------------------------

set_paths() {
    # realpath -m: WORKDIR need not exist yet; all config needs absolute paths.
    W=$(realpath -m -- "$1")
    # Paths end up unquoted in main.cf/dovecot.conf values; keep them simple.
    [[ $W =~ ^/[A-Za-z0-9._/+-]+$ ]] ||
        die "WORKDIR '$W' may only contain A-Z a-z 0-9 . _ / + -"
    # Dovecot's unix sockets live in $W/run; a socket path holds at most 107
    # bytes and the longest Dovecot socket name is ~30 characters.
    ((${#W} <= 70)) ||
        die "WORKDIR '$W' is too long (${#W} > 70 chars) for unix socket paths; use a shorter one"
    DOVECOT_CONF=$W/etc/dovecot/dovecot.conf
    DOVECOT_USERS=$W/etc/dovecot/users
    POSTFIX_CONF=$W/etc/postfix
    RUN=$W/run # Dovecot base_dir, also holds the auth/LMTP sockets for Postfix
    LOGS=$W/logs
}

# --- stop -------------------------------------------------------------------

# Both daemons are identified from their pid files *and* verified via /proc,
# so a stale pid file can never make us signal an unrelated process or
# another instance (the system one or another WORKDIR's).

# Dovecot master started with our config file.
our_dovecot_pid() {
    local pid cmdline
    [[ -r $RUN/master.pid ]] || return 1
    pid=$(head -n1 "$RUN/master.pid")
    [[ $pid =~ ^[0-9]+$ && -r /proc/$pid/cmdline ]] || return 1
    cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline")
    [[ $cmdline == *dovecot*"-c $DOVECOT_CONF "* ]] || return 1
    echo "$pid"
}

# Postfix master whose working directory is our queue directory (the master
# chdirs there; its pid file is queue/pid/master.pid, space-padded).
our_postfix_pid() {
    local pid
    [[ -r $W/postfix/queue/pid/master.pid ]] || return 1
    pid=$(tr -d ' \n' <"$W/postfix/queue/pid/master.pid")
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    [[ $(readlink "/proc/$pid/exe" 2>/dev/null) == */postfix/sbin/master ]] || return 1
    [[ $(readlink "/proc/$pid/cwd" 2>/dev/null) == "$W/postfix/queue" ]] || return 1
    echo "$pid"
}

# True while $1 exists and is not a zombie (an exited daemon stays a zombie
# until init reaps it, which some container inits do only every few seconds).
alive() {
    local state
    state=$(awk '/^State:/ { print $2 }' "/proc/$1/status" 2>/dev/null) || return 1
    [[ -n $state && $state != Z ]]
}

# SIGTERM the given masters (each stops its own children first), wait until
# they are gone, polling every 0.1 s (postfix-script's "stop" sleeps 1 s per
# check), and SIGKILL the process group of any that lingers after 10 s.
terminate() {
    local pid i running
    (($#)) || return 0
    kill -TERM "$@" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do # normally ~1 s (Dovecot waits for children)
        running=0
        for pid; do if alive "$pid"; then running=1; fi; done
        ((running)) || return 0
        sleep 0.1
    done
    for pid; do # both masters lead their own process group (setsid)
        if alive "$pid"; then
            echo "$PROG: pid $pid did not stop within 10 s, killing its process group" >&2
            kill -KILL -- "-$pid" 2>/dev/null || true
        fi
    done
}

# Equivalent of "postfix -c DIR stop" plus "doveadm -c CONF stop", in parallel.
do_stop() {
    local pids=() pid
    if pid=$(our_postfix_pid); then pids+=("$pid"); fi
    if pid=$(our_dovecot_pid); then pids+=("$pid"); fi
    terminate "${pids[@]}"
}

# --- config writers ---------------------------------------------------------

write_dovecot_conf() {
    local uid=$1 gid=$2 user pw hash
    # passwd-file: user:{SCHEME}hash:uid:gid:gecos:home:shell:extra.  Hashing
    # (SHA512-CRYPT) also makes passwords containing ':' harmless.
    : >"$DOVECOT_USERS"
    for user in alice bob; do
        if [[ $user == alice ]]; then pw=$ALICE_PASSWORD; else pw=$BOB_PASSWORD; fi
        hash=$(printf '%s\n' "$pw" | openssl passwd -6 -stdin)
        printf '%s@%s:{SHA512-CRYPT}%s::::::\n' "$user" "$DOMAIN" "$hash" >>"$DOVECOT_USERS"
    done
    chown root:dovecot "$DOVECOT_USERS"
    chmod 0640 "$DOVECOT_USERS" # read by the auth process (user dovecot)

    # A complete config: nothing from /etc/dovecot is included.
    cat >"$DOVECOT_CONF" <<EOF
# Generated by $PROG - throwaway test instance, rewritten on every start.
instance_name = padlock-test-$(printf '%s' "$W" | md5sum | cut -c1-8)
base_dir = $RUN
state_dir = $W/state/dovecot
protocols = imap lmtp
listen = $LISTEN_IP
log_path = $LOGS/dovecot.log
auth_verbose = yes
login_greeting = Padlock test IMAP ready.

default_internal_user = dovecot
default_login_user = dovenull

ssl = required
ssl_cert = <$W/tls/cert.pem
ssl_key = <$W/tls/key.pem
ssl_min_protocol = TLSv1.2
ssl_prefer_server_ciphers = yes
# ssl=required implies this; explicit because it is what the tests rely on.
disable_plaintext_auth = yes
# No network may skip TLS.
login_trusted_networks =

auth_mechanisms = plain login
# Login name is the full address, case-insensitive.
auth_username_format = %Lu
# Tests exercise wrong passwords; don't make them slow.  The auth penalty
# (growing delay per failing IP, up to 15 s) is disabled via anvil below.
auth_failure_delay = 0

passdb {
  driver = passwd-file
  args = scheme=SHA512-CRYPT $DOVECOT_USERS
}
userdb {
  driver = passwd-file
  args = $DOVECOT_USERS
  default_fields = uid=$uid gid=$gid home=$W/mail/%d/%n
}

# Mail belongs to the system user "mail" (uid $uid), below the default 500.
first_valid_uid = $uid
last_valid_uid = $uid
first_valid_gid = $gid
last_valid_gid = $gid
mail_location = maildir:~/Maildir
# Throwaway data: skip fsync for speed.
mail_fsync = never

namespace inbox {
  inbox = yes
  separator = /
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
    port = $IMAP_STARTTLS_PORT
  }
  inet_listener imaps {
    port = $IMAPS_PORT
    ssl = yes
  }
}

# Sockets for Postfix (relative paths are relative to base_dir).
service lmtp {
  unix_listener postfix-lmtp {
    mode = 0600
    user = postfix
    group = postfix
  }
}
service auth {
  unix_listener postfix-auth {
    mode = 0600
    user = postfix
    group = postfix
  }
}
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}

protocol imap {
  # Tests open many parallel connections from 127.0.0.1 (default 10).
  mail_max_userip_connections = 100
  # COMPRESS=DEFLATE (RFC 4978), which folder sync uses when offered.
  mail_plugins = \$mail_plugins imap_zlib
}
protocol lmtp {
  postmaster_address = postmaster@$DOMAIN
}
EOF
}

write_postfix_conf() {
    # Complete main.cf: no value is inherited from /etc/postfix/main.cf.
    cat >"$POSTFIX_CONF/main.cf" <<EOF
# Generated by $PROG - throwaway test instance, rewritten on every start.
compatibility_level = 3.6
queue_directory = $W/postfix/queue
data_directory = $W/postfix/data
# Read-only use of the package's postfix-files / dynamicmaps.cf.
meta_directory = /etc/postfix
mail_owner = postfix
setgid_group = postdrop
syslog_name = padlock-test-postfix
maillog_file = $LOGS/postfix.log
maillog_file_prefixes = $LOGS

myhostname = mail.$DOMAIN
mydomain = $DOMAIN
myorigin = $DOMAIN
# Postfix refuses inet_interfaces = 127.0.0.2 ("no local interface found":
# only 127.0.0.1/8 is configured on lo).  Every listener in master.cf names
# $LISTEN_IP explicitly, so this only affects (unused) outgoing connections.
inet_interfaces = loopback-only
inet_protocols = ipv4
# Not used by any restriction below; set so no default 127/8 trust exists.
mynetworks = $LISTEN_IP/32
smtpd_banner = \$myhostname ESMTP Padlock test
biff = no
append_dot_mydomain = no
smtpd_peername_lookup = no
smtpd_error_sleep_time = 0
message_size_limit = 52428800

# Only $DOMAIN exists; it is delivered to Dovecot via LMTP.  Nothing is ever
# relayed or delivered anywhere else: no smtp service in master.cf, every
# other transport is "error", and foreign recipients are rejected at RCPT.
mydestination =
relay_domains =
relayhost =
alias_maps =
alias_database =
local_recipient_maps =
virtual_alias_maps =
local_transport = error:local delivery is disabled
default_transport = error:no outbound mail from the test instance
relay_transport = error:no outbound mail from the test instance
virtual_mailbox_domains = $DOMAIN
virtual_mailbox_maps = inline:{ alice@$DOMAIN=ok, bob@$DOMAIN=ok }
virtual_transport = lmtp:unix:$RUN/postfix-lmtp
notify_classes =
# If Dovecot was briefly unavailable, retry soon.
queue_run_delay = 5s
minimal_backoff_time = 5s
maximal_backoff_time = 30s

smtpd_relay_restrictions = reject_unauth_destination
smtpd_sender_login_maps = inline:{ alice@$DOMAIN=alice@$DOMAIN, bob@$DOMAIN=bob@$DOMAIN }

# TLS: the server certificate; per-port security levels are in master.cf.
smtpd_tls_cert_file = $W/tls/cert.pem
smtpd_tls_key_file = $W/tls/key.pem
smtpd_tls_security_level = none
smtpd_tls_protocols = >=TLSv1.2
smtpd_tls_mandatory_protocols = >=TLSv1.2
smtpd_tls_loglevel = 1
smtpd_tls_received_header = yes

# SASL through Dovecot's auth socket; enabled per port in master.cf.
smtpd_sasl_type = dovecot
smtpd_sasl_path = $RUN/postfix-auth
smtpd_sasl_auth_enable = no
smtpd_sasl_security_options = noanonymous
smtpd_sasl_tls_security_options = noanonymous
EOF

    # Submission ports: TLS mandatory (STARTTLS resp. implicit), AUTH only
    # after TLS, mail only from authenticated clients using their own address.
    local sub_opts
    sub_opts="  -o smtpd_tls_security_level=encrypt
  -o smtpd_tls_auth_only=yes
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_client_restrictions=permit_sasl_authenticated,reject
  -o smtpd_sender_restrictions=reject_sender_login_mismatch"

    # chroot column is "n" everywhere: the throwaway instance runs unchrooted.
    cat >"$POSTFIX_CONF/master.cf" <<EOF
# Generated by $PROG - throwaway test instance.
# service type  private unpriv  chroot  wakeup  maxproc command + args
$LISTEN_IP:$SMTP_PORT inet n - n - - smtpd
  -o syslog_name=padlock-test-postfix/inject
$LISTEN_IP:$SUBMISSION_PORT inet n - n - - smtpd
  -o syslog_name=padlock-test-postfix/submission
$sub_opts
$LISTEN_IP:$SUBMISSIONS_PORT inet n - n - - smtpd
  -o syslog_name=padlock-test-postfix/submissions
  -o smtpd_tls_wrappermode=yes
$sub_opts
pickup     unix  n       -       n       60      1       pickup
cleanup    unix  n       -       n       -       0       cleanup
qmgr       unix  n       -       n       300     1       qmgr
tlsmgr     unix  -       -       n       1000?   1       tlsmgr
rewrite    unix  -       -       n       -       -       trivial-rewrite
bounce     unix  -       -       n       -       0       bounce
defer      unix  -       -       n       -       0       bounce
trace      unix  -       -       n       -       0       bounce
verify     unix  -       -       n       -       1       verify
flush      unix  n       -       n       1000?   0       flush
proxymap   unix  -       -       n       -       -       proxymap
proxywrite unix  -       -       n       -       1       proxymap
showq      unix  n       -       n       -       -       showq
error      unix  -       -       n       -       -       error
retry      unix  -       -       n       -       -       error
discard    unix  -       -       n       -       -       discard
lmtp       unix  -       -       n       -       -       lmtp
anvil      unix  -       -       n       -       1       anvil
scache     unix  -       -       n       -       1       scache
postlog    unix-dgram n  -       n       -       1       postlogd
EOF
}

# --- readiness checks -------------------------------------------------------

# A TLS handshake succeeds (no certificate verification: only proves the
# server's TLS setup works).  Optional $2: STARTTLS protocol (imap, smtp).
tls_ok() {
    timeout 5 openssl s_client -brief -connect "$LISTEN_IP:$1" ${2:+-starttls "$2"} \
        </dev/null >/dev/null 2>&1
}

port_open() { # port
    timeout 1 bash -c "exec 3<>/dev/tcp/$LISTEN_IP/$1" 2>/dev/null
}

# Reads the IMAP greeting on the STARTTLS port.  LOGINDISABLED proves Dovecot
# does not consider our (default-source) connection secured, i.e. plaintext
# LOGIN is refused before STARTTLS.
check_imap_logindisabled() {
    local greeting
    greeting=$(timeout 3 bash -c "exec 3<>/dev/tcp/$LISTEN_IP/$IMAP_STARTTLS_PORT
        IFS= read -r line <&3; printf '%s' \"\$line\"; printf 'a LOGOUT\r\n' >&3" 2>/dev/null) || true
    [[ $greeting == *STARTTLS* && $greeting == *LOGINDISABLED* ]] && return 0
    echo "$PROG: IMAP port $IMAP_STARTTLS_PORT would allow plaintext login; greeting: $greeting" >&2
    echo "$PROG: (is the client source address equal to $LISTEN_IP? see 'ip route get $LISTEN_IP')" >&2
    return 1
}

# EHLO on the submission port before STARTTLS must not offer AUTH.
check_submission_no_auth() {
    local ehlo
    ehlo=$(timeout 3 bash -c "exec 3<>/dev/tcp/$LISTEN_IP/$SUBMISSION_PORT
        IFS= read -r line <&3
        printf 'EHLO selfcheck\r\n' >&3
        while IFS= read -r line <&3; do
            printf '%s\n' \"\$line\"; [[ \$line == 250\\ * ]] && break
        done
        printf 'QUIT\r\n' >&3" 2>/dev/null) || true
    [[ $ehlo == *STARTTLS* && $ehlo != *AUTH* ]] && return 0
    echo "$PROG: submission port $SUBMISSION_PORT offers AUTH before STARTTLS or no STARTTLS: $ehlo" >&2
    return 1
}

# Set by the caller before anything can fail: whether a failure should also
# stop the servers of this WORKDIR (yes for "start", not for "postfix-start").
STOP_ON_FAILURE=yes

fail_with_logs() {
    echo "$PROG: $*" >&2
    local f
    for f in "$LOGS"/dovecot-start.log "$LOGS"/dovecot.log "$LOGS"/postfix-start.log "$LOGS"/postfix.log; do
        [[ -s $f ]] || continue
        echo "---- last lines of $f" >&2
        tail -n 10 "$f" >&2
    done
    if [[ $STOP_ON_FAILURE == yes ]]; then do_stop; fi
    exit 1
}

# Waits (bounded) until every given port accepts TCP connections.
wait_for_ports() {
    local deadline pending port
    deadline=$((SECONDS + START_TIMEOUT))
    while :; do
        pending=()
        for port; do port_open "$port" || pending+=("$port"); done
        ((${#pending[@]} == 0)) && return 0
        ((SECONDS < deadline)) ||
            fail_with_logs "not accepting connections after ${START_TIMEOUT}s: $LISTEN_IP port ${pending[*]}"
        sleep 0.1
    done
}

# TLS handshakes in parallel (~0.1 s each); arguments are "port[:starttls-protocol]".
check_tls() {
    local -A handshakes=()
    local spec proto
    for spec; do
        proto=
        if [[ $spec == *:* ]]; then proto=${spec#*:}; fi
        tls_ok "${spec%%:*}" "$proto" &
        handshakes[$spec]=$!
    done
    for spec in "${!handshakes[@]}"; do
        wait "${handshakes[$spec]}" || fail_with_logs "TLS handshake on $LISTEN_IP:${spec%%:*} failed"
    done
}

# As root, "postfix -c DIR" works without listing DIR in the default main.cf's
# alternate_config_directories (only set-gid commands such as postdrop and
# postqueue run by non-root users check that), and without any main.cf in
# /etc/postfix at all.  postfix(1) prints early fatal errors (bad main.cf)
# only to syslog and, if stderr is a terminal, to stderr: script(1) provides a
# terminal so they land in our log (there may be no syslog, e.g. containers).
start_postfix() {
    script -qec "postfix -c '$POSTFIX_CONF' start" /dev/null </dev/null >>"$LOGS/postfix-start.log" 2>&1 ||
        fail_with_logs "postfix failed to start"
    wait_for_ports "$SUBMISSION_PORT" "$SUBMISSIONS_PORT" "$SMTP_PORT"
    check_submission_no_auth || fail_with_logs "submission port does not enforce STARTTLS before AUTH"
    check_tls "$SUBMISSION_PORT:smtp" "$SUBMISSIONS_PORT"
}

# The ports of a running WORKDIR, for the subcommands after "start".
save_ports() {
    cat >"$W/etc/ports.env" <<EOF
IMAP_STARTTLS_PORT=$IMAP_STARTTLS_PORT
IMAPS_PORT=$IMAPS_PORT
SUBMISSION_PORT=$SUBMISSION_PORT
SUBMISSIONS_PORT=$SUBMISSIONS_PORT
SMTP_PORT=$SMTP_PORT
EOF
}
load_ports() {
    [[ -f $W/etc/ports.env ]] || die "no servers were started in $W (run '$PROG start' first)"
    # shellcheck source=/dev/null
    source "$W/etc/ports.env"
}

# --- start ------------------------------------------------------------------

do_start() {
    local cert=$1 key=$2 t0 missing=() bin port u f
    t0=${EPOCHREALTIME/[.,]/} # microseconds

    [[ $(id -u) == 0 ]] || die "must run as root (the daemons drop privileges themselves)"
    for bin in dovecot doveadm postfix postconf openssl; do
        command -v "$bin" >/dev/null || missing+=("$bin")
    done
    for bin in imap imap-login lmtp; do
        [[ -x /usr/lib/dovecot/$bin ]] || missing+=("/usr/lib/dovecot/$bin")
    done
    ((${#missing[@]} == 0)) ||
        die "missing ${missing[*]}; install with: apt-get install -y $PACKAGES"
    local mail_uid mail_gid
    if ! mail_uid=$(id -u mail 2>/dev/null) || ! mail_gid=$(id -g mail 2>/dev/null); then
        die "system user 'mail' not found (Debian base-passwd should provide it)"
    fi
    for u in dovecot dovenull postfix; do
        id "$u" >/dev/null 2>&1 || die "system user '$u' missing; reinstall: apt-get install -y $PACKAGES"
    done
    [[ -r $cert ]] || die "certificate chain '$cert' not readable"
    [[ -r $key ]] || die "private key '$key' not readable"
    # Both daemons would start with a mismatching key and fail only at the
    # first handshake; say so clearly up front.
    local cert_pub key_pub
    cert_pub=$(openssl x509 -in "$cert" -noout -pubkey 2>/dev/null) ||
        die "'$cert' does not start with a PEM certificate"
    key_pub=$(openssl pkey -in "$key" -pubout 2>/dev/null) ||
        die "'$key' is not a readable unencrypted PEM private key"
    [[ $cert_pub == "$key_pub" ]] ||
        die "'$key' is not the private key of the first certificate in '$cert'"
    for port in "$IMAP_STARTTLS_PORT" "$IMAPS_PORT" "$SUBMISSION_PORT" "$SUBMISSIONS_PORT" "$SMTP_PORT"; do
        if ! [[ $port =~ ^[0-9]+$ ]] || ((port < 1 || port > 65535)); then die "invalid port '$port'"; fi
    done

    local all_ports="$IMAP_STARTTLS_PORT $IMAPS_PORT $SUBMISSION_PORT $SUBMISSIONS_PORT $SMTP_PORT"
    [[ $(tr ' ' '\n' <<<"$all_ports" | sort -u | wc -l) == 5 ]] || die "ports must be distinct: $all_ports"

    # An instance from an earlier start on this WORKDIR is stopped first.
    mkdir -p "$LOGS"
    do_stop
    # Fresh logs per start (the previous run's are kept as *.prev), so the
    # tails shown on failure belong to this start.
    for f in "$LOGS"/*.log; do
        if [[ -f $f ]]; then mv -f "$f" "$f.prev"; fi
    done

    for port in "$IMAP_STARTTLS_PORT" "$IMAPS_PORT" "$SUBMISSION_PORT" "$SUBMISSIONS_PORT" "$SMTP_PORT"; do
        ! port_open "$port" || die "$LISTEN_IP:$port is already in use by another process"
    done

    # Config and runtime dirs are rebuilt each time; mail and the Postfix
    # queue are kept, so a restart does not lose delivered messages.
    rm -rf "${W:?}/etc" "${W:?}/tls" "${RUN:?}"
    mkdir -p "$W/etc/dovecot" "$POSTFIX_CONF" "$W/tls" "$W/state/dovecot" \
        "$W/postfix/queue" "$W/postfix/data" "$W/mail"
    # Dovecot's auth (user dovecot) and mail (user mail) processes and
    # Postfix (user postfix) must traverse WORKDIR; JUnit/mktemp create 0700.
    chmod 0755 "$W" "$W/etc" "$W/etc/dovecot" "$W/postfix" "$W/postfix/queue"
    chmod 0700 "$W/tls"
    chown postfix "$W/postfix/data"
    chmod 0700 "$W/postfix/data"
    chown "$mail_uid:$mail_gid" "$W/mail"
    chmod 0700 "$W/mail"
    setpriv --reuid="$mail_uid" --regid="$mail_gid" --clear-groups test -w "$W/mail" ||
        die "user 'mail' cannot reach $W/mail; make all parent directories of WORKDIR world-searchable (o+x)"

    # Own copies: root-only key, independent of the caller's files.
    install -m 0644 "$cert" "$W/tls/cert.pem"
    install -m 0600 "$key" "$W/tls/key.pem"

    write_dovecot_conf "$mail_uid" "$mail_gid"
    if [[ -n $DOVECOT_EXTRA_CONF ]]; then
        { echo "# From DOVECOT_EXTRA_CONF=$DOVECOT_EXTRA_CONF"; cat -- "$DOVECOT_EXTRA_CONF"; } >>"$DOVECOT_CONF" ||
            die "cannot read DOVECOT_EXTRA_CONF '$DOVECOT_EXTRA_CONF'"
    fi
    write_postfix_conf
    # Postfix re-reads a main.cf/master.cf modified in the last ~2 s until it
    # stops changing (guard against half-written files); back-dating them
    # saves those seconds on every start.
    touch -d '-10 seconds' "$POSTFIX_CONF/main.cf" "$POSTFIX_CONF/master.cf"

    # Dovecot first, so LMTP and SASL are there when Postfix accepts mail.
    # Daemons get /dev/null + log files as stdio, so a caller reading this
    # script's output (e.g. Java ProcessBuilder) sees EOF when we exit.
    dovecot -c "$DOVECOT_CONF" </dev/null >>"$LOGS/dovecot-start.log" 2>&1 ||
        fail_with_logs "dovecot failed to start"
    wait_for_ports "$IMAP_STARTTLS_PORT" "$IMAPS_PORT"
    check_imap_logindisabled || fail_with_logs "plaintext IMAP login is not refused"
    check_tls "$IMAP_STARTTLS_PORT:imap" "$IMAPS_PORT"
    if [[ $POSTFIX != no ]]; then start_postfix; fi
    save_ports

    local ms=$(((${EPOCHREALTIME/[.,]/} - t0) / 1000))
    printf '%s: up in %d.%03ds on %s: imap+starttls %s, imaps %s, submission %s, submissions %s, smtp %s; logs in %s\n' \
        "$PROG" $((ms / 1000)) $((ms % 1000)) "$LISTEN_IP" \
        "$IMAP_STARTTLS_PORT" "$IMAPS_PORT" "$SUBMISSION_PORT" "$SUBMISSIONS_PORT" "$SMTP_PORT" "$LOGS"
}

# --- main -------------------------------------------------------------------

case ${1:-} in
start)
    (($# == 4)) || usage
    set_paths "$2"
    do_start "$3" "$4"
    ;;
stop) # idempotent: nothing running (or no WORKDIR at all) is success
    (($# == 2)) || usage
    set_paths "$2"
    [[ -d $W ]] || exit 0
    do_stop
    ;;
# For tests of a vanishing/returning submission server: Postfix only, Dovecot
# keeps running.  Both are idempotent.
postfix-stop)
    (($# == 2)) || usage
    set_paths "$2"
    if pid=$(our_postfix_pid); then terminate "$pid"; fi
    ;;
postfix-start)
    (($# == 2)) || usage
    set_paths "$2"
    load_ports
    STOP_ON_FAILURE=no
    our_postfix_pid >/dev/null || start_postfix
    ;;
# Drops every IMAP connection of USER (as a network loss would); no
# connection to drop is not an error.
kick)
    (($# == 3)) || usage
    set_paths "$2"
    load_ports
    our_dovecot_pid >/dev/null || die "dovecot of $W is not running"
    rc=0
    doveadm -c "$DOVECOT_CONF" kick "$3" >/dev/null || rc=$?
    ((rc == 0 || rc == 68)) || die "doveadm kick $3 failed (exit $rc)" # 68: nobody was connected
    ;;
*) usage ;;
esac
