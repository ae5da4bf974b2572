package dev.orderengine.adapter.out.persistence;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Ids from a database sequence that steps by {@value #ALLOCATION}: one {@code nextval} reserves the block
 * {@code [value, value + 49]} for this process (Hibernate's "pooled-lo" reading), so only one id in 50 costs a
 * round trip. Thread-safe; ids are unique across processes sharing the sequence, increasing within one process.
 */
final class PooledSequence {

    /** Must equal the sequences' {@code INCREMENT BY}. */
    static final int ALLOCATION = 50;

    private final SessionScope scope;
    private final String nextValueSql;
    private final ReentrantLock lock = new ReentrantLock();
    private long next;
    private long end;

    PooledSequence(SessionScope scope, String sequenceName) {
        this.scope = scope;
        this.nextValueSql = "SELECT nextval('" + sequenceName + "')";
    }

    long next() {
        lock.lock();
        try {
            if (next == end) {
                next = fetchBlockStart();
                end = next + ALLOCATION;
            }
            return next++;
        } finally {
            lock.unlock();
        }
    }

    private long fetchBlockStart() {
        return scope.jdbc(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(nextValueSql); ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
    }
}
