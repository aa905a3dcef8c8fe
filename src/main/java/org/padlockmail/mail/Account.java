package org.padlockmail.mail;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.padlockmail.security.TlsPolicy;

/**
 * One mail account's settings. It holds no password: that lives in the keyring or the encrypted secrets
 * file, under the account's id.
 *
 * @param minimumTlsVersion "TLSv1.2" (the default) or "TLSv1.3", for users who tighten the policy
 * @param cipherSuites      the suites this account allows; empty for the policy's (the usual case)
 * @param offlineDays       messages received in this many last days are fetched whole after each sync, to
 *                          read and search offline; 0 keeps only what was read (null: {@link #DEFAULT_OFFLINE_DAYS})
 */
public record Account(String id, String displayName, String address, String userName,
                      ServerSettings imap, ServerSettings smtp, String minimumTlsVersion, List<String> cipherSuites,
                      Integer offlineDays) {

    /** A month of mail, as a phone client keeps; accounts saved before the setting existed get it too. */
    public static final int DEFAULT_OFFLINE_DAYS = 30;
    /** Ten years: more is "everything", which this also is for nearly every mailbox. */
    public static final int MAX_OFFLINE_DAYS = 3650;

    public Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(imap, "imap");
        Objects.requireNonNull(smtp, "smtp");
        if (minimumTlsVersion == null) {
            minimumTlsVersion = TlsPolicy.TLS_1_2;
        }
        if (!minimumTlsVersion.equals(TlsPolicy.TLS_1_2) && !minimumTlsVersion.equals(TlsPolicy.TLS_1_3)) {
            throw new IllegalArgumentException("minimum TLS version must be TLSv1.2 or TLSv1.3, not " + minimumTlsVersion);
        }
        cipherSuites = cipherSuites == null ? List.of() : List.copyOf(cipherSuites);
        if (offlineDays == null) {
            offlineDays = DEFAULT_OFFLINE_DAYS;
        }
        if (offlineDays < 0 || offlineDays > MAX_OFFLINE_DAYS) {
            throw new IllegalArgumentException("days kept offline must be 0 to " + MAX_OFFLINE_DAYS + ", not " + offlineDays);
        }
    }

    public Account withOfflineDays(int days) {
        return new Account(id, displayName, address, userName, imap, smtp, minimumTlsVersion, cipherSuites, days);
    }

    public Account withTls(String minimum, List<String> suites) {
        return new Account(id, displayName, address, userName, imap, smtp, minimum, suites, offlineDays);
    }

    public Account withPlaintextPasswordAllowed(boolean imapAllowed, boolean smtpAllowed) {
        return new Account(id, displayName, address, userName,
                new ServerSettings(imap.host(), imap.port(), imap.security(), imapAllowed),
                new ServerSettings(smtp.host(), smtp.port(), smtp.security(), smtpAllowed), minimumTlsVersion, cipherSuites,
                offlineDays);
    }

    public static Account create(String displayName, String address, String userName, ServerSettings imap, ServerSettings smtp) {
        return new Account(UUID.randomUUID().toString(), displayName, address, userName, imap, smtp, TlsPolicy.TLS_1_2, List.of(),
                DEFAULT_OFFLINE_DAYS);
    }

    public TlsPolicy tlsPolicy() {
        TlsPolicy policy = TlsPolicy.defaults().withMinimumProtocol(minimumTlsVersion);
        return cipherSuites.isEmpty() ? policy : policy.withCipherSuites(cipherSuites);
    }
}
