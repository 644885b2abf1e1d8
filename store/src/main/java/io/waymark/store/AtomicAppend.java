package io.waymark.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Fast bulk inserts that commit together with other statements. DuckDB's appender commits on
 * its own, outside the connection's transaction (pinned by DuckDbEventStoreTest), so rows are
 * appended to a connection-private temporary table {@code temp.main.stage} first; the caller's
 * statements then move them with {@code INSERT … SELECT} inside one transaction. A crash before
 * the commit leaves nothing behind: temporary tables are not persisted.
 */
final class AtomicAppend {
    static final String STAGE = "temp.main.stage";

    interface Rows {
        void write(DuckDBAppender appender) throws SQLException;
    }

    interface Statements {
        void run(Connection c) throws SQLException;
    }

    private AtomicAppend() {
    }

    /**
     * Appends {@code rows} to a stage with {@code stageColumns} (SQL column definitions), then runs
     * {@code transaction} in one transaction.
     */
    static void run(Connection c, String stageColumns, Rows rows, Statements transaction) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE OR REPLACE TEMP TABLE stage (" + stageColumns + ")");
        }
        try {
            try (DuckDBAppender a = ((DuckDBConnection) c).createAppender("temp", "main", "stage")) {
                rows.write(a);
            }
            c.setAutoCommit(false);
            try {
                transaction.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } finally {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + STAGE);
            }
        }
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
