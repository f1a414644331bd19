package mfr.store.sql;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest extends StoreContract {
    @TempDir
    Path dir;
    SqlStore store;

    @BeforeEach
    void open() {
        store = SqlStore.open(StoreConfig.sqlite(dir.resolve("sub/mfr.db")));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Override
    SqlStore store() {
        return store;
    }
}
