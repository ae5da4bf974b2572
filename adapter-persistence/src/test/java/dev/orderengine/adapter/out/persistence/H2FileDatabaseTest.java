package dev.orderengine.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderengine.adapter.out.persistence.testing.StorageFixtures;
import dev.orderengine.domain.user.User;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default: a plain H2 file URL, as the server is configured out of the box. */
class H2FileDatabaseTest {

    @TempDir
    Path directory;

    @Test
    void a_plain_file_url_is_migrated_once_and_keeps_its_data_and_constraints_across_restarts() throws Exception {
        DatabaseSettings settings = DatabaseSettings.of("jdbc:h2:file:" + directory.resolve("orders"), "sa", "");
        User user;
        try (PersistenceAdapter first = PersistenceAdapter.start(settings)) {
            user = new StorageFixtures(first).user();
        }

        try (PersistenceAdapter second = PersistenceAdapter.start(settings)) {
            assertThat(second.transactions().readOnly(() -> second.users().findById(user.id()))).isPresent();
            assertThatThrownBy(() -> execute(second, "UPDATE users SET status = 'DELETED' WHERE id = " + user.id()))
                    .isInstanceOf(SQLException.class).hasMessageContaining("users_status_ck");
            assertThatThrownBy(() -> execute(second, "UPDATE balances SET amount = -1 WHERE user_id = " + user.id()))
                    .isInstanceOf(SQLException.class).hasMessageContaining("balances_amount_ck");
        }
    }

    private static void execute(PersistenceAdapter adapter, String sql) throws SQLException {
        try (Connection connection = adapter.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
            connection.commit();
        }
    }
}
