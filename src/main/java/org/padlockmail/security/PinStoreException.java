package org.padlockmail.security;

import java.io.IOException;

/** The pin file exists but cannot be used; connecting stops until the user fixes or removes it. */
public class PinStoreException extends IOException {

    private static final long serialVersionUID = 1L;

    public PinStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
