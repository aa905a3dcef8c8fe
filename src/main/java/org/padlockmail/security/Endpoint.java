package org.padlockmail.security;

import java.util.Locale;
import java.util.Objects;

/** One server as the user configured it: the host name typed by the user is the name checked against the certificate. */
public record Endpoint(Service service, String host, int port, SecurityMode mode) {

    public Endpoint {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(mode, "mode");
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host name is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        host = host.strip().toLowerCase(Locale.ROOT);
    }

    /** {@code host:port}, the key under which a pin is stored. */
    public String address() {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
}
