package dev.roster.sync.connector;

/**
 * The upstream directory could not be read: an error status, a timeout, a connection failure (each after
 * the configured retries) or a response that is not what the protocol promises. The message says what
 * was asked and what came back, and is safe to show to an admin (it never contains the bearer token).
 */
public class DirectoryException extends Exception {

    public DirectoryException(String message) {
        super(message, null, false, false);
    }
}
