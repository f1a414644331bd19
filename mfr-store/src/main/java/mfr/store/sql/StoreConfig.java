package mfr.store.sql;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where templates are kept: an SQLite file (the default, under {@code $MFR_HOME}) or a PostgreSQL database.
 *
 * @param dialect  SQLITE or POSTGRES
 * @param sqlite   the SQLite file (SQLITE only)
 * @param jdbcUrl  PostgreSQL JDBC URL, e.g. jdbc:postgresql://127.0.0.1:5432/mfr?user=mfr (POSTGRES only)
 * @param schema   PostgreSQL schema to use, created when missing (null: the URL's default)
 * @param poolSize connections kept open
 */
public record StoreConfig(SqlDialect dialect, Path sqlite, String jdbcUrl, String schema, int poolSize) {
    public static StoreConfig sqlite(Path file) {
        return new StoreConfig(SqlDialect.SQLITE, file, null, null, 4);
    }

    public static StoreConfig postgres(String jdbcUrl, String schema) {
        return new StoreConfig(SqlDialect.POSTGRES, null, jdbcUrl, schema, 8);
    }

    /** Every value, the password of a URL hidden, for the start-up log. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("store.dialect", dialect);
        if (dialect == SqlDialect.SQLITE) {
            m.put("store.sqlite", sqlite.toAbsolutePath().toString());
        } else {
            m.put("store.url", jdbcUrl.replaceAll("password=[^&]*", "password=***"));
            m.put("store.schema", schema == null ? "(default)" : schema);
        }
        m.put("store.poolSize", poolSize);
        return m;
    }
}
