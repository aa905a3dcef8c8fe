package org.padlockmail.security;

/**
 * What was negotiated. {@code keyExchange} is the named group (e.g. x25519) read from the server's
 * handshake messages by {@link KeyExchangeObserver}; null when it could not be seen.
 */
public record TlsDetails(String protocol, String cipherSuite, String keyExchange) {
}
