package mfr.store.sql;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import mfr.store.audit.AuditEvent;
import mfr.store.audit.AuditLog;

/** {@link AuditLog} as an append-only table. */
final class JdbcAudit implements AuditLog {
    private final Jdbc jdbc;

    JdbcAudit(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void append(AuditEvent e) {
        jdbc.transaction(c -> JdbcTemplateStore.update(c, "INSERT INTO audit (at, actor, action, collection, target, "
                        + "outcome, status) VALUES (?, ?, ?, ?, ?, ?, ?)", e.at().toEpochMilli(), e.actor(), e.action(),
                e.collection(), e.target(), e.outcome(), e.status()));
    }

    @Override
    public List<AuditEvent> tail(int limit) {
        return jdbc.read(c -> {
            List<AuditEvent> out = new ArrayList<>();
            try (PreparedStatement ps = Jdbc.bind(c.prepareStatement("SELECT at, actor, action, collection, target, "
                    + "outcome, status FROM audit ORDER BY id DESC LIMIT ?"), limit);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AuditEvent(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7)));
                }
            }
            return out;
        });
    }
}
