package org.padlockmail.mail.cache;

/**
 * The cache could not be read or written (disk full, file locked by another program, I/O error). The
 * cache holds nothing the server does not have, so a caller can show the error and go on without it.
 */
public final class CacheException extends RuntimeException {

    public CacheException(String message, Throwable cause) {
        super(message, cause);
    }
}
