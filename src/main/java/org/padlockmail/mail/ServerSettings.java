package org.padlockmail.mail;

import org.padlockmail.security.Endpoint;
import org.padlockmail.security.SecurityMode;
import org.padlockmail.security.Service;

/**
 * How to reach one server of an account. A password crosses a plaintext connection only with
 * {@code allowPlaintextPassword}, a second choice on top of choosing plaintext (SECURITY.md).
 */
public record ServerSettings(String host, int port, SecurityMode security, boolean allowPlaintextPassword) {

    public ServerSettings {
        new Endpoint(Service.IMAP, host, port, security); // the same checks as any endpoint
        if (security != SecurityMode.PLAIN && allowPlaintextPassword) {
            throw new IllegalArgumentException("allowing a plaintext password only means something for a plaintext connection");
        }
    }

    public Endpoint endpoint(Service service) {
        return new Endpoint(service, host, port, security);
    }
}
