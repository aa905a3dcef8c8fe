package org.padlockmail.demo;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.padlockmail.mail.Account;
import org.padlockmail.mail.ServerSettings;
import org.padlockmail.security.SecurityMode;

/**
 * The demo account: an IMAPS and SMTPS server inside the app (GreenMail), on loopback only, with the
 * self-signed certificate kept in the configuration folder and a mailbox of sample messages. It lives
 * as long as the app; mail sent to it stays until the app quits.
 *
 * <p>The ports are fixed so that the certificate a newcomer pins is found again on the next run (pins
 * are per host and port); when one is taken, a free port is used and the pin prompt comes again.
 */
public final class DemoMailbox implements AutoCloseable {

    public static final String HOST = "127.0.0.1";
    public static final String ADDRESS = "demo@padlock.demo";
    public static final String ACCOUNT_ID = "demo";
    static final int IMAPS_PORT = 39993;
    static final int SMTPS_PORT = 39465;

    private static final java.util.concurrent.atomic.AtomicBoolean QUIET = new java.util.concurrent.atomic.AtomicBoolean();

    private final GreenMail server;
    private final Account account;
    private final String password;

    private DemoMailbox(GreenMail server, Account account, String password) {
        this.server = server;
        this.account = account;
        this.password = password;
    }

    /**
     * Starts the demo server. GreenMail reads its key store once per process, so every demo in one
     * process serves the certificate of the first.
     */
    public static DemoMailbox start(Path folder, Clock clock) throws IOException {
        DemoCertificate certificate = DemoCertificate.inFolder(folder, clock.instant());
        quietAboutRefusedHandshakes();
        System.setProperty("greenmail.tls.keystore.file", certificate.keyStore().toString());
        System.setProperty("greenmail.tls.keystore.password", certificate.password());
        System.setProperty("greenmail.tls.key.password", certificate.password());
        ServerSetup imaps = setup(IMAPS_PORT, ServerSetup.PROTOCOL_IMAPS);
        ServerSetup smtps = setup(SMTPS_PORT, ServerSetup.PROTOCOL_SMTPS);
        GreenMail server = new GreenMail(new ServerSetup[] {imaps, smtps});
        try {
            server.start();
            byte[] secret = new byte[12];
            new SecureRandom().nextBytes(secret);
            String password = HexFormat.of().formatHex(secret);
            GreenMailUser user = server.setUser(ADDRESS, ADDRESS, password);
            for (String name : new String[] {"Archive", "Drafts", "Sent", "Trash"}) {
                server.getManagers().getImapHostManager().createMailbox(user, name);
            }
            new DemoMessages(clock).all().forEach(user::deliver);
            Account account = new Account(ACCOUNT_ID, "Demo", ADDRESS, ADDRESS,
                    new ServerSettings(HOST, server.getImaps().getPort(), SecurityMode.TLS, false),
                    new ServerSettings(HOST, server.getSmtps().getPort(), SecurityMode.TLS, false), null, null, null);
            return new DemoMailbox(server, account, password);
        } catch (Exception e) {
            server.stop();
            throw new IOException("The demo server did not start: " + e.getMessage(), e);
        }
    }

    public Account account() {
        return account;
    }

    public String password() {
        return password;
    }

    /** How many messages the demo INBOX holds now, read from the server's own store (for tests). */
    public int inboxSize() {
        return server.getReceivedMessages().length;
    }

    /**
     * GreenMail lets an exception escape a connection's thread whenever the client goes away: after an
     * aborted TLS handshake (exactly what Padlock Mail does until the user pins the demo certificate),
     * at the end of a stream, on a closed socket. Each ends only that demo connection, so they are
     * dropped; uncaught exceptions of every other thread still go to the handler that was there before.
     */
    private static void quietAboutRefusedHandshakes() {
        if (!QUIET.compareAndSet(false, true)) {
            return;
        }
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            if (thread.getName().startsWith("imaps:" + HOST) || thread.getName().startsWith("smtps:" + HOST)) {
                return;
            }
            if (previous != null) {
                previous.uncaughtException(thread, error);
            } else {
                System.err.print("Exception in thread \"" + thread.getName() + "\" ");
                error.printStackTrace();
            }
        });
    }


    private static ServerSetup setup(int preferredPort, String protocol) {
        ServerSetup setup = new ServerSetup(preferredPort, HOST, protocol);
        try (ServerSocket probe = new ServerSocket(preferredPort, 1, InetAddress.getByName(HOST))) {
            return setup;
        } catch (IOException taken) {
            return setup.dynamicPort();
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
