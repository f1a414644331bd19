package mfr.store.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** Connection pools for the two databases. */
final class DataSources {
    private DataSources() {
    }

    static HikariDataSource open(StoreConfig config) {
        HikariConfig h = new HikariConfig();
        h.setPoolName("mfr-store");
        h.setMaximumPoolSize(config.poolSize());
        h.setMinimumIdle(1);
        h.setInitializationFailTimeout(10_000);
        h.setConnectionTimeout(15_000);
        if (config.dialect() == SqlDialect.SQLITE) {
            Path file = config.sqlite().toAbsolutePath();
            try {
                Files.createDirectories(file.getParent());
            } catch (IOException e) {
                throw new MfrException(ErrorCode.IO, "cannot create " + file.getParent() + ": " + e.getMessage());
            }
            SQLiteConfig c = new SQLiteConfig();
            c.setJournalMode(SQLiteConfig.JournalMode.WAL);
            // FULL: a committed (acknowledged) template survives a crash of the process and of the machine.
            c.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            c.enforceForeignKeys(true);
            c.setBusyTimeout(30_000);
            // IMMEDIATE: a transaction takes the write lock when it begins, so two writers never deadlock.
            c.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            SQLiteDataSource ds = new SQLiteDataSource(c);
            ds.setUrl("jdbc:sqlite:" + file);
            h.setDataSource(ds);
        } else {
            h.setJdbcUrl(config.jdbcUrl());
            if (config.schema() != null) {
                h.setSchema(config.schema());
            }
        }
        try {
            return new HikariDataSource(h);
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new MfrException(ErrorCode.IO, "cannot open the template store (" + config.describe() + "): "
                    + root.getMessage(), e);
        }
    }
}
