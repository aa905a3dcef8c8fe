package org.padlockmail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.padlockmail.testing.ProbeRun;
import picocli.CommandLine;

/** The probe's contract for scripts beyond the outcomes: usage errors, connection failures, the human report. */
class ProbeUsageTest {

    private static int exitCode(String... args) {
        CommandLine command = new CommandLine(new PadlockCommand());
        command.setOut(new PrintWriter(new StringWriter()));
        command.setErr(new PrintWriter(new StringWriter()));
        return command.execute(args);
    }

    @Test
    void wrongUsageExitsWithTwo() {
        assertEquals(2, exitCode("probe", "pop3", "h", "1", "--security", "tls"));
        assertEquals(2, exitCode("probe", "imap", "h", "993", "--security", "ssl"));
        assertEquals(2, exitCode("probe", "imap", "h", "993"));
        assertEquals(2, exitCode("probe", "imap", "h", "70000", "--security", "tls"));
        assertEquals(2, exitCode("probe", "imap", "h", "993", "--security", "tls", "--user", "a"),
                "a password is never taken from the command line, so --user needs --password-env");
        assertEquals(2, exitCode("probe", "imap", "h", "993", "--security", "tls", "--user", "a",
                "--password-env", "PADLOCK_SURELY_UNSET_VARIABLE"));
        assertEquals(2, exitCode());
    }

    @Test
    void nothingListeningIsConnectFailed() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProbeRun run = ProbeRun.probe("imap", "127.0.0.1", Integer.toString(port), "--security", "tls");
        assertEquals("connect-failed", run.outcome());
        assertEquals("offline", run.json().get("lock").getAsString());
        assertEquals(1, run.exitCode());
        assertTrue(run.json().get("tls").isJsonNull() && run.json().get("certificate").isJsonNull());
    }

    @Test
    void theHumanReportNamesOutcomeAndWhatToDo() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        StringWriter out = new StringWriter();
        CommandLine command = new CommandLine(new PadlockCommand());
        command.setOut(new PrintWriter(out));
        assertEquals(1, command.execute("probe", "smtp", "127.0.0.1", Integer.toString(port), "--security", "starttls"));
        assertTrue(out.toString().startsWith("SMTP 127.0.0.1:" + port + " (starttls): connect-failed"), out.toString());
    }
}
