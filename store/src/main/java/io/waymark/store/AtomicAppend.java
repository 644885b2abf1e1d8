package io.waymark.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Fast bulk inserts that commit together with other statements. DuckDB's appender commits on
 * its own, outside the connection's transaction (pinned by DuckDbEventStoreTest), so rows are
 * appended to a connection-private temporary table first and then moved with
 * {@code INSERT … SELECT} inside one transaction with the caller's other statements. A crash
 * before the commit leaves nothing behind: temporary tables are not persisted.
 */
final class AtomicAppend {
    interface Rows {
        void write(DuckDBAppender appender) throws SQLException;
    }

    interface Statements {
        void run(Connection c) throws SQLException;
    }

    private AtomicAppend() {
    }

    /**
     * Appends {@code rows} to {@code table}, running {@code before} and {@code after} in the same transaction.
     */
    static void run(Connection c, String table, Rows rows, Statements before, Statements after) throws SQLException {
        String stage = "stage_" + table;
        try (Statement s = c.createStatement()) {
            s.execute("CREATE OR REPLACE TEMP TABLE " + stage + " AS SELECT * FROM " + table + " LIMIT 0");
        }
        try {
            try (DuckDBAppender a = ((DuckDBConnection) c).createAppender("temp", "main", stage)) {
                rows.write(a);
            }
            c.setAutoCommit(false);
            try {
                before.run(c);
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO " + table + " SELECT * FROM temp.main." + stage);
                }
                after.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } finally {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS temp.main." + stage);
            }
        }
    }
}
