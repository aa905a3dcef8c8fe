#!/usr/bin/env bash
# The benchmark of issue 5: a 100,000-message INBOX on a throwaway Dovecot, opened by Padlock Mail, by a
# minimal raw IMAP client (the floor) and by neomutt, side by side on this machine. See bench/README.md.
#
#   bench/run.sh            seed once (cached), then measure and print the table
#   bench/run.sh --reseed   throw the cached mailbox away and seed it again first
#   bench/run.sh --stop     stop the bench Dovecot and exit
#
# Environment: BENCH_WORKDIR (default /var/tmp/padlock-bench, at most 50 characters, kept between runs:
# the seeded mailbox lives there), BENCH_RUNS (measured runs per column, default 5), BENCH_MESSAGES
# (default 100000), BENCH_COLUMNS (default "floor neomutt padlock": which to measure; the others show as
# "not measured in this run"), BENCH_PADLOCK_COLD_RUNS (Padlock's cold syncs, default BENCH_RUNS).
# Must run as root (Dovecot drops privileges itself).
set -euo pipefail
export LC_ALL=C.UTF-8 PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$BENCH")
W=${BENCH_WORKDIR:-/var/tmp/padlock-bench}
RUNS=${BENCH_RUNS:-5}
COUNT=${BENCH_MESSAGES:-100000}
COLUMNS=${BENCH_COLUMNS:-floor neomutt padlock}
COLD_RUNS=${BENCH_PADLOCK_COLD_RUNS:-$RUNS} # Padlock's cold syncs (each builds the cache anew)
NEW_MESSAGES=500
FLAG_CHANGES=1000

# Own ports, away from the test servers' 31xxx; only IMAPS is used.
export IMAPS_PORT=33993 IMAP_STARTTLS_PORT=33143 SUBMISSION_PORT=33587 SUBMISSIONS_PORT=33465 SMTP_PORT=33025
export POSTFIX=no ALICE_PASSWORD=alice-Bench-1
HOST=127.0.0.2
USER_NAME=alice@padlock.test

SERVERS=$REPO/src/test/scripts/mail-servers.sh
SRV=$W/server                        # mail-servers.sh WORKDIR
MAILDIR=$SRV/mail/padlock.test/alice/Maildir
SEED=$W/seed                         # the pristine mailbox, Dovecot index included
CONF=$SRV/etc/dovecot/dovecot.conf
LOG=$SRV/logs/dovecot.log
CA=$W/tls/ca.pem
OUT=$W/out                           # this run's raw numbers and logs

say() { printf '\n== %s\n' "$*"; }
die() { echo "bench: $*" >&2; exit 1; }
now_ms() { echo $((${EPOCHREALTIME/[.,]/} / 1000)); }
doveadm_() { doveadm -c "$CONF" "$@"; }

median() { # numbers on stdin -> their median (the lower middle for an even count)
    sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)]; else print "" }'
}

# --- setup ------------------------------------------------------------------

preflight() {
    [[ $(id -u) == 0 ]] || die "must run as root (Dovecot starts as root and drops privileges)"
    ((${#W} <= 50)) || die "BENCH_WORKDIR '$W' is too long (at most 50 characters: Dovecot socket paths)"
    local missing=() bin
    for bin in dovecot doveadm neomutt script openssl java setpriv; do
        command -v "$bin" >/dev/null || missing+=("$bin")
    done
    [[ -x /usr/bin/time ]] || missing+=(/usr/bin/time)
    ((${#missing[@]} == 0)) ||
        die "missing ${missing[*]}; install with: apt-get install -y dovecot-imapd neomutt time bsdutils openssl openjdk-17-jdk-headless"
    mkdir -p "$W" "$OUT"
    chmod 0755 "$W"
}

# A CA of our own and a certificate for 127.0.0.2 (EC P-256, within Padlock's TLS policy). Made once.
make_tls() {
    [[ -s $CA && -s $W/tls/server.pem ]] && return 0
    mkdir -p "$W/tls"
    (
        cd "$W/tls"
        openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 -sha256 \
            -subj "/CN=Padlock Bench CA" -keyout ca-key.pem -out ca.pem \
            -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
        openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$HOST" \
            -keyout server-key.pem -out server.csr 2>/dev/null
        printf 'subjectAltName=IP:%s,DNS:localhost\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n' "$HOST" >ext.cnf
        openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 3650 -sha256 \
            -extfile ext.cnf -out server.pem 2>/dev/null
        chmod 0600 ca-key.pem server-key.pem
    )
}

# Settings appended to the test servers' Dovecot config: the index cache keeps what ENVELOPE needs and
# the header fields neomutt and Padlock ask for (References, Content-Type ...), as it would on a server
# whose clients list the folder every day, so `doveadm index` leaves it warm for every client alike.
write_dovecot_extra() {
    cat >"$W/dovecot-bench.conf" <<'EOF'
mail_always_cache_fields = flags date.received size.virtual hdr.date hdr.subject hdr.from hdr.sender hdr.reply-to hdr.to hdr.cc hdr.bcc hdr.in-reply-to hdr.message-id hdr.references hdr.content-type hdr.content-description hdr.lines hdr.list-post hdr.list-subscribe hdr.list-unsubscribe hdr.x-label hdr.x-original-to
protocol imap {
  mail_max_userip_connections = 20
}
EOF
}

start_server() {
    DOVECOT_EXTRA_CONF=$W/dovecot-bench.conf "$SERVERS" start "$SRV" "$W/tls/server.pem" "$W/tls/server-key.pem" >"$OUT/server-start.log"
}
stop_server() { "$SERVERS" stop "$SRV"; }

# Copies a maildir: message files hard-linked (maildir never rewrites them, only renames and unlinks),
# everything else (Dovecot's index, uidlist) copied, since Dovecot writes those in place.
copy_mailbox() { # from to
    rm -rf "$2"
    mkdir -p "$2"
    local f
    for f in "$1"/* "$1"/.[!.]*; do
        [[ -e $f ]] || continue
        if [[ ${f##*/} == cur ]]; then cp -al "$f" "$2/"; else cp -a "$f" "$2/"; fi
    done
    chown mail:mail "$2" "$(dirname "$2")"
}

# Puts a maildir back as it was in the copy, touching only what differs: a run renames at most a few
# thousand message files (flags) and adds a few hundred, so this is much faster than removing and
# linking 100,000 files again (minutes on a busy disk). Names are unique per message and flags.
restore_mailbox() { # from to
    [[ -d $2/cur ]] || { copy_mailbox "$1" "$2"; return; }
    local f
    (cd "$1/cur" && ls -f | grep -v '^\.\.\?$' | sort) >"$OUT/seed-cur.txt"
    (cd "$2/cur" && ls -f | grep -v '^\.\.\?$' | sort) >"$OUT/live-cur.txt"
    comm -13 "$OUT/seed-cur.txt" "$OUT/live-cur.txt" | (cd "$2/cur" && xargs -d '\n' -r rm -f --)
    comm -23 "$OUT/seed-cur.txt" "$OUT/live-cur.txt" | (cd "$1/cur" && xargs -d '\n' -r ln -t "$2/cur" --)
    for f in "$2"/* "$2"/.[!.]*; do
        if [[ -e $f && ${f##*/} != cur ]]; then rm -rf "$f"; fi
    done
    for f in "$1"/* "$1"/.[!.]*; do
        if [[ -e $f && ${f##*/} != cur ]]; then cp -a "$f" "$2/"; fi
    done
    echo "  restored: $(comm -13 "$OUT/seed-cur.txt" "$OUT/live-cur.txt" | wc -l) files removed, $(comm -23 "$OUT/seed-cur.txt" "$OUT/live-cur.txt" | wc -l) linked again"
}

seed_fingerprint() { echo "$COUNT $(cat "$BENCH/Seed.java" "$W/dovecot-bench.conf" | sha256sum | cut -c1-16)"; }

# Seeds the maildir (deterministic) and lets Dovecot index it, once; later runs restore the copy.
seed() {
    if [[ ${RESEED:-no} == no && -f $SEED/complete && $(cat "$SEED/complete") == "$(seed_fingerprint)" ]]; then
        return 0
    fi
    say "Seeding $COUNT messages (once; cached in $SEED)"
    local t0 t1
    t0=$(now_ms)
    stop_server
    rm -rf "$SEED" "$SRV/mail/padlock.test/alice"
    mkdir -p "$MAILDIR"
    java "$BENCH/Seed.java" maildir "$MAILDIR" "$COUNT"
    chown -R mail:mail "$SRV/mail/padlock.test"
    t1=$(now_ms)
    start_server
    doveadm_ index -u "$USER_NAME" INBOX
    local t2
    t2=$(now_ms)
    doveadm_ mailbox status -u "$USER_NAME" 'messages unseen uidvalidity uidnext' INBOX
    stop_server
    copy_mailbox "$MAILDIR" "$SEED/Maildir"
    seed_fingerprint >"$SEED/complete"
    printf 'seeding: maildir written in %d.%03d s, Dovecot index in %d.%03d s, total %d s\n' \
        $(((t1 - t0) / 1000)) $(((t1 - t0) % 1000)) $(((t2 - t1) / 1000)) $(((t2 - t1) % 1000)) $((($(now_ms) - t0) / 1000)) |
        tee "$OUT/seed-time.txt"
}

# Every run starts from the seeded mailbox with its warm index (a previous run changed flags and added mail).
restore() {
    say "Restoring the seeded mailbox and starting Dovecot on $HOST:$IMAPS_PORT"
    stop_server
    restore_mailbox "$SEED/Maildir" "$MAILDIR"
    start_server
    doveadm_ index -u "$USER_NAME" INBOX # notices the relinked cur/ once, before anything is timed
}

# --- wire bytes, as Dovecot counts them -------------------------------------

log_mark() { stat -c %s "$LOG"; }
# Sum of in= (client to server) and out= (server to client) IMAP bytes of the sessions that ended since
# the mark (Dovecot logs them at logout or disconnect; TLS records not included).
wire_bytes_since() {
    sleep 0.3
    tail -c +$(($1 + 1)) "$LOG" | grep -o ' in=[0-9]* out=[0-9]*' |
        awk '{ sub("in=", "", $1); sub("out=", "", $2); n += $1 + $2 } END { print n + 0 }'
}

# --- the floor --------------------------------------------------------------

floor_once() { java "$BENCH/RawFloor.java" "$HOST" "$IMAPS_PORT" "$CA" "$USER_NAME" ALICE_PASSWORD; }

run_floor() {
    say "Floor: raw UID FETCH 1:* (UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE), 1 warm-up + $RUNS runs"
    local i line mark
    : >"$OUT/floor.txt"
    for ((i = 0; i <= RUNS; i++)); do
        mark=$(log_mark)
        line=$(floor_once)
        line="$line dovecot_bytes=$(wire_bytes_since "$mark")"
        echo "  $( ((i == 0)) && echo warm-up || echo "run $i"): $line"
        ((i == 0)) || echo "$line" >>"$OUT/floor.txt"
    done
    FLOOR_MS=$(grep -o ' ms=[0-9]*' "$OUT/floor.txt" | cut -d= -f2 | median)
    FLOOR_BYTES=$(grep -o 'dovecot_bytes=[0-9]*' "$OUT/floor.txt" | cut -d= -f2 | median)
    [[ $(grep -o 'messages=[0-9]*' "$OUT/floor.txt" | tail -1) == "messages=$COUNT" ]] ||
        die "the floor did not see $COUNT messages: $(tail -1 "$OUT/floor.txt")"
}

# --- neomutt ----------------------------------------------------------------

# neomutt opens the folder given by -f, and only then reads keys: "push <quit>" in the muttrc sits in the
# input buffer until the index is shown, so neomutt quits as soon as the folder is loaded (headers
# fetched or read from the cache, sorted, threaded). script(1) gives it the terminal it needs;
# /usr/bin/time inside it measures neomutt alone: wall time and peak RSS. -R opens the folder read-only
# (EXAMINE) and mark_old=no, so quitting changes nothing on the server.
write_muttrc() { # file, cache: none|hcache
    cat >"$1" <<EOF
set imap_user="$USER_NAME"
set imap_pass="$ALICE_PASSWORD"
set ssl_force_tls=yes
set ssl_ca_certificates_file="$CA"
set certificate_file="$W/neomutt/certificates"
set folder="imaps://$HOST:$IMAPS_PORT/"
set spoolfile="imaps://$HOST:$IMAPS_PORT/INBOX"
set move=no
set mark_old=no
set quit=yes
set beep=no
set sleep_time=0
set mail_check_stats=no
set imap_check_subscribed=no
set sort=threads
set sort_aux=last-date-received
EOF
    if [[ $2 == hcache ]]; then
        cat >>"$1" <<EOF
set header_cache="$W/neomutt/hcache/"
set imap_condstore=yes
set imap_qresync=yes
EOF
    else
        echo 'unset header_cache' >>"$1"
    fi
    echo 'push "<quit>"' >>"$1"
}

neomutt_once() { # muttrc -> "seconds maxrss_kb bytes"
    local mark tf=$OUT/neomutt-time.txt rc=0
    mark=$(log_mark)
    rm -f "$tf"
    TERM=xterm-256color script -qec "stty cols 160 rows 50; exec /usr/bin/time -o '$tf' -f '%e %M' timeout --foreground 600 neomutt -n -R -F '$1'" /dev/null \
        </dev/null >"$OUT/neomutt-screen.txt" 2>&1 || rc=$?
    [[ $rc == 0 && -s $tf ]] || die "neomutt failed (exit $rc); screen in $OUT/neomutt-screen.txt, log $LOG"
    echo "$(tail -1 "$tf") $(wire_bytes_since "$mark")"
}

neomutt_series() { # label muttrc -> sets NM_S NM_RSS NM_BYTES
    local i line
    : >"$OUT/neomutt-$1.txt"
    if [[ $1 == nocache ]]; then echo "  warm-up: $(neomutt_once "$2" | awk '{ print $1 }') s"; fi
    for ((i = 1; i <= RUNS; i++)); do
        line=$(neomutt_once "$2")
        echo "  run $i: ${line%% *} s, peak RSS $(awk '{ print int($2 / 1024) }' <<<"$line") MB, $(awk '{ print $3 }' <<<"$line") bytes"
        echo "$line" >>"$OUT/neomutt-$1.txt"
    done
    NM_S=$(awk '{ print $1 }' "$OUT/neomutt-$1.txt" | median)
    NM_RSS=$(awk '{ print int($2 / 1024) }' "$OUT/neomutt-$1.txt" | median)
    NM_BYTES=$(awk '{ print $3 }' "$OUT/neomutt-$1.txt" | median)
}

run_neomutt() {
    mkdir -p "$W/neomutt"
    : >"$W/neomutt/certificates"
    write_muttrc "$W/neomutt/nocache.rc" none
    write_muttrc "$W/neomutt/hcache.rc" hcache
    say "neomutt without a header cache, 1 warm-up + $RUNS runs"
    neomutt_series nocache "$W/neomutt/nocache.rc"
    NM_COLD_S=$NM_S NM_COLD_RSS=$NM_RSS NM_COLD_BYTES=$NM_BYTES
    say "neomutt with a warm header cache, QRESYNC + CONDSTORE: filling the cache, then $RUNS runs"
    rm -rf "$W/neomutt/hcache"
    mkdir -p "$W/neomutt/hcache"
    echo "  filled in $(neomutt_once "$W/neomutt/hcache.rc" | awk '{ print $1 }') s"
    neomutt_series warm "$W/neomutt/hcache.rc"
    NM_WARM_S=$NM_S NM_WARM_RSS=$NM_RSS NM_WARM_BYTES=$NM_BYTES
}

# --- server-side changes between Padlock's warm reopens ---------------------

change_server() {
    say "Changing the server: $FLAG_CHANGES flag changes and $NEW_MESSAGES new messages"
    local verb set
    while read -r verb set; do
        case $verb in
        seen) doveadm_ flags add -u "$USER_NAME" '\Seen' mailbox INBOX uid "$set" ;;
        flag) doveadm_ flags add -u "$USER_NAME" '\Flagged' mailbox INBOX uid "$set" ;;
        unflag) doveadm_ flags remove -u "$USER_NAME" '\Flagged' mailbox INBOX uid "$set" ;;
        esac
    done < <(java "$BENCH/Seed.java" changes "$COUNT" "$FLAG_CHANGES")
    java "$BENCH/Seed.java" deliver "$MAILDIR" "$COUNT" "$NEW_MESSAGES"
    chown -R mail:mail "$MAILDIR/new" "$MAILDIR/tmp"
    doveadm_ index -u "$USER_NAME" INBOX # the server has seen the new mail before the client asks
    doveadm_ mailbox status -u "$USER_NAME" 'messages unseen uidnext highestmodseq' INBOX
}

# --- Padlock ----------------------------------------------------------------

FLOOR_MS= FLOOR_BYTES= NM_COLD_S= NM_COLD_RSS= NM_COLD_BYTES= NM_WARM_S= NM_WARM_RSS= NM_WARM_BYTES=

# Filled by run_padlock when the cache and the sync are there; "not measured yet" otherwise.
P_COLD= P_FIRST100= P_COLD_APP= P_FIRST100_APP= P_COLD_BYTES= P_WARM= P_WARM_BYTES= P_CHANGED= P_CHANGED_BYTES=
P_SEARCH_EN= P_SEARCH_ZH= P_SEARCH_FROM= P_SEARCH_ZH2= P_SERVER_SEARCH_EN= P_SERVER_SEARCH_ZH= P_RSS= P_HEAP_ROW=
P_COLD_WIRE= P_WARM_FIRST= P_CHANGED_FIRST= P_COLD_AGAIN= P_FIRST100_AGAIN=
PAIRED_COLD= PAIRED_COLD_AGAIN= PAIRED_COLD_APP=
PADLOCK_NOTE=

padlock_ready() {
    [[ -d $REPO/src/main/java/org/padlockmail/mail/sync && -f $REPO/src/main/java/org/padlockmail/mail/cache/MailCache.java ]]
}

# Compiles the app and its test classes (no test is run) and writes the class path to $OUT/classpath.
build_padlock() {
    say "Building Padlock (compile only, no tests)"
    (
        cd "$REPO"
        ./mvnw -q -o -DskipTests test-compile >"$OUT/build.log" 2>&1 || ./mvnw -q -DskipTests test-compile >>"$OUT/build.log" 2>&1
        ./mvnw -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/deps.txt" >>"$OUT/build.log" 2>&1 ||
            ./mvnw -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/deps.txt" >>"$OUT/build.log" 2>&1
    ) || die "the build failed, see $OUT/build.log"
    echo "$REPO/target/test-classes:$REPO/target/classes:$(cat "$OUT/deps.txt")" >"$OUT/classpath"
}

# The JVM options of the installed app's launcher (pom.xml javaOptions), e.g. its garbage collector:
# the app's memory is measured as users run it.
APP_JVM_OPTIONS=$(grep -o '<javaOption>-XX:[^<]*' "$REPO/pom.xml" | sed 's/<javaOption>//' | tr '\n' ' ')

padlock() { # SyncBenchmark arguments... (stdout: its line; peak RSS in KB to $OUT/padlock-rss.txt)
    # shellcheck disable=SC2086 # several options, split on purpose
    /usr/bin/time -o "$OUT/padlock-rss.txt" -f '%M' \
        java $APP_JVM_OPTIONS -cp "$(cat "$OUT/classpath")" org.padlockmail.bench.SyncBenchmark "$@"
}

field() { # key line -> value of key=value in line
    tr ' ' '\n' <<<"$2" | awk -F= -v k="$1" '$1 == k { print $2 }'
}

# This machine's load drifts within minutes, and the floor's column runs minutes before Padlock's. With
# the floor measured, each cold Padlock run is paired with a floor run just before it, and the ratios of
# the pairs give a second figure that drifts less: the median of the per-pair ratios.
paired_floor() { # series: one floor run, its ms appended to $OUT/floor-paired-SERIES.txt
    [[ " $COLUMNS " == *" floor "* ]] || return 0
    local line
    line=$(floor_once)
    echo "  paired floor: $line"
    grep -o ' ms=[0-9]*' <<<"$line" | cut -d= -f2 >>"$OUT/floor-paired-$1.txt"
}
paired_ratio() { # padlock series, floor series -> median of Padlock ms / paired floor ms, or nothing
    local f=$OUT/floor-paired-$2.txt
    [[ -s $f ]] || return 0
    paste -d' ' <(grep -o ' ms=[0-9]*' "$OUT/padlock-$1.txt" | cut -d= -f2) "$f" |
        awk 'NF == 2 && $2 > 0 { printf "%.4f\n", $1 / $2 }' | median
}
fmt_paired() { [[ -n ${1:-} ]] && awk -v r="$1" 'BEGIN { printf " (paired runs: %.2f ×)", r }' || true; }

run_padlock() {
    if ! padlock_ready; then
        PADLOCK_NOTE="Padlock: not measured yet (the SQLite cache and the IMAP sync of issue 5 are not in this tree)."
        say "$PADLOCK_NOTE"
        return 0
    fi
    build_padlock
    local cache=$W/padlock/cache.sqlite server=("$HOST" "$IMAPS_PORT" "$CA" "$USER_NAME" ALICE_PASSWORD)
    local i line mark
    mkdir -p "$W/padlock"

    say "Padlock: cold sync into a new cache, $COLD_RUNS runs (a fresh JVM each, which then syncs it cold once more)"
    : >"$OUT/padlock-cold.txt"
    : >"$OUT/padlock-cold-again.txt"
    local lines
    : >"$OUT/floor-paired-cold.txt"
    for ((i = 1; i <= COLD_RUNS; i++)); do
        paired_floor cold
        mark=$(log_mark)
        lines=$(padlock cold "$cache" "${server[@]}" 2)
        line="$(grep '^padlock-cold ' <<<"$lines") dovecot_bytes=$(($(wire_bytes_since "$mark") / 2))"
        echo "  run $i: $line"
        echo "$line" >>"$OUT/padlock-cold.txt"
        line=$(grep '^padlock-cold-again ' <<<"$lines")
        echo "  run $i, again in the same JVM: $line"
        echo "$line" >>"$OUT/padlock-cold-again.txt"
    done
    col() { grep -o " $1=[0-9-]*" "$OUT/padlock-$2.txt" | cut -d= -f2 | median; }
    P_COLD=$(col ms cold)
    PAIRED_COLD=$(paired_ratio cold cold)
    PAIRED_COLD_AGAIN=$(paired_ratio cold-again cold)
    P_FIRST100=$(col first100_ms cold)
    P_COLD_BYTES=$(col dovecot_bytes cold)
    P_COLD_WIRE=$(col connection_bytes cold)
    P_RSS=$(($(col vmhwm_kb cold) / 1024)) # peak RSS up to the first sync's end, the folder open
    P_COLD_AGAIN=$(col ms cold-again)
    P_FIRST100_AGAIN=$(col first100_ms cold-again)
    P_HEAP_ROW=$(col heap_per_row cold)

    say "Padlock: the app's first sync, timed from the folder click after the account opened, $COLD_RUNS runs (a fresh JVM each)"
    : >"$OUT/padlock-cold-app.txt"
    : >"$OUT/floor-paired-cold-app.txt"
    for ((i = 1; i <= COLD_RUNS; i++)); do
        paired_floor cold-app
        line=$(padlock cold-app "$W/padlock/app" "${server[@]}")
        echo "  run $i: $line"
        echo "$line" >>"$OUT/padlock-cold-app.txt"
    done
    P_COLD_APP=$(col ms cold-app)
    PAIRED_COLD_APP=$(paired_ratio cold-app cold-app)
    P_FIRST100_APP=$(col first100_ms cold-app)

    say "Padlock: warm reopen, nothing changed (one JVM: a first reopen, then $RUNS)"
    mark=$(log_mark)
    line=$(padlock warm "$cache" "${server[@]}" "$RUNS")
    echo "  $line dovecot_bytes_all_runs=$(wire_bytes_since "$mark")"
    echo "$line" >"$OUT/padlock-warm.txt"
    P_WARM=$(field ms "$line")
    P_WARM_BYTES=$(field connection_bytes "$line")
    P_WARM_FIRST=$(field first_jvm_ms "$line")

    say "Padlock: search, $RUNS runs per query"
    line=$(padlock search "$cache" "$RUNS")
    echo "  $line"
    echo "$line" >"$OUT/padlock-search.txt"
    us_to_ms() { awk -v u="$1" 'BEGIN { printf "%.1f", u / 1000 }'; }
    P_SEARCH_EN="$(us_to_ms "$(field en_us "$line")") ms, $(field en_hits "$line") hits"
    P_SEARCH_ZH="$(us_to_ms "$(field zh_us "$line")") ms, $(field zh_hits "$line") hits"
    P_SEARCH_FROM="$(us_to_ms "$(field from_us "$line")") ms, $(field from_hits "$line") hits"
    P_SEARCH_ZH2="$(us_to_ms "$(field zh2_us "$line")") ms, $(field zh2_hits "$line") hits"

    say "Padlock: the server's search (UID SEARCH TEXT), $RUNS runs per query"
    line=$(padlock server-search _ "${server[@]}" "$RUNS")
    echo "  $line"
    echo "$line" >"$OUT/padlock-server-search.txt"
    P_SERVER_SEARCH_EN="$(field en_ms "$line") ms, $(field en_hits "$line") hits"
    P_SERVER_SEARCH_ZH="$(field zh_ms "$line") ms, $(field zh_hits "$line") hits"

    change_server

    say "Padlock: warm reopen after the changes (one JVM: a first reopen, then $RUNS, each on a copy of the cache)"
    line=$(padlock changed "$cache" "${server[@]}" "$RUNS")
    echo "  $line"
    echo "$line" >"$OUT/padlock-changed.txt"
    P_CHANGED=$(field ms "$line")
    P_CHANGED_BYTES=$(field connection_bytes "$line")
    P_CHANGED_FIRST=$(field first_jvm_ms "$line")
}

# --- the table --------------------------------------------------------------

fmt_ms_as_s() { [[ -n ${1:-} ]] && awk -v v="$1" 'BEGIN { printf "%.2f s", v / 1000 }' || echo "${2:-not measured yet}"; }
fmt_ms() { if [[ -n ${1:-} ]]; then echo "$1 ms"; else echo "${2:-not measured yet}"; fi; }
fmt_bytes() {
    [[ -n ${1:-} ]] || { echo "${2:-not measured yet}"; return; }
    awk -v b="$1" 'BEGIN { if (b >= 1e6) printf "%.1f MB", b / 1e6; else if (b >= 1e4) printf "%.0f KB", b / 1e3; else printf "%d B", b }'
}
fmt_mb() { [[ -n ${1:-} ]] && echo "$1 MB" || echo "${2:-not measured yet}"; }
ratio() { # value_ms floor_ms
    [[ -n ${1:-} && -n ${2:-} ]] && awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f ×", a / b }' || echo "—"
}

table() {
    local skip="not measured in this run" fl nc nw
    fl=$FLOOR_MS
    nc=$([[ -n $NM_COLD_S ]] && awk -v s="$NM_COLD_S" 'BEGIN { printf "%d", s * 1000 }' || true)
    nw=$([[ -n $NM_WARM_S ]] && awk -v s="$NM_WARM_S" 'BEGIN { printf "%d", s * 1000 }' || true)
    cat <<EOF
| measure | Padlock | floor | neomutt no cache | neomutt warm | ratio to floor | target (issue 5) |
| --- | --- | --- | --- | --- | --- | --- |
| open the folder cold: $COUNT headers (Padlock: into the cache, first sync in a fresh JVM) | $(fmt_ms_as_s "$P_COLD") | $(fmt_ms_as_s "$fl" "$skip") | $(fmt_ms_as_s "$nc" "$skip") | — | Padlock $(ratio "$P_COLD" "$fl")$(fmt_paired "$PAIRED_COLD"), neomutt $(ratio "$nc" "$fl") | ≤ 1.3 × floor |
| the same, a second cold sync in that JVM (the app opening another big folder) | $(fmt_ms_as_s "$P_COLD_AGAIN") | — | — | — | Padlock $(ratio "$P_COLD_AGAIN" "$fl")$(fmt_paired "$PAIRED_COLD_AGAIN") | ≤ 1.3 × floor |
| bytes on the wire, cold | $(fmt_bytes "$P_COLD_WIRE")$([[ -n $P_COLD_BYTES ]] && echo " ($(fmt_bytes "$P_COLD_BYTES") before COMPRESS)") | $(fmt_bytes "$FLOOR_BYTES" "$skip") | $(fmt_bytes "$NM_COLD_BYTES" "$skip") | — | Padlock $(ratio "$P_COLD_WIRE" "$FLOOR_BYTES") | |
| first 100 rows | $(fmt_ms "$P_FIRST100")$([[ -n ${P_FIRST100_AGAIN:-} ]] && echo " (second cold sync in the JVM: $P_FIRST100_AGAIN ms)") | — | — | — | | ≤ 0.3 s |
| the app's first sync in a fresh JVM, from the folder click (account opened, folder list read): all headers / first 100 rows | $(fmt_ms_as_s "$P_COLD_APP") / $(fmt_ms "$P_FIRST100_APP") | — | — | — | Padlock $(ratio "$P_COLD_APP" "$fl")$(fmt_paired "$PAIRED_COLD_APP") | ≤ 1.3 × floor / ≤ 0.3 s |
| warm reopen, nothing changed | $(fmt_ms "$P_WARM")$([[ -n $P_WARM_FIRST ]] && echo " (first in a fresh JVM: $P_WARM_FIRST ms)") | — | — | $(fmt_ms_as_s "$nw" "$skip") | | ≤ 0.1 s |
| bytes on the wire, warm reopen | $(fmt_bytes "$P_WARM_BYTES") | — | — | $(fmt_bytes "$NM_WARM_BYTES" "$skip") | | ≤ 2 KB |
| warm reopen after $FLAG_CHANGES flag changes + $NEW_MESSAGES new | $(fmt_ms "$P_CHANGED")$([[ -n $P_CHANGED_FIRST ]] && echo " (first in a fresh JVM: $P_CHANGED_FIRST ms; $(fmt_bytes "$P_CHANGED_BYTES"))") | — | — | — | | ≤ 0.5 s |
| search: English word (budget) | ${P_SEARCH_EN:-not measured yet} | — | — | — | | ≤ 100 ms |
| search: Chinese substring (议纪要) | ${P_SEARCH_ZH:-not measured yet} | — | — | — | | ≤ 100 ms |
| search: two Chinese characters (预算) | ${P_SEARCH_ZH2:-not measured yet} | — | — | — | | ≤ 100 ms |
| search: sender (robinson) | ${P_SEARCH_FROM:-not measured yet} | — | — | — | | ≤ 100 ms |
| the server's search, for bodies never read here: budget | ${P_SERVER_SEARCH_EN:-not measured yet} | — | — | — | | (Dovecot without an index of its own) |
| the server's search: 议纪要 | ${P_SERVER_SEARCH_ZH:-not measured yet} | — | — | — | | |
| peak RSS with the folder open | $(fmt_mb "$P_RSS") | — | $(fmt_mb "$NM_COLD_RSS" "$skip") | $(fmt_mb "$NM_WARM_RSS" "$skip") | | ≤ 350 MB |
| retained heap per cached row | $(if [[ -n $P_HEAP_ROW ]]; then echo "$P_HEAP_ROW B"; else echo "not measured yet"; fi) | — | — | — | | ≤ 400 B |
EOF
}

machine() {
    local cpu ram
    cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)
    ram=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
    cat <<EOF
- machine: $(nproc) cores ($cpu), $ram RAM, Linux $(uname -r)
- JDK: $(java -version 2>&1 | head -1); Padlock runs with the installed launcher's options: ${APP_JVM_OPTIONS:-none}
- Dovecot $(dovecot --version | cut -d' ' -f1), neomutt $(neomutt -v 2>/dev/null | head -1 | sed 's/^NeoMutt //')
- mailbox: $COUNT messages, $(du -sh --apparent-size "$SEED/Maildir/cur" | cut -f1) in maildir, Dovecot index warm, loopback TLS 1.3
EOF
}

# --- main -------------------------------------------------------------------

case ${1:-} in
--stop) "$SERVERS" stop "$SRV"; exit 0 ;;
--reseed) RESEED=yes ;;
"") ;;
*) die "usage: bench/run.sh [--reseed|--stop]" ;;
esac

T_START=$(now_ms)
LOAD_START=$(cut -d' ' -f1 /proc/loadavg)
preflight
rm -rf "$OUT"
mkdir -p "$OUT"
make_tls
write_dovecot_extra
seed
restore
for column in $COLUMNS; do
    case $column in
    floor) run_floor ;;
    neomutt) run_neomutt ;;
    padlock) run_padlock ;;
    *) die "unknown column '$column' in BENCH_COLUMNS (floor, neomutt, padlock)" ;;
    esac
done
stop_server

DATE=$(date +%Y-%m-%d)
RESULT=$BENCH/results/$DATE.md
mkdir -p "$BENCH/results"
{
    echo "# Benchmark of issue 5, $DATE"
    echo
    machine
    echo "- load average (1 min) at the start $LOAD_START, at the end $(cut -d' ' -f1 /proc/loadavg): other work on the machine slows every column"
    echo "- each figure is the median of $RUNS runs (Padlock's cold sync: $COLD_RUNS) after a warm-up run or cache fill; bench/run.sh took $((($(now_ms) - T_START) / 1000)) s"
    echo "- paired runs: each cold Padlock run follows a floor run of its own; the figure is the median of the pairs' ratios, less skewed by the machine's drift between columns"
    echo
    table
    if [[ -n $PADLOCK_NOTE ]]; then echo; echo "$PADLOCK_NOTE"; fi
    echo
    echo "Bytes are IMAP bytes both ways inside TLS: Dovecot's count from its log, except Padlock's, which is its"
    echo "connection's own count of what crossed the socket (compressed when COMPRESS=DEFLATE is on; Dovecot"
    echo "counts before compression). Search hits stop at 200 (the limit asked for). Raw lines: $OUT."
} >"$RESULT"
say "Results (also in ${RESULT#"$REPO"/})"
cat "$RESULT"
