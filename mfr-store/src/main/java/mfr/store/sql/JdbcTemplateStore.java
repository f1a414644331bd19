package mfr.store.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.store.template.FaceCollection;
import mfr.store.template.NewTemplate;
import mfr.store.template.StoredVector;
import mfr.store.template.Subject;
import mfr.store.template.TemplateInfo;
import mfr.store.template.TemplateStore;

/** {@link TemplateStore} over JDBC, the same SQL for SQLite and PostgreSQL. */
final class JdbcTemplateStore implements TemplateStore {
    private final Jdbc jdbc;

    JdbcTemplateStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public FaceCollection createCollection(String name, boolean storePhotos) {
        long now = System.currentTimeMillis();
        return jdbc.transaction(c -> {
            if (findCollection(c, name).isPresent()) {
                throw new MfrException(ErrorCode.CONFLICT, "collection '" + name + "' already exists");
            }
            long id = insert(c, "INSERT INTO collections (name, store_photos, created_at) VALUES (?, ?, ?)",
                    name, storePhotos, now);
            return new FaceCollection(id, name, storePhotos, Instant.ofEpochMilli(now));
        });
    }

    @Override
    public List<FaceCollection> collections() {
        return jdbc.read(c -> {
            List<FaceCollection> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, name, store_photos, created_at FROM collections ORDER BY name");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(collectionOf(rs));
                }
            }
            return out;
        });
    }

    @Override
    public Optional<FaceCollection> collection(String name) {
        return jdbc.read(c -> findCollection(c, name));
    }

    @Override
    public void deleteCollection(String name) {
        jdbc.transaction(c -> {
            long id = requireCollection(c, name).id();
            update(c, "DELETE FROM photos WHERE template_id IN (SELECT id FROM templates WHERE collection_id = ?)", id);
            update(c, "DELETE FROM templates WHERE collection_id = ?", id);
            update(c, "DELETE FROM subjects WHERE collection_id = ?", id);
            update(c, "DELETE FROM api_keys WHERE collection_id = ?", id);
            update(c, "DELETE FROM collections WHERE id = ?", id);
            return null;
        });
    }

    @Override
    public Subject createSubject(String collection, String name) {
        return jdbc.transaction(c -> newSubject(c, requireCollection(c, collection), name));
    }

    @Override
    public List<Subject> subjects(String collection) {
        return jdbc.read(c -> {
            FaceCollection fc = requireCollection(c, collection);
            return querySubjects(c, fc, null);
        });
    }

    @Override
    public Optional<Subject> subject(String collection, String name) {
        return jdbc.read(c -> querySubjects(c, requireCollection(c, collection), name).stream().findFirst());
    }

    @Override
    public int deleteSubject(String collection, String name) {
        return jdbc.transaction(c -> {
            long sid = requireSubject(c, requireCollection(c, collection), name);
            update(c, "DELETE FROM photos WHERE template_id IN (SELECT id FROM templates WHERE subject_id = ?)", sid);
            int n = update(c, "DELETE FROM templates WHERE subject_id = ?", sid);
            update(c, "DELETE FROM subjects WHERE id = ?", sid);
            return n;
        });
    }

    @Override
    public TemplateInfo addTemplate(String collection, String subject, NewTemplate t, boolean createSubject) {
        long now = System.currentTimeMillis();
        byte[] bytes = VectorCodec.encode(t.vector());
        return jdbc.transaction(c -> {
            FaceCollection fc = requireCollection(c, collection);
            Optional<Long> sid = findSubject(c, fc.id(), subject);
            long subjectId;
            if (sid.isPresent()) {
                subjectId = sid.get();
            } else if (createSubject) {
                subjectId = newSubject(c, fc, subject).id();
            } else {
                throw new MfrException(ErrorCode.NOT_FOUND, "no subject '" + subject + "' in collection '"
                        + collection + "'; create it first or enroll with create=true");
            }
            long id = insert(c, "INSERT INTO templates (subject_id, collection_id, model_id, dim, vector, checksum, "
                            + "quality, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", subjectId, fc.id(), t.modelId(),
                    t.vector().length, bytes, VectorCodec.checksum(bytes), t.quality(), now);
            boolean photo = fc.storePhotos() && t.photo() != null;
            if (photo) {
                update(c, "INSERT INTO photos (template_id, media_type, data) VALUES (?, ?, ?)", id, t.photoType(),
                        t.photo());
            }
            return new TemplateInfo(id, subject, t.modelId(), t.vector().length, t.quality(), photo,
                    Instant.ofEpochMilli(now));
        });
    }

    @Override
    public List<TemplateInfo> templates(String collection, String subject) {
        return jdbc.read(c -> {
            long sid = requireSubject(c, requireCollection(c, collection), subject);
            List<TemplateInfo> out = new ArrayList<>();
            try (PreparedStatement ps = Jdbc.bind(c.prepareStatement("SELECT t.id, t.model_id, t.dim, t.quality, "
                    + "t.created_at, (SELECT COUNT(*) FROM photos p WHERE p.template_id = t.id) FROM templates t "
                    + "WHERE t.subject_id = ? ORDER BY t.id"), sid);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new TemplateInfo(rs.getLong(1), subject, rs.getString(2), rs.getInt(3), rs.getDouble(4),
                            rs.getInt(6) > 0, Instant.ofEpochMilli(rs.getLong(5))));
                }
            }
            return out;
        });
    }

    @Override
    public String deleteTemplate(String collection, long templateId) {
        return jdbc.transaction(c -> {
            FaceCollection fc = requireCollection(c, collection);
            String subject;
            try (PreparedStatement ps = Jdbc.bind(c.prepareStatement("SELECT s.name FROM templates t JOIN subjects s "
                    + "ON s.id = t.subject_id WHERE t.id = ? AND t.collection_id = ?"), templateId, fc.id());
                 ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new MfrException(ErrorCode.NOT_FOUND, "no face " + templateId + " in collection '"
                            + collection + "'");
                }
                subject = rs.getString(1);
            }
            update(c, "DELETE FROM photos WHERE template_id = ?", templateId);
            update(c, "DELETE FROM templates WHERE id = ?", templateId);
            return subject;
        });
    }

    @Override
    public Optional<byte[]> photo(String collection, long templateId) {
        return jdbc.read(c -> {
            FaceCollection fc = requireCollection(c, collection);
            try (PreparedStatement ps = Jdbc.bind(c.prepareStatement("SELECT p.data FROM photos p JOIN templates t "
                    + "ON t.id = p.template_id WHERE t.id = ? AND t.collection_id = ?"), templateId, fc.id());
                 ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.<byte[]>empty();
            }
        });
    }

    @Override
    public List<StoredVector> vectors(String collection, String modelId) {
        return jdbc.read(c -> {
            FaceCollection fc = requireCollection(c, collection);
            List<StoredVector> out = new ArrayList<>();
            try (PreparedStatement ps = Jdbc.bind(c.prepareStatement("SELECT t.id, s.name, t.vector, t.checksum, t.dim "
                    + "FROM templates t JOIN subjects s ON s.id = t.subject_id WHERE t.collection_id = ? "
                    + "AND t.model_id = ? ORDER BY t.id"), fc.id(), modelId);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byte[] bytes = rs.getBytes(3);
                    if (VectorCodec.checksum(bytes) != rs.getLong(4) || bytes.length != rs.getInt(5) * Float.BYTES) {
                        throw new MfrException(ErrorCode.IO, "template " + rs.getLong(1) + " of collection '"
                                + collection + "' is damaged (checksum mismatch); delete it and enroll again");
                    }
                    out.add(new StoredVector(rs.getLong(1), rs.getString(2), VectorCodec.decode(bytes)));
                }
            }
            return out;
        });
    }

    @Override
    public Map<String, Integer> templateCounts() {
        return jdbc.read(c -> {
            Map<String, Integer> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT c.name, (SELECT COUNT(*) FROM templates t "
                    + "WHERE t.collection_id = c.id) FROM collections c ORDER BY c.name");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getInt(2));
                }
            }
            return out;
        });
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    static Optional<FaceCollection> findCollection(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = Jdbc.bind(c.prepareStatement(
                "SELECT id, name, store_photos, created_at FROM collections WHERE name = ?"), name);
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(collectionOf(rs)) : Optional.empty();
        }
    }

    static FaceCollection requireCollection(Connection c, String name) throws SQLException {
        return findCollection(c, name).orElseThrow(() -> new MfrException(ErrorCode.NOT_FOUND,
                "no collection '" + name + "'; list them with GET /api/v1/collections"));
    }

    private static FaceCollection collectionOf(ResultSet rs) throws SQLException {
        return new FaceCollection(rs.getLong(1), rs.getString(2), rs.getBoolean(3), Instant.ofEpochMilli(rs.getLong(4)));
    }

    private static Optional<Long> findSubject(Connection c, long collectionId, String name) throws SQLException {
        try (PreparedStatement ps = Jdbc.bind(c.prepareStatement(
                "SELECT id FROM subjects WHERE collection_id = ? AND name = ?"), collectionId, name);
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
        }
    }

    private static long requireSubject(Connection c, FaceCollection fc, String name) throws SQLException {
        return findSubject(c, fc.id(), name).orElseThrow(() -> new MfrException(ErrorCode.NOT_FOUND,
                "no subject '" + name + "' in collection '" + fc.name() + "'"));
    }

    private static Subject newSubject(Connection c, FaceCollection fc, String name) throws SQLException {
        if (findSubject(c, fc.id(), name).isPresent()) {
            throw new MfrException(ErrorCode.CONFLICT, "subject '" + name + "' already exists in collection '"
                    + fc.name() + "'");
        }
        long now = System.currentTimeMillis();
        long id = insert(c, "INSERT INTO subjects (collection_id, name, created_at) VALUES (?, ?, ?)", fc.id(), name, now);
        return new Subject(id, fc.name(), name, Instant.ofEpochMilli(now), 0);
    }

    private static List<Subject> querySubjects(Connection c, FaceCollection fc, String name) throws SQLException {
        String sql = "SELECT s.id, s.name, s.created_at, (SELECT COUNT(*) FROM templates t WHERE t.subject_id = s.id) "
                + "FROM subjects s WHERE s.collection_id = ?" + (name == null ? "" : " AND s.name = ?") + " ORDER BY s.name";
        List<Subject> out = new ArrayList<>();
        try (PreparedStatement ps = name == null ? Jdbc.bind(c.prepareStatement(sql), fc.id())
                : Jdbc.bind(c.prepareStatement(sql), fc.id(), name);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Subject(rs.getLong(1), fc.name(), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
                        rs.getInt(4)));
            }
        }
        return out;
    }

    static long insert(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = Jdbc.bind(c.prepareStatement(sql + " RETURNING id"), args);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = Jdbc.bind(c.prepareStatement(sql), args)) {
            return ps.executeUpdate();
        }
    }
}
