package mfr.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.store.key.ApiKeyRecord;
import mfr.store.key.ApiKeyStore;

/**
 * Issues and checks API keys. A key reads {@code mfr_<id>_<secret>}: the id finds the record, the 256-bit secret is
 * never stored, only SHA-256(salt || secret), and is compared in constant time. An unknown id costs the same hash
 * and comparison as a known one.
 */
public final class ApiKeys {
    /** A newly issued key: the only time its secret is seen. */
    public record Issued(String key, String keyId, ApiKeyRecord.Role role, String collection) {
    }

    private static final byte[] DUMMY_SALT = new byte[16];
    private static final byte[] DUMMY_HASH = new byte[32];

    private final ApiKeyStore store;
    private final SecureRandom random = new SecureRandom();

    public ApiKeys(ApiKeyStore store) {
        this.store = store;
    }

    public Issued issue(ApiKeyRecord.Role role, String collection, String label) {
        String id = token(9);
        String secret = token(32);
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        store.putKey(new ApiKeyRecord(id, hash(salt, secret), salt, role, collection, label, Instant.now()));
        return new Issued("mfr_" + id + "_" + secret, id, role, collection);
    }

    /** The admin key when none exists yet (first start), else empty. */
    public Optional<Issued> issueAdminIfMissing() {
        synchronized (ApiKeys.class) {
            if (store.hasAdminKey()) {
                return Optional.empty();
            }
            return Optional.of(issue(ApiKeyRecord.Role.ADMIN, null, "admin"));
        }
    }

    /** Revokes every admin key and issues a new one (for a lost admin key: {@code mfr serve --new-admin-key}). */
    public Issued replaceAdmin() {
        synchronized (ApiKeys.class) {
            store.deleteRole(ApiKeyRecord.Role.ADMIN);
            return issue(ApiKeyRecord.Role.ADMIN, null, "admin");
        }
    }

    /** The caller a presented key belongs to; UNAUTHORIZED when it is missing, malformed, unknown or wrong. */
    public Caller authenticate(String presented) {
        if (presented == null || presented.isBlank()) {
            throw new MfrException(ErrorCode.UNAUTHORIZED, "no API key: send 'Authorization: Bearer <key>' (the admin"
                    + " key is printed at the first start of 'mfr serve')");
        }
        String[] parts = presented.trim().split("_", 3);
        boolean wellFormed = parts.length == 3 && parts[0].equals("mfr") && !parts[1].isEmpty() && !parts[2].isEmpty();
        Optional<ApiKeyRecord> rec = wellFormed ? store.key(parts[1]) : Optional.empty();
        byte[] salt = rec.map(ApiKeyRecord::salt).orElse(DUMMY_SALT);
        byte[] expected = rec.map(ApiKeyRecord::hash).orElse(DUMMY_HASH);
        byte[] actual = hash(salt, wellFormed ? parts[2] : presented);
        boolean ok = MessageDigest.isEqual(expected, actual) && rec.isPresent();
        if (!ok) {
            throw new MfrException(ErrorCode.UNAUTHORIZED, "unknown or wrong API key");
        }
        ApiKeyRecord r = rec.get();
        return new Caller(r.keyId(), r.role(), r.collection());
    }

    public java.util.List<ApiKeyRecord> list(String collection) {
        return store.keys(collection);
    }

    public boolean revoke(String keyId) {
        return store.deleteKey(keyId);
    }

    static byte[] hash(byte[] salt, String secret) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(salt);
            md.update(secret.getBytes(StandardCharsets.UTF_8));
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String token(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        // base64url without '_' so that the key splits unambiguously on '_'
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b).replace('_', '.');
    }
}
