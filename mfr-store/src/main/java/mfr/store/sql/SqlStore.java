package mfr.store.sql;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.store.audit.AuditLog;
import mfr.store.key.ApiKeyStore;
import mfr.store.template.TemplateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store: templates, API keys and the audit log in one database (SQLite or PostgreSQL), its schema created on
 * open. Thread-safe; close it to release the connections.
 */
public final class SqlStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqlStore.class);

    private final StoreConfig config;
    private final HikariDataSource source;
    private final TemplateStore templates;
    private final ApiKeyStore keys;
    private final AuditLog audit;

    private SqlStore(StoreConfig config, HikariDataSource source) {
        this.config = config;
        this.source = source;
        Jdbc jdbc = new Jdbc(source, config.dialect() == SqlDialect.SQLITE ? config.sqlite().toString() : "postgresql");
        this.templates = new JdbcTemplateStore(jdbc);
        this.keys = new JdbcKeys(jdbc);
        this.audit = new JdbcAudit(jdbc);
    }

    public static SqlStore open(StoreConfig config) {
        LOG.info("store {}", config.describe());
        if (config.dialect() == SqlDialect.POSTGRES && config.schema() != null) {
            createSchema(config);
        }
        HikariDataSource ds = DataSources.open(config);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            for (String sql : config.dialect().schema()) {
                st.execute(sql);
            }
        } catch (SQLException e) {
            ds.close();
            throw new MfrException(ErrorCode.IO, "cannot create the store schema: " + e.getMessage(), e);
        }
        return new SqlStore(config, ds);
    }

    private static void createSchema(StoreConfig config) {
        if (!config.schema().matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
            throw new MfrException(ErrorCode.USAGE, "schema name '" + config.schema() + "' must be letters, digits, _");
        }
        try (Connection c = DriverManager.getConnection(config.jdbcUrl()); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS " + config.schema());
        } catch (SQLException e) {
            throw new MfrException(ErrorCode.IO, "cannot reach PostgreSQL at " + config.describe().get("store.url")
                    + ": " + e.getMessage(), e);
        }
    }

    public StoreConfig config() {
        return config;
    }

    public TemplateStore templates() {
        return templates;
    }

    public ApiKeyStore keys() {
        return keys;
    }

    public AuditLog audit() {
        return audit;
    }

    @Override
    public void close() {
        source.close();
    }
}
