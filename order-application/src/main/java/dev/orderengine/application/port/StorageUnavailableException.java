package dev.orderengine.application.port;

/** The database cannot be reached or gave no connection in time; the request changed nothing and may be retried. */
public class StorageUnavailableException extends RuntimeException {

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
