package mfr.store.sql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;

/** Runs the store contract against a real PostgreSQL server named by MFR_PG_URL (set by .ci/run). */
class PostgresStoreTest extends StoreContract {
    static final String URL = System.getenv("MFR_PG_URL");
    SqlStore store;
    String schema;

    @BeforeEach
    void open() {
        Assumptions.assumeTrue(URL != null && !URL.isBlank(),
                "MFR_PG_URL is not set: start PostgreSQL with .ci/start-postgres and export MFR_PG_URL=<the URL it prints>");
        schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        store = SqlStore.open(StoreConfig.postgres(URL, schema));
    }

    @AfterEach
    void close() throws Exception {
        if (store != null) {
            store.close();
            try (Connection c = DriverManager.getConnection(URL); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    @Override
    SqlStore store() {
        return store;
    }
}
