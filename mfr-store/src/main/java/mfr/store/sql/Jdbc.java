package mfr.store.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;

/** Runs work on a pooled connection, in a transaction when asked; SQL failures become {@link MfrException}s. */
final class Jdbc {
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final DataSource source;
    private final String where;

    Jdbc(DataSource source, String where) {
        this.source = source;
        this.where = where;
    }

    <T> T read(Work<T> work) {
        try (Connection c = source.getConnection()) {
            c.setAutoCommit(true);
            return work.run(c);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Runs {@code work} in one transaction: all of it is committed, or none of it. */
    <T> T transaction(Work<T> work) {
        try (Connection c = source.getConnection()) {
            c.setAutoCommit(false);
            try {
                T out = work.run(c);
                c.commit();
                return out;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException r) {
                    e.addSuppressed(r);
                }
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    static PreparedStatement bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }

    private MfrException failure(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String msg = String.valueOf(e.getMessage());
        if (state.startsWith("23") || msg.contains("UNIQUE constraint failed") || msg.contains("SQLITE_CONSTRAINT")) {
            return new MfrException(ErrorCode.CONFLICT, "already exists (" + firstLine(msg) + ")", e);
        }
        return new MfrException(ErrorCode.IO, where + ": database error: " + firstLine(msg)
                + "; check that the store is reachable and writable", e);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
