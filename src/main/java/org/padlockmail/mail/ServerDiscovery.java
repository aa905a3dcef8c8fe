package org.padlockmail.mail;

import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

import org.padlockmail.security.ConnectionReport;
import org.padlockmail.security.Endpoint;
import org.padlockmail.security.LockState;
import org.padlockmail.security.Outcome;
import org.padlockmail.security.RefusalException;
import org.padlockmail.security.SecurityMode;
import org.padlockmail.security.Service;

/**
 * Finds the servers of a mail address the way RFC 8314 prefers: implicit TLS first (993, 465), then
 * required STARTTLS (143, 587), on the usual host names. Each probe connects and completes the TLS
 * handshake only; no login, no password. Plaintext is never suggested.
 */
public final class ServerDiscovery {

    /** One probe and what it found. {@code usable}: the connection was secure, or only needs the user to trust its certificate. */
    public record Probe(Endpoint endpoint, LockState lock, Outcome outcome, String message, boolean usable) {
    }

    /** The best server found for each service, if any. */
    public record Found(Optional<Endpoint> imap, Optional<Endpoint> smtp, List<Probe> probes) {
    }

    private final SecureConnector connector;
    private final ExecutorService probes;

    public ServerDiscovery(SecureConnector connector, ExecutorService probes) {
        this.connector = connector;
        this.probes = probes;
    }

    /** The endpoints tried for an address, in order of preference. */
    public static List<Endpoint> candidates(String address) {
        String domain = address.substring(address.lastIndexOf('@') + 1).trim().toLowerCase(Locale.ROOT);
        List<Endpoint> endpoints = new ArrayList<>();
        for (Service service : Service.values()) {
            String prefix = service == Service.IMAP ? "imap." : "smtp.";
            int tls = service == Service.IMAP ? 993 : 465;
            int startTls = service == Service.IMAP ? 143 : 587;
            for (int port : new int[] {tls, startTls}) {
                SecurityMode mode = port == tls ? SecurityMode.TLS : SecurityMode.STARTTLS;
                for (String host : List.of(prefix + domain, "mail." + domain, domain)) {
                    endpoints.add(new Endpoint(service, host, port, mode));
                }
            }
        }
        return endpoints;
    }

    /** Probes every candidate at once, reporting each as it ends, and picks the first usable one per service. */
    public CompletableFuture<Found> discover(String address, Consumer<Probe> each) {
        List<Endpoint> endpoints = candidates(address);
        List<CompletableFuture<Probe>> running = endpoints.stream()
                .map(endpoint -> CompletableFuture.supplyAsync(() -> probe(endpoint), probes).whenComplete((p, e) -> {
                    if (p != null) {
                        each.accept(p);
                    }
                })).toList();
        return CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<Probe> results = running.stream().map(CompletableFuture::join).toList();
            return new Found(best(results, Service.IMAP), best(results, Service.SMTP), results);
        });
    }

    private static Optional<Endpoint> best(List<Probe> results, Service service) {
        // Results are in candidate order, which is the order of preference.
        return results.stream().filter(p -> p.endpoint().service() == service && p.usable()).map(Probe::endpoint).findFirst();
    }

    Probe probe(Endpoint endpoint) {
        SecureConnector.Opened opened;
        try {
            opened = connector.open(endpoint);
        } catch (RefusalException e) {
            ConnectionReport report = e.report();
            boolean onlyTrust = e.refusal().pinnable();
            return new Probe(endpoint, report == null ? LockState.BLOCKED : report.lock(), e.refusal().outcome(), e.getMessage(), onlyTrust);
        }
        try (Socket socket = opened.socket()) {
            ConnectionReport report = opened.report();
            return new Probe(endpoint, report.lock(), report.outcome(), report.summary(), true);
        } catch (IOException e) {
            return new Probe(endpoint, opened.report().lock(), opened.report().outcome(), opened.report().summary(), true);
        }
    }
}
