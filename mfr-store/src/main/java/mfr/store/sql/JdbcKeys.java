package mfr.store.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mfr.store.key.ApiKeyRecord;
import mfr.store.key.ApiKeyStore;

/** {@link ApiKeyStore} over JDBC. */
final class JdbcKeys implements ApiKeyStore {
    private static final String COLUMNS = "SELECT k.key_id, k.hash, k.salt, k.role, c.name, k.label, k.created_at "
            + "FROM api_keys k LEFT JOIN collections c ON c.id = k.collection_id ";
    private final Jdbc jdbc;

    JdbcKeys(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void putKey(ApiKeyRecord k) {
        jdbc.transaction(c -> {
            Long collectionId = k.collection() == null ? null
                    : JdbcTemplateStore.requireCollection(c, k.collection()).id();
            JdbcTemplateStore.update(c, "INSERT INTO api_keys (key_id, hash, salt, role, collection_id, label, created_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?)", k.keyId(), k.hash(), k.salt(), k.role().name(),
                    collectionId, k.label(), k.createdAt().toEpochMilli());
            return null;
        });
    }

    @Override
    public Optional<ApiKeyRecord> key(String keyId) {
        return jdbc.read(c -> {
            List<ApiKeyRecord> l = query(c, COLUMNS + "WHERE k.key_id = ?", keyId);
            return l.stream().findFirst();
        });
    }

    @Override
    public boolean hasAdminKey() {
        return jdbc.read(c -> !query(c, COLUMNS + "WHERE k.role = ?", ApiKeyRecord.Role.ADMIN.name()).isEmpty());
    }

    @Override
    public List<ApiKeyRecord> keys(String collection) {
        return jdbc.read(c -> query(c, COLUMNS + "WHERE c.name = ? ORDER BY k.created_at", collection));
    }

    @Override
    public boolean deleteKey(String keyId) {
        return jdbc.transaction(c -> JdbcTemplateStore.update(c, "DELETE FROM api_keys WHERE key_id = ?", keyId) > 0);
    }

    @Override
    public int deleteRole(ApiKeyRecord.Role role) {
        return jdbc.transaction(c -> JdbcTemplateStore.update(c, "DELETE FROM api_keys WHERE role = ?", role.name()));
    }

    private static List<ApiKeyRecord> query(Connection c, String sql, Object... args) throws SQLException {
        List<ApiKeyRecord> out = new ArrayList<>();
        try (PreparedStatement ps = Jdbc.bind(c.prepareStatement(sql), args);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new ApiKeyRecord(rs.getString(1), rs.getBytes(2), rs.getBytes(3),
                        ApiKeyRecord.Role.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6),
                        Instant.ofEpochMilli(rs.getLong(7))));
            }
        }
        return out;
    }
}
