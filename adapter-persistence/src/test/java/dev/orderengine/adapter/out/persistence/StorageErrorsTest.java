package dev.orderengine.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderengine.application.port.StorageUnavailableException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** What a database failure becomes, by SQLState, for the failures no storage test provokes cheaply. */
class StorageErrorsTest {

    @Test
    void a_statement_cancelled_by_the_statement_timeout_is_unavailable() {
        SQLException cancelled = new SQLException("ERROR: canceling statement due to statement timeout", "57014");

        assertThat(StorageErrors.translate(cancelled)).isInstanceOf(StorageUnavailableException.class);
    }

    @Test
    void a_lock_not_granted_within_the_lock_timeout_is_unavailable() {
        SQLException timedOut = new SQLException("ERROR: canceling statement due to lock timeout", "55P03");

        assertThat(StorageErrors.translate(timedOut)).isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("timed out waiting for a lock");
    }
}
