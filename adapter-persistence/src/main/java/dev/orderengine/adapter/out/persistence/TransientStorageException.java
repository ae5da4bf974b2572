package dev.orderengine.adapter.out.persistence;

/**
 * The database aborted the transaction for a passing reason (deadlock victim, serialization failure): running the
 * same work again from the start may well succeed, which {@link HibernateTransactions} does a few times.
 */
final class TransientStorageException extends RuntimeException {

    TransientStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
