package org.padlockmail.mail.sync;

/** Which way a folder sync went. */
public enum SyncPath {
    /** No usable state (first sync, or UIDVALIDITY changed): every header fetched, newest first. */
    COLD,
    /** QRESYNC (RFC 7162): the server told changes and expunges since the last sync while opening the folder. */
    QRESYNC,
    /** CONDSTORE: flags changed since the last modseq, expunges found by counting and, if needed, a UID SEARCH. */
    CONDSTORE,
    /** Neither: every UID and its flags listed, expunges found by comparing with the cache. */
    FULL
}
